"""POST /v1/impactanalyses → 202 and a status resource that ends with the report."""

from __future__ import annotations

import io
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service.engine.library import Regelbibliotheek
from service.impact import proefdata
from tests.conftest import auth
from tests.impact.test_impact import ACHT_WEKEN, ZES_WEKEN, kandidaat

AANTAL = 400


def tar_gz(map: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archief:
        archief.add(map, arcname="rules")
    return buffer.getvalue()


def wacht_tot_klaar(client: TestClient, locatie: str) -> dict[str, Any]:
    einde = time.monotonic() + 180
    while time.monotonic() < einde:
        status = client.get(locatie, headers=auth("beleid"))
        assert status.status_code == 200, status.text
        data: dict[str, Any] = status.json()
        if data["status"] in ("klaar", "mislukt"):
            for proces in client.app.state.impactprocessen:  # type: ignore[attr-defined]
                proces.wait(timeout=60)  # before the test database goes
            return data
        time.sleep(0.5)
    pytest.fail("de analyse werd niet klaar")


@pytest.fixture
def gevuld(db_engine: Engine, bibliotheek: Regelbibliotheek, maak_client: Any) -> TestClient:
    client: TestClient = maak_client()  # migrates the database
    proefdata.vul(db_engine, bibliotheek, AANTAL)
    return client


class TestImpactApi:
    def test_archief_tot_rapport(self, gevuld: TestClient, tmp_path: Path) -> None:
        archief = tar_gz(kandidaat(tmp_path, ZES_WEKEN, ACHT_WEKEN))
        antwoord = gevuld.post(
            "/v1/impactanalyses",
            files={"archief": ("kandidaat.tar.gz", archief, "application/gzip")},
            data={"soort": "termijnen"},
            headers=auth("beleid"),
        )
        assert antwoord.status_code == 202, antwoord.text
        assert antwoord.json()["status"] == "wachtrij"
        assert antwoord.json()["voortgang"]["totaal"] == AANTAL
        locatie = antwoord.headers["location"]
        klaar = wacht_tot_klaar(gevuld, locatie)
        assert klaar["status"] == "klaar", klaar.get("fout")
        assert klaar["voortgang"] == {
            "beoordeeld": AANTAL,
            "totaal": AANTAL,
            "delenKlaar": 1,
            "delen": 1,
        }
        rapport = klaar["rapport"]
        assert rapport["beoordeeld"] == AANTAL and 0 < rapport["gewijzigd"] < AANTAL
        velden = [v["veld"] for v in rapport["perSoort"]["termijnen"]["velden"]]
        assert "vorderingen[].betalingstermijnEinde" in velden

    def test_benoemde_map(
        self, db_engine: Engine, bibliotheek: Regelbibliotheek, maak_client: Any, tmp_path: Path
    ) -> None:
        kandidaat(tmp_path)  # tmp_path/kandidaat, an unchanged copy
        client: TestClient = maak_client(kandidaten_dir=tmp_path)
        proefdata.vul(db_engine, bibliotheek, 100)
        antwoord = client.post(
            "/v1/impactanalyses", json={"map": "kandidaat"}, headers=auth("beleid")
        )
        assert antwoord.status_code == 202, antwoord.text
        rapport = wacht_tot_klaar(client, antwoord.headers["location"])["rapport"]
        assert (rapport["beoordeeld"], rapport["gewijzigd"]) == (100, 0)
        for naam in ("../kandidaat", "..", "/etc"):
            fout = client.post("/v1/impactanalyses", json={"map": naam}, headers=auth("beleid"))
            assert fout.status_code == 400, naam
        assert (
            client.post(
                "/v1/impactanalyses", json={"map": "bestaat-niet"}, headers=auth("beleid")
            ).status_code
            == 404
        )

    def test_rollen_en_fouten(self, gevuld: TestClient, tmp_path: Path) -> None:
        archief = tar_gz(kandidaat(tmp_path))
        bestand = {"archief": ("k.tar.gz", archief, "application/gzip")}
        assert gevuld.post("/v1/impactanalyses", files=bestand).status_code == 401
        for wie in ("medewerker", "teamleider", "systeem"):
            assert (
                gevuld.post("/v1/impactanalyses", files=bestand, headers=auth(wie)).status_code
                == 403
            )
            assert gevuld.get("/v1/impactanalyses/x", headers=auth(wie)).status_code == 403
        assert (
            gevuld.get("/v1/impactanalyses/bestaat-niet", headers=auth("beleid")).status_code == 404
        )
        kapot = gevuld.post(
            "/v1/impactanalyses",
            files={"archief": ("k.tar.gz", b"geen archief", "application/gzip")},
            headers=auth("beleid"),
        )
        assert kapot.status_code == 400
        assert kapot.headers["content-type"] == "application/problem+json"
        assert kapot.json()["invalidParams"][0]["name"] == "archief"

    def test_kandidaat_met_fouten(self, gevuld: TestClient, tmp_path: Path) -> None:
        map = kandidaat(
            tmp_path,
            ZES_WEKEN,
            "      - geldigVanaf: 2009-07-01\n        waarde: 6\n        tikfout: 1\n",
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archief:
            for pad in map.rglob("*.yaml"):
                archief.write(pad, pad.relative_to(map).as_posix())
        antwoord = gevuld.post(
            "/v1/impactanalyses",
            files={"archief": ("k.zip", buffer.getvalue(), "application/zip")},
            headers=auth("beleid"),
        )
        assert antwoord.status_code == 422
        assert any(
            p["tekst"].startswith("parameters/termijnen.yaml:")
            for p in antwoord.json()["problemen"]
        )


class TestArchief:
    def test_pad_buiten_de_map_wordt_geweigerd(self) -> None:
        from service.errors import OngeldigVerzoek
        from service.impact.archief import lees_archief

        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as archief:
            inhoud = b"formaat: '1.0'\n"
            lid = tarfile.TarInfo("../buiten.yaml")
            lid.size = len(inhoud)
            archief.addfile(lid, io.BytesIO(inhoud))
        with pytest.raises(OngeldigVerzoek) as fout:
            lees_archief(buffer.getvalue())
        assert "geen veilig relatief pad" in str(fout.value.extra["invalidParams"])

    def test_bovenste_map_valt_weg(self, tmp_path: Path) -> None:
        from service.impact.archief import lees_archief

        bestanden = lees_archief(tar_gz(kandidaat(tmp_path)))
        assert "termijnen.yaml" in bestanden and "parameters/termijnen.yaml" in bestanden

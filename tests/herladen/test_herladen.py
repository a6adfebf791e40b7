"""POST /v1/regelsets/_herladen in one process: all or nothing, audited, policy staff only."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import laad_bibliotheek
from service.settings import Instellingen
from tests.conftest import RULES, auth

VERZOEK = {
    "soort": "termijnen",
    "peildatum": "2026-01-20",
    "gegevens": {
        "vorderingen": [{"id": "V1", "bedrag": "100.00", "verzenddatumBeschikking": "2026-01-05"}]
    },
}
ZES = "      - geldigVanaf: 2009-07-01\n        waarde: 6\n"


def vervang(map: Path, oud: str, nieuw: str, bestand: str = "parameters/termijnen.yaml") -> None:
    pad = map / bestand
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.count(oud) == 1
    pad.write_text(tekst.replace(oud, nieuw), encoding="utf-8")


def client_met_regels(db_engine: Engine, tmp_path: Path) -> tuple[TestClient, Path]:
    map = tmp_path / "rules"
    shutil.copytree(RULES, map)
    app = maak_app(Instellingen(rules_dir=map), bibliotheek=laad_bibliotheek(map), engine=db_engine)
    return TestClient(app, raise_server_exceptions=False), map


def beslis(client: TestClient) -> tuple[str, str]:
    antwoord = client.post("/v1/beslissingen", json=VERZOEK, headers=auth("medewerker"))
    assert antwoord.status_code == 201, antwoord.text
    data: dict[str, Any] = antwoord.json()
    return data["uitkomst"]["vorderingen"][0]["betalingstermijnEinde"], data["regelset"]["hash"]


class TestHerladen:
    def test_goede_wijziging_geldt_meteen(self, db_engine: Engine, tmp_path: Path) -> None:
        client, map = client_met_regels(db_engine, tmp_path)
        eind_voor, hash_voor = beslis(client)
        vervang(map, ZES, ZES.replace("6", "8"))
        antwoord = client.post("/v1/regelsets/_herladen", headers=auth("beleid"))
        assert antwoord.status_code == 200, antwoord.text
        herlading = antwoord.json()
        assert herlading["gewijzigd"] is True
        termijnen = {r["naam"]: r["hash"] for r in herlading["nieuw"]}["termijnen"]
        assert {r["naam"]: r["hash"] for r in herlading["oud"]}["termijnen"] == hash_voor
        eind_na, hash_na = beslis(client)
        assert (eind_voor, eind_na) == ("2026-02-16", "2026-03-02")
        assert hash_na == termijnen != hash_voor
        with db_engine.connect() as verbinding:
            audit = verbinding.execute(
                text(
                    "SELECT gebruikers_id, resultaat, oud, nieuw FROM auditrecord WHERE actie = 'herladen'"
                )
            ).all()
        [(wie, resultaat, oud, nieuw)] = audit
        assert (wie, resultaat) == ("p.mulder", 200)
        assert hash_voor in str(oud) and hash_na in str(nieuw)

    def test_kapot_bestand_wordt_geweigerd(self, db_engine: Engine, tmp_path: Path) -> None:
        """Every problem with its file:line; decisions keep coming from the old rules."""
        client, map = client_met_regels(db_engine, tmp_path)
        _, hash_voor = beslis(client)
        vervang(
            map,
            ZES,
            "      - geldigVanaf: 2009-07-01\n        waarde: 6\n        onbekendVeld: 1\n",
        )
        vervang(
            map,
            "id: TRM-VERZUIM\n",
            "id: TRM-VERZUIM\n    onzin: ja\n",
            "gedeeld/betalingstermijn.yaml",
        )
        antwoord = client.post("/v1/regelsets/_herladen", headers=auth("beleid"))
        assert antwoord.status_code == 422
        assert antwoord.headers["content-type"] == "application/problem+json"
        teksten = [p["tekst"] for p in antwoord.json()["problemen"]]
        regel = next(
            i
            for i, r in enumerate((map / "parameters/termijnen.yaml").read_text().splitlines(), 1)
            if "onbekendVeld" in r
        )
        assert any(t.startswith(f"parameters/termijnen.yaml:{regel}:") for t in teksten), teksten
        assert any(
            t.startswith("gedeeld/betalingstermijn.yaml:") and "TRM-VERZUIM" in t for t in teksten
        ), teksten
        assert beslis(client) == ("2026-02-16", hash_voor)

    def test_alleen_beleid(self, db_engine: Engine, tmp_path: Path) -> None:
        client, _ = client_met_regels(db_engine, tmp_path)
        assert client.post("/v1/regelsets/_herladen").status_code == 401
        for wie in ("medewerker", "systeem", "teamleider"):
            assert client.post("/v1/regelsets/_herladen", headers=auth(wie)).status_code == 403

    def test_ongewijzigd(self, db_engine: Engine, tmp_path: Path) -> None:
        client, _ = client_met_regels(db_engine, tmp_path)
        antwoord = client.post("/v1/regelsets/_herladen", headers=auth("beleid"))
        assert antwoord.status_code == 200
        assert antwoord.json()["gewijzigd"] is False


def test_zelfde_versie_andere_inhoud_geeft_een_waarschuwing(
    db_engine: Engine, tmp_path: Path
) -> None:
    """Loaded (the rules are sound), but the answer says the versie should have been raised."""
    client, map = client_met_regels(db_engine, tmp_path)
    vervang(map, ZES, ZES.replace("6", "8"))
    antwoord = client.post("/v1/regelsets/_herladen", headers=auth("beleid"))
    assert antwoord.status_code == 200, antwoord.text
    assert any(
        w.startswith("termijnen.yaml:") and "de inhoud is veranderd sinds versie" in w
        for w in antwoord.json()["waarschuwingen"]
    ), antwoord.json()

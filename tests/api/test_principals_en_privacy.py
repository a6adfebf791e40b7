"""Production principals, the pseudonymised processing log, and the quality figures."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import Regelbibliotheek
from service.settings import Instellingen
from tests.conftest import auth

BSN = "111222333"  # passes the 11-test; a test number, not a person


def termijnen(**extra: Any) -> dict[str, Any]:
    return {
        "soort": "termijnen",
        "peildatum": "2026-03-01",
        "gegevens": {
            "vorderingen": [
                {"id": "V1", "bedrag": "100.00", "verzenddatumBeschikking": "2026-01-05"}
            ]
        },
        **extra,
    }


class TestProductie:
    @pytest.fixture
    def productie(
        self, bibliotheek: Regelbibliotheek, db_engine: Engine, tmp_path: Path
    ) -> TestClient:
        bestand = tmp_path / "principals.yaml"
        bestand.write_text(
            "principals:\n"
            f"  - {{id: k.jansen, rol: medewerker, mandaatrol: senior-invorderaar, "
            f"tokenHash: {hashlib.sha256(b'geheim-token-1').hexdigest()}}}\n",
            encoding="utf-8",
        )
        instellingen = Instellingen(
            env="production", principals_file=bestand, pseudonimiseringssleutel="productiesleutel"
        )
        return TestClient(maak_app(instellingen, bibliotheek=bibliotheek, engine=db_engine))

    def test_demo_tokens_geweigerd(self, productie: TestClient) -> None:
        for wie in ("medewerker", "systeem", "beleid"):
            assert (
                productie.post("/v1/beslissingen", json=termijnen(), headers=auth(wie)).status_code
                == 401
            )

    def test_principal_uit_configuratie(self, productie: TestClient) -> None:
        r = productie.post(
            "/v1/beslissingen", json=termijnen(), headers={"Authorization": "Bearer geheim-token-1"}
        )
        assert r.status_code == 201
        assert r.json()["behandelaar"] == "k.jansen"

    def test_productie_vraagt_principals_en_sleutel(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError):
            Instellingen(env="production")
        with pytest.raises(ValidationError):
            Instellingen(env="production", principals_file=tmp_path / "p.yaml")


class TestBsn:
    @pytest.mark.parametrize("bsn", ["111222334", "12345678", "abcdefghi"])
    def test_ongeldig_bsn(self, client: TestClient, bsn: str) -> None:
        r = client.post("/v1/beslissingen", json=termijnen(bsn=bsn), headers=auth("medewerker"))
        assert r.status_code == 400
        assert r.json()["invalidParams"][0]["name"] == "bsn"
        assert bsn not in r.text

    def test_bsn_nergens_opgeslagen(self, client: TestClient, db_engine: Engine) -> None:
        """The processing log moved to the Logboek (tests/logboek); the database keeps no BSN."""
        r = client.post("/v1/beslissingen", json=termijnen(bsn=BSN), headers=auth("medewerker"))
        assert r.status_code == 201
        assert BSN not in r.text
        with db_engine.connect() as verbinding:
            alles = json.dumps(
                [
                    list(map(str, rij))
                    for tabel in ("beslissing", "auditrecord", "dataverwerking")
                    for rij in verbinding.execute(text(f"SELECT * FROM {tabel}")).all()
                ]
            )
        assert BSN not in alles


class TestStatistieken:
    def test_per_soort_en_regel(self, client: TestClient) -> None:
        ids = [
            client.post(
                "/v1/beslissingen",
                json=termijnen(
                    gegevens={
                        "vorderingen": [
                            {
                                "id": "V1",
                                "bedrag": "20000.00",
                                "verzenddatumBeschikking": "2026-01-05",
                            }
                        ]
                    }
                ),
                headers=auth("medewerker"),
            ).json()["id"]
            for _ in range(3)
        ]
        client.post(
            f"/v1/beslissingen/{ids[0]}/beoordelingen",
            json={"oordeel": "akkoord"},
            headers=auth("collega"),
        )
        client.post(
            f"/v1/beslissingen/{ids[1]}/beoordelingen",
            json={"oordeel": "afgekeurd", "toelichting": "fout"},
            headers=auth("collega"),
        )
        r = client.get("/v1/statistieken", headers=auth("beleid"))
        assert r.status_code == 200
        assert r.json()["perSoort"] == [
            {
                "soort": "termijnen",
                "beslissingen": 3,
                "beoordelingVereist": 3,
                "goedgekeurd": 1,
                "afgekeurd": 1,
                "open": 1,
            }
        ]
        regel = next(x for x in r.json()["perRegel"] if x["regel"] == "TRM-BETALINGSTERMIJN-AWB")
        assert (regel["beslissingen"], regel["goedgekeurd"], regel["afgekeurd"]) == (3, 1, 1)
        assert client.get("/v1/statistieken", headers=auth("systeem")).status_code == 403

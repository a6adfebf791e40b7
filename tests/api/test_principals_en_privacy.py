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
            env="production",
            principals_file=bestand,
            pseudonimiseringssleutel="productiesleutel-van-minstens-32-bytes",
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


def _alle_waarden(engine: Engine) -> list[str]:
    """Every stored cell of every table, as text."""
    with engine.connect() as verbinding:
        tabellen = [
            rij[0]
            for rij in verbinding.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    if engine.dialect.name == "sqlite"
                    else "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                )
            )
        ]
        return [
            str(waarde)
            for tabel in tabellen
            for rij in verbinding.execute(text(f'SELECT * FROM "{tabel}"'))
            for waarde in rij
        ]


def _ongesleutelde_hashes(verzoek: dict[str, Any], body: bytes) -> set[str]:
    """What someone with the stored data and a list of BSNs could compute without the key."""
    vormen = [
        body,
        json.dumps(verzoek).encode(),
        json.dumps(verzoek, sort_keys=True).encode(),
        json.dumps(verzoek, sort_keys=True, separators=(",", ":")).encode(),
        json.dumps(verzoek, sort_keys=True, separators=(",", ":"), default=str).encode(),
        BSN.encode(),
    ]
    # The former fingerprint: every field, null where absent, sorted, compact.
    velden = {k: verzoek.get(k) for k in ("bsn", "soort", "peildatum", "zaakreferentie", "behandelaar", "gegevens")}  # fmt: skip
    vormen.append(json.dumps(velden, sort_keys=True, separators=(",", ":"), default=str).encode())
    return {
        getattr(hashlib, algoritme)(vorm).hexdigest()
        for vorm in vormen
        for algoritme in ("md5", "sha1", "sha256", "sha512", "blake2b", "sha3_256")
    }


class TestVingerafdruk:
    def test_geen_ongesleutelde_hash_opgeslagen(
        self, client: TestClient, db_engine: Engine
    ) -> None:
        """The Idempotency-Key fingerprint is keyed: nothing stored can be recomputed from a
        BSN and the stored case data alone."""
        verzoek = termijnen(bsn=BSN)
        body = json.dumps(verzoek).encode()
        r = client.post(
            "/v1/beslissingen",
            content=body,
            headers={
                **auth("medewerker"),
                "Content-Type": "application/json",
                "Idempotency-Key": "k-1",
            },
        )
        assert r.status_code == 201
        waarden = _alle_waarden(db_engine)
        assert waarden, "niets opgeslagen"
        for digest in _ongesleutelde_hashes(verzoek, body):
            assert not any(digest in waarde for waarde in waarden), digest

    def test_andere_sleutel_andere_vingerafdruk(
        self, bibliotheek: Regelbibliotheek, db_engine: Engine
    ) -> None:
        """The same request under two keys: two fingerprints (and replays still recognised)."""
        afdrukken = []
        for sleutel in ("a" * 32, "b" * 32):
            client = TestClient(
                maak_app(
                    Instellingen(pseudonimiseringssleutel=sleutel),
                    bibliotheek=bibliotheek,
                    engine=db_engine,
                )
            )
            kop = {**auth("medewerker"), "Idempotency-Key": f"k-{sleutel[0]}"}
            eerste = client.post("/v1/beslissingen", json=termijnen(bsn=BSN), headers=kop)
            herhaald = client.post("/v1/beslissingen", json=termijnen(bsn=BSN), headers=kop)
            assert (eerste.status_code, herhaald.status_code) == (201, 200)
            assert herhaald.json()["id"] == eerste.json()["id"]
            with db_engine.connect() as verbinding:
                afdrukken.append(
                    verbinding.execute(
                        text("SELECT verzoek_hash FROM beslissing WHERE id = :id"),
                        {"id": eerste.json()["id"]},
                    ).scalar_one()
                )
        assert afdrukken[0] != afdrukken[1]

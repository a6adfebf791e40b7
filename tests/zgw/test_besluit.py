"""The ZGW export: a final decision as a Besluiten API 1.1.0 `besluit`, validated by its schema."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import Regelbibliotheek
from service.mandates.register import laad_register
from service.settings import Instellingen
from tests.conftest import ROOT, auth
from tests.referentie import referentie


@pytest.fixture
def client(bibliotheek: Regelbibliotheek, db_engine: Engine, tmp_path: Path) -> TestClient:
    """Without the random review sample: whether a decision needs review is up to the test."""
    map = tmp_path / "mandates"
    shutil.copytree(ROOT / "mandates", map)
    register = map / "register.yaml"
    tekst = register.read_text(encoding="utf-8")
    assert 'steekproefPercentage: "0.10"' in tekst
    register.write_text(tekst.replace('steekproefPercentage: "0.10"', 'steekproefPercentage: "0"'))
    app = maak_app(
        Instellingen(), bibliotheek=bibliotheek, engine=db_engine, register=laad_register(map)
    )
    return TestClient(app, raise_server_exceptions=False)


def besluit_schema() -> dict[str, Any]:
    """The Besluit schema of the published Besluiten API 1.1.0 (OAS 3.0: nullable → null)."""
    document = yaml.safe_load(referentie("zgw-besluiten-openapi.yaml").read_text(encoding="utf-8"))
    schema: dict[str, Any] = document["components"]["schemas"]["Besluit"]
    assert document["info"]["version"] == "1.1.0"

    def als_jsonschema(s: Any) -> Any:
        if isinstance(s, dict):
            uit = {k: als_jsonschema(v) for k, v in s.items() if k != "nullable"}
            if s.get("nullable") and "type" in s:
                uit["type"] = [s["type"], "null"]
            return uit
        return s

    return als_jsonschema(schema)  # type: ignore[no-any-return]


def termijnen(bedrag: str, zaak: str = "Z-2026-001") -> dict[str, Any]:
    return {
        "soort": "termijnen",
        "peildatum": "2026-03-01",
        "zaakreferentie": zaak,
        "gegevens": {
            "vorderingen": [
                {"id": "V1", "bedrag": bedrag, "verzenddatumBeschikking": "2026-02-20"},
                {"id": "V2", "bedrag": "10.00", "verzenddatumBeschikking": "2026-01-05"},
            ]
        },
    }


def valideer(besluit: dict[str, Any]) -> None:
    schema = besluit_schema()
    alleen_lezen = {k for k, v in schema["properties"].items() if v.get("readOnly")}
    assert not alleen_lezen & set(besluit), "read-only fields are the Besluiten API's"
    assert set(besluit) <= set(schema["properties"]), set(besluit) - set(schema["properties"])
    jsonschema.validate(besluit, schema, format_checker=jsonschema.FormatChecker())


class TestZgwBesluit:
    def test_goedgekeurde_beslissing(self, client: TestClient) -> None:
        b = client.post(
            "/v1/beslissingen", json=termijnen("20000.00"), headers=auth("medewerker")
        ).json()
        assert b["beoordeling"]["status"] == "open"
        assert (
            client.get(
                f"/v1/beslissingen/{b['id']}/zgw-besluit", headers=auth("medewerker")
            ).status_code
            == 409
        )
        r = client.post(
            f"/v1/beslissingen/{b['id']}/beoordelingen",
            json={"oordeel": "akkoord"},
            headers=auth("teamleider"),
        )
        assert r.status_code == 201
        besluit = client.get(f"/v1/beslissingen/{b['id']}/zgw-besluit", headers=auth("medewerker"))
        assert besluit.status_code == 200
        body = besluit.json()
        valideer(body)
        assert body["identificatie"] == b["id"]
        assert body["verantwoordelijkeOrganisatie"] == "801000002"
        assert body["besluittype"].startswith("https://catalogi.")
        assert body["zaak"].endswith("/zaken/Z-2026-001")
        assert body["datum"] == "2026-03-01"
        einden = [v["bezwaartermijnEinde"] for v in b["uitkomst"]["vorderingen"]]
        assert body["uiterlijkeReactiedatum"] == max(einden)
        for reden in b["redenen"]:
            assert reden["uitleg"] in body["toelichting"]
        assert "Algemene wet bestuursrecht art. 4:87" in body["toelichting"]
        assert "goedgekeurd door s.smit" in body["toelichting"]
        assert body["ingangsdatum"] >= body["datum"]

    def test_zonder_toets_direct_en_geaudit(self, client: TestClient) -> None:
        b = client.post(
            "/v1/beslissingen", json=termijnen("100.00"), headers=auth("medewerker")
        ).json()
        assert b["beoordeling"]["status"] == "nietVereist"
        r = client.get(f"/v1/beslissingen/{b['id']}/zgw-besluit", headers=auth("medewerker"))
        assert r.status_code == 200
        valideer(r.json())
        assert r.json()["ingangsdatum"] == "2026-03-01"
        trail = client.get(
            f"/v1/beslissingen/{b['id']}/audittrail", headers=auth("medewerker")
        ).json()
        assert "ZGW-besluit opgesteld" in [a["actieWeergave"] for a in trail]

    @pytest.mark.parametrize("oordeel", ["afgekeurd"])
    def test_afgekeurd_is_geen_besluit(self, client: TestClient, oordeel: str) -> None:
        b = client.post(
            "/v1/beslissingen", json=termijnen("20000.00"), headers=auth("medewerker")
        ).json()
        client.post(
            f"/v1/beslissingen/{b['id']}/beoordelingen",
            json={"oordeel": oordeel, "toelichting": "bedrag klopt niet"},
            headers=auth("teamleider"),
        )
        r = client.get(f"/v1/beslissingen/{b['id']}/zgw-besluit", headers=auth("medewerker"))
        assert r.status_code == 409
        assert r.headers["content-type"] == "application/problem+json"

    def test_toegang_en_url_als_zaakreferentie(self, client: TestClient) -> None:
        zaak = "https://zaken.gemeente.example/api/v1/zaken/7d3b"
        b = client.post(
            "/v1/beslissingen", json=termijnen("100.00", zaak=zaak), headers=auth("medewerker")
        ).json()
        assert (
            client.get(
                f"/v1/beslissingen/{b['id']}/zgw-besluit", headers=auth("systeem")
            ).status_code
            == 403
        )
        assert (
            client.get(
                "/v1/beslissingen/bestaat-niet/zgw-besluit", headers=auth("beleid")
            ).status_code
            == 404
        )
        r = client.get(f"/v1/beslissingen/{b['id']}/zgw-besluit", headers=auth("beleid"))
        assert r.json()["zaak"] == zaak

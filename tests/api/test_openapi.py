"""The committed OpenAPI document is the app's, and the app honours it (schemathesis)."""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.cli import OPENAPI_BESTAND, openapi_tekst
from tests.conftest import ROOT, auth


def test_vastgelegd_document_is_actueel() -> None:
    """openapi/openapi.json equals what the app serves (run `invordering openapi` after a change)."""
    vastgelegd = (ROOT / OPENAPI_BESTAND).read_text(encoding="utf-8")
    assert vastgelegd == openapi_tekst()


def test_document_wordt_zonder_token_geserveerd(client: TestClient) -> None:
    r = client.get("/v1/openapi.json")
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    document = r.json()
    assert document["info"]["version"] == r.headers["API-Version"]
    assert document["info"]["contact"]["name"]
    assert json.loads((ROOT / OPENAPI_BESTAND).read_text(encoding="utf-8")) == document


def test_schemathesis_geen_serverfout_en_conform(client: TestClient) -> None:
    """Generated requests (authenticated) never give a 5xx and every answer fits the document."""
    schema = schemathesis.openapi.from_asgi("/v1/openapi.json", client.app)
    problemen: list[str] = []
    for resultaat in schema.get_all_operations():
        operatie = resultaat.ok()  # type: ignore[union-attr]

        @settings(
            max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(case=operatie.as_strategy())
        def _test(case: Any) -> None:
            case.call_and_validate(
                headers=auth("medewerker"),
                checks=[
                    not_a_server_error,
                    status_code_conformance,
                    content_type_conformance,
                    response_schema_conformance,
                    response_headers_conformance,
                ],
            )

        try:
            _test()
        except Exception as fout:  # collect every operation's failure, then fail once
            problemen.append(f"{operatie.method.upper()} {operatie.path}: {fout}")
    assert not problemen, "\n\n".join(problemen)


def test_beschrijving_noemt_elke_geladen_soort(client: TestClient) -> None:
    """info.description lists the soorten of the loaded rule sets, with their titles."""
    document = client.get("/v1/openapi.json").json()
    soorten = {
        r["naam"]: r["titel"] for r in client.get("/v1/regelsets", headers=auth("beleid")).json()
    }
    assert {"verschuldigd-bedrag", "toerekening"} <= set(soorten)
    for naam, titel in soorten.items():
        assert f"- `{naam}`: {titel}" in document["info"]["description"]


def test_standaardwaarde_in_de_taal_van_de_regels() -> None:
    """A default of a yes/no field reads waar/onwaar, as the rule language writes it."""
    tekst = (ROOT / OPENAPI_BESTAND).read_text(encoding="utf-8")
    assert "Standaard: waar." in tekst
    assert "Standaard: True" not in tekst and "Standaard: False" not in tekst

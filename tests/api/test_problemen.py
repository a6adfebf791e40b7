"""Every error answer has the one problem+json shape, whoever gives it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jsonschema
import orjson
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.api import problems
from service.api.probleemvorm import probleem
from service.cli import OPENAPI_BESTAND
from service.errors import PROBLEMEN
from tests.conftest import ROOT, auth

JSON = {"Content-Type": "application/json", **auth("medewerker")}
TERMIJNEN = {
    "soort": "termijnen",
    "peildatum": "2026-03-01",
    "gegevens": {
        "vorderingen": [{"id": "V1", "bedrag": "1.00", "verzenddatumBeschikking": "2026-01-05"}]
    },
}

Verzoek = Callable[[TestClient], Any]
# (name, request, status, the last part of `type`): router, middleware and handlers alike.
GEVALLEN: list[tuple[str, Verzoek, int, str]] = [
    ("onbekende queryparameter", lambda c: c.get("/v1/beslissingen?zaakref=1", headers=JSON), 400, "ongeldig-verzoek"),
    ("ongeldige envelop", lambda c: c.post("/v1/beslissingen", json={"soort": 1}, headers=JSON), 400, "ongeldig-verzoek"),
    ("dubbele sleutel", lambda c: c.post("/v1/beslissingen", content=b'{"a": 1, "a": 2}', headers=JSON), 400, "ongeldig-verzoek"),
    ("geen json", lambda c: c.post("/v1/beslissingen", content=b"{", headers=JSON), 400, "ongeldig-verzoek"),
    ("zonder token", lambda c: c.get("/v1/beslissingen"), 401, "niet-geauthenticeerd"),
    ("niet toegestaan", lambda c: c.post("/v1/beslissingen", json=TERMIJNEN, headers=auth("beleid")), 403, "niet-toegestaan"),
    ("onbekende beslissing", lambda c: c.get("/v1/beslissingen/bestaat-niet", headers=JSON), 404, "niet-gevonden"),
    ("onbekende url onder v1", lambda c: c.get("/v1/bestaat-niet"), 404, "niet-gevonden"),
    ("onbekende url", lambda c: c.get("/bestaat-niet"), 404, "niet-gevonden"),
    ("methode", lambda c: c.delete("/v1/beslissingen", headers=JSON), 405, "methode-niet-toegestaan"),
    ("mediatype", lambda c: c.post("/v1/beslissingen", content=b"x", headers={**JSON, "Content-Type": "text/plain"}), 415, "mediatype-niet-ondersteund"),
    ("geen mediatype", lambda c: c.post("/v1/beslissingen", content=b"{}", headers=auth("medewerker")), 415, "mediatype-niet-ondersteund"),
    ("geen regelset op de peildatum", lambda c: c.post("/v1/beslissingen", json={**TERMIJNEN, "peildatum": "1900-01-01"}, headers=JSON), 422, "niet-verwerkbaar"),
    ("te groot", lambda c: c.post("/v1/beslissingen", content=b" " * (3 * 1024 * 1024), headers=JSON), 413, "verzoek-te-groot"),
    ("te veel elementen", lambda c: c.post("/v1/beslissingen", content=b"[" + b"0," * 5000 + b"0]", headers=JSON), 413, "te-veel-elementen"),
]  # fmt: skip


@pytest.fixture(scope="module")
def probleemschema() -> dict[str, Any]:
    """The committed document's Probleem schema, with its components to resolve references."""
    document = json.loads((ROOT / OPENAPI_BESTAND).read_text(encoding="utf-8"))
    return {"$ref": "#/components/schemas/Probleem", "components": document["components"]}


def controleer_vorm(r: Any, status: int, soort: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The one shape: type, title, status, detail, instance first, compact JSON, valid."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = r.json()
    assert list(body)[:5] == ["type", "title", "status", "detail", "instance"]
    assert body["type"] == PROBLEMEN + soort
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["instance"].startswith("/")
    assert r.content == orjson.dumps(body)  # one JSON style for every answer
    jsonschema.validate(body, schema)
    return body


class TestEenVorm:
    @pytest.mark.parametrize(
        ("verzoek", "status", "soort"),
        [g[1:] for g in GEVALLEN],
        ids=[g[0] for g in GEVALLEN],
    )
    def test_elk_foutantwoord(
        self,
        client: TestClient,
        probleemschema: dict[str, Any],
        verzoek: Verzoek,
        status: int,
        soort: str,
    ) -> None:
        """Every refusal, from the router, a middleware or a handler, has the same shape."""
        controleer_vorm(verzoek(client), status, soort, probleemschema)

    def test_405_noemt_de_methoden(self, client: TestClient) -> None:
        """The 405 keeps its Allow header next to the shared shape."""
        r = client.delete("/v1/beslissingen", headers=JSON)
        assert r.headers["allow"] == "GET, HEAD, POST"

    def test_nederlandse_titels_en_details(self, client: TestClient) -> None:
        """No English phrase of Starlette reaches a client."""
        for _, verzoek, _, _ in GEVALLEN[:11]:
            body = verzoek(client).json()
            assert body["detail"] not in ("Not Found", "Method Not Allowed"), body


class TestOnverwachteFout:
    def test_500_in_dezelfde_vorm(self, probleemschema: dict[str, Any]) -> None:
        """An unexpected error is a 500 in the same shape, with a correlation id only."""
        app = FastAPI()
        problems.registreer(app)

        @app.get("/v1/stuk")
        def stuk() -> None:
            raise RuntimeError("geheim detail")

        r = TestClient(app, raise_server_exceptions=False).get("/v1/stuk")
        body = controleer_vorm(r, 500, "interne-fout", probleemschema)
        assert "geheim" not in r.text and body["correlatieId"]


class TestProbleem:
    def test_vaste_volgorde_en_standaardtitel(self) -> None:
        """The members come in a fixed order; the title follows from the status."""
        inhoud = probleem(409, "Al beoordeeld.", "/v1/x", extra=None, limiet=3)
        assert inhoud == {
            "type": PROBLEMEN + "conflict",
            "title": "Conflict",
            "status": 409,
            "detail": "Al beoordeeld.",
            "instance": "/v1/x",
            "limiet": 3,
        }

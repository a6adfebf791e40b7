"""POST/GET /v1/beslissingen against a real database (SQLite, and PostgreSQL if reachable): the
contract of a decision, who decides as whom, refusals and errors, the Idempotency-Key."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from tests.conftest import aantal_beslissingen, auth


def termijnen(verzonden: str, peildatum: str = "2026-01-20", **vordering: Any) -> dict[str, Any]:
    return {
        "soort": "termijnen",
        "peildatum": peildatum,
        "zaakreferentie": "ZAAK-1",
        "gegevens": {
            "vorderingen": [
                {"id": "V1", "bedrag": "500.00", "verzenddatumBeschikking": verzonden, **vordering}
            ]
        },
    }


class TestBeslissingNemen:
    def test_antwoord_heeft_het_contract(self, client: TestClient) -> None:
        """201 with Location, the reasons in Dutch, the rule-set version and the headers."""
        r = client.post(
            "/v1/beslissingen", json=termijnen("2026-01-05"), headers=auth("medewerker")
        )
        assert r.status_code == 201
        body = r.json()
        assert r.headers["Location"] == f"/v1/beslissingen/{body['id']}"
        assert body["behandelaar"] == "m.devries"
        assert body["zaakreferentie"] == "ZAAK-1"
        assert body["peildatum"] == "2026-01-20"
        assert body["regelset"]["naam"] == "termijnen"
        assert len(body["regelset"]["hash"]) == 64
        reden = next(x for x in body["redenen"] if x["regel"] == "TRM-BETALINGSTERMIJN-AWB")
        assert reden["uitleg"].startswith("De betalingstermijn is 6 weken, geldig vanaf 2009-07-01")
        assert reden["waarden"]["betalingstermijnEinde"] == "2026-02-16"
        assert reden["geldendOp"] == "2026-01-05"
        assert [(p["naam"], p["waarde"], p["geldigVanaf"]) for p in reden["parameters"]] == [
            ("betalingstermijnWeken", 6, "2009-07-01")
        ]
        assert body["uitkomst"]["vorderingen"][0]["waarschuwingen"] == []
        assert r.headers["API-Version"] == "1.1.0"
        assert r.headers["Cache-Control"] == "no-store"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["X-Frame-Options"] == "DENY"

    def test_teruglezen(self, client: TestClient) -> None:
        """GET returns exactly what POST stored."""
        r = client.post(
            "/v1/beslissingen", json=termijnen("2026-02-20"), headers=auth("medewerker")
        )
        g = client.get(r.headers["Location"], headers=auth("collega"))
        assert g.status_code == 200
        assert g.json() == r.json()

    def test_peildatum_standaard_vandaag(self, client: TestClient) -> None:
        """Without peildatum the decision is for today (Dutch date)."""
        from service.decisions.service import vandaag

        verzoek = termijnen("2026-01-05")
        del verzoek["peildatum"]
        r = client.post("/v1/beslissingen", json=verzoek, headers=auth("medewerker"))
        assert r.status_code == 201
        assert r.json()["peildatum"] == vandaag().isoformat()

    def test_systeem_moet_behandelaar_noemen(self, client: TestClient, db_engine: Engine) -> None:
        """A case system decides on behalf of a named behandelaar, never as itself."""
        zonder = client.post(
            "/v1/beslissingen", json=termijnen("2026-01-05"), headers=auth("systeem")
        )
        assert zonder.status_code == 400
        assert zonder.json()["invalidParams"][0]["name"] == "behandelaar"
        met = client.post(
            "/v1/beslissingen",
            json={**termijnen("2026-01-05"), "behandelaar": "m.devries"},
            headers=auth("systeem"),
        )
        assert met.status_code == 201
        assert met.json()["behandelaar"] == "m.devries"
        assert aantal_beslissingen(db_engine) == 1

    def test_medewerker_beslist_als_zichzelf(self, client: TestClient) -> None:
        r = client.post(
            "/v1/beslissingen",
            json={**termijnen("2026-01-05"), "behandelaar": "j.bakker"},
            headers=auth("medewerker"),
        )
        assert r.status_code == 403

    def test_beleid_beslist_niet(self, client: TestClient, db_engine: Engine) -> None:
        r = client.post("/v1/beslissingen", json=termijnen("2026-01-05"), headers=auth("beleid"))
        assert r.status_code == 403
        assert r.headers["content-type"] == "application/problem+json"
        assert aantal_beslissingen(db_engine) == 0


class TestFouten:
    def test_ongeldige_gegevens_noemen_elk_probleem(
        self, client: TestClient, db_engine: Engine
    ) -> None:
        """400 problem+json with every problem, and nothing stored."""
        verzoek = {
            "soort": "termijnen",
            "peildatum": "2026-01-20",
            "gegevens": {
                "vorderingen": [
                    {"bedrag": "-1", "verzenddatumBeschikking": "5-1-2026", "onbekend": 1},
                    {
                        "id": "V2",
                        "bedrag": "1.234",
                        "verzenddatumBeschikking": "2026-01-05",
                        "regime": "x",
                    },
                ]
            },
        }
        r = client.post("/v1/beslissingen", json=verzoek, headers=auth("medewerker"))
        assert r.status_code == 400
        assert r.headers["content-type"] == "application/problem+json"
        namen = {p["name"] for p in r.json()["invalidParams"]}
        assert namen == {
            "gegevens.vorderingen[0].id",
            "gegevens.vorderingen[0].bedrag",
            "gegevens.vorderingen[0].verzenddatumBeschikking",
            "gegevens.vorderingen[0].onbekend",
            "gegevens.vorderingen[1].bedrag",
            "gegevens.vorderingen[1].regime",
        }
        assert aantal_beslissingen(db_engine) == 0

    def test_ongeldige_envelop(self, client: TestClient) -> None:
        r = client.post(
            "/v1/beslissingen",
            json={"peildatum": "gisteren", "gegevens": []},
            headers=auth("medewerker"),
        )
        assert r.status_code == 400
        assert {p["name"] for p in r.json()["invalidParams"]} == {"soort", "peildatum", "gegevens"}

    def test_onbekende_soort(self, client: TestClient) -> None:
        r = client.post(
            "/v1/beslissingen",
            json={**termijnen("2026-01-05"), "soort": "kwijtschelding"},
            headers=auth("medewerker"),
        )
        assert r.status_code == 400
        assert "termijnen" in r.json()["detail"]

    def test_geen_regelset_geldig_op_peildatum(self, client: TestClient, db_engine: Engine) -> None:
        """The termijnen rule set starts on 2009-01-01 (its earliest sourced data)."""
        r = client.post(
            "/v1/beslissingen",
            json=termijnen("2008-01-07", "2008-06-01"),
            headers=auth("medewerker"),
        )
        assert r.status_code == 422
        assert "2008-06-01" in r.json()["detail"]
        assert aantal_beslissingen(db_engine) == 0

    def test_oude_vordering_wordt_beslist(self, client: TestClient) -> None:
        """A claim from 2015 is decided (UWV and municipalities collect old claims)."""
        r = client.post(
            "/v1/beslissingen",
            json=termijnen("2015-01-05", "2016-01-01"),
            headers=auth("medewerker"),
        )
        assert r.status_code == 201, r.text
        assert r.json()["uitkomst"]["vorderingen"][0]["betalingstermijnEinde"] == "2015-02-16"

    @pytest.mark.parametrize(
        "headers", [{}, {"Authorization": "Bearer onzin"}, {"Authorization": "Basic eDp5"}]
    )
    def test_zonder_geldig_token(self, client: TestClient, headers: dict[str, str]) -> None:
        for pad in ("/v1/beslissingen", "/v1/regelsets", "/v1/beslissingen/abc"):
            r = client.get(pad, headers=headers)
            assert r.status_code == 401, pad
            assert r.headers["WWW-Authenticate"] == "Bearer"

    def test_onbekende_beslissing(self, client: TestClient) -> None:
        r = client.get("/v1/beslissingen/bestaat-niet", headers=auth("medewerker"))
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/problem+json"

    def test_geen_slash_aan_het_eind(self, client: TestClient) -> None:
        r = client.get("/v1/beslissingen/", headers=auth("medewerker"))
        assert r.status_code == 404

    def test_open_zonder_token(self, client: TestClient) -> None:
        assert client.get("/v1/openapi.json").status_code == 200
        assert client.get("/v1/health").json()["status"] == "ok"


class TestIdempotency:
    def test_zelfde_sleutel_zelfde_verzoek(self, client: TestClient, db_engine: Engine) -> None:
        """The same key and body return the stored decision with 200."""
        h = {**auth("medewerker"), "Idempotency-Key": "k-1"}
        eerste = client.post("/v1/beslissingen", json=termijnen("2026-01-05"), headers=h)
        tweede = client.post("/v1/beslissingen", json=termijnen("2026-01-05"), headers=h)
        assert (eerste.status_code, tweede.status_code) == (201, 200)
        assert tweede.json() == eerste.json()
        assert tweede.headers["Location"] == eerste.headers["Location"]
        assert aantal_beslissingen(db_engine) == 1

    def test_zelfde_sleutel_ander_verzoek(self, client: TestClient, db_engine: Engine) -> None:
        h = {**auth("medewerker"), "Idempotency-Key": "k-2"}
        client.post("/v1/beslissingen", json=termijnen("2026-01-05"), headers=h)
        r = client.post("/v1/beslissingen", json=termijnen("2026-02-20"), headers=h)
        assert r.status_code == 422
        assert aantal_beslissingen(db_engine) == 1

    def test_sleutel_is_per_principal(self, client: TestClient, db_engine: Engine) -> None:
        for wie in ("medewerker", "collega"):
            r = client.post(
                "/v1/beslissingen",
                json=termijnen("2026-01-05"),
                headers={**auth(wie), "Idempotency-Key": "k-3"},
            )
            assert r.status_code == 201
        assert aantal_beslissingen(db_engine) == 2

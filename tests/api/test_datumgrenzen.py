"""Date limits: every date of a request lies in 1900-2099, refused with problem+json (a 400
naming the field) before any rule runs."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.test_grenzen import JSON, probleem


class TestDatumgrenzen:
    """Every date of a request lies in 1900-2099: outside it a 400 naming the field, for
    every soort, before any rule runs (no 422 with the rules' internal expressions)."""

    @pytest.mark.parametrize("peildatum", ["9999-12-31", "2100-01-01", "1899-12-31"])
    def test_peildatum_buiten_het_bereik(self, client: TestClient, peildatum: str) -> None:
        soorten = sorted({r["naam"] for r in client.get("/v1/regelsets", headers=JSON).json()})
        assert {"verschuldigd-bedrag", "toerekening", "termijnen"} <= set(soorten)
        for soort in soorten:
            r = client.post(
                "/v1/beslissingen",
                json={"soort": soort, "peildatum": peildatum, "gegevens": {}},
                headers=JSON,
            )
            body = probleem(r, 400)
            # The empty gegevens are reported in the same 400 (every problem at once).
            buiten = [p for p in body["invalidParams"] if not p["name"].startswith("gegevens")]
            assert buiten == [
                {
                    "name": "peildatum",
                    "reason": f"{peildatum} valt buiten de datums die de service beoordeelt: "
                    "geef een datum van 1900-01-01 tot en met 2099-12-31",
                    "code": "value_error",
                }
            ], soort

    def test_verschuldigd_bedrag_op_9999_12_31(self, client: TestClient) -> None:
        """The newcomer's case: a 400 in Dutch, not a 422 quoting samengesteldeRente(…)."""
        r = client.post(
            "/v1/beslissingen",
            json={
                "soort": "verschuldigd-bedrag",
                "peildatum": "9999-12-31",
                "gegevens": {
                    "vorderingen": [
                        {"id": "F3", "hoofdsom": "400", "verzenddatumBeschikking": "2026-01-06"}
                    ]
                },
            },
            headers=JSON,
        )
        body = probleem(r, 400)
        assert [p["name"] for p in body["invalidParams"]] == ["peildatum"]
        assert "samengesteldeRente" not in r.text and "deling door nul" not in r.text

    def test_datum_in_de_gegevens_buiten_het_bereik(self, client: TestClient) -> None:
        r = client.post(
            "/v1/beslissingen",
            json={
                "soort": "verschuldigd-bedrag",
                "peildatum": "2026-07-30",
                "gegevens": {
                    "vorderingen": [
                        {
                            "id": "F3",
                            "hoofdsom": "400",
                            "verzenddatumBeschikking": "2026-01-06",
                            "betalingen": [{"datum": "3026-06-30", "bedrag": "409"}],
                        }
                    ]
                },
            },
            headers=JSON,
        )
        body = probleem(r, 400)
        assert [p["name"] for p in body["invalidParams"]] == [
            "gegevens.vorderingen[0].betalingen[0].datum"
        ]
        assert "2099-12-31" in body["invalidParams"][0]["reason"]

    def test_de_grenzen_zelf_mogen(self, client: TestClient) -> None:
        """The last day of the range is judged, with the rules' own warnings (no KB days)."""
        r = client.post(
            "/v1/beslissingen",
            json={
                "soort": "verschuldigd-bedrag",
                "peildatum": "2099-12-31",
                "gegevens": {
                    "vorderingen": [
                        {
                            "id": "V1",
                            "hoofdsom": "400",
                            "verzenddatumBeschikking": "2099-01-06",
                            "aanmaningen": [{"verzenddatum": "2099-12-20"}],
                        }
                    ]
                },
            },
            headers=JSON,
        )
        assert r.status_code == 201, r.text
        codes = {w["code"] for w in r.json()["uitkomst"]["vorderingen"][0]["waarschuwingen"]}
        assert "atwKalenderOnbevestigd" in codes

    def test_regelsets_op_een_peildatum_buiten_het_bereik(self, client: TestClient) -> None:
        r = client.get("/v1/regelsets/termijnen", params={"peildatum": "9999-12-31"}, headers=JSON)
        assert "2099-12-31" in probleem(r, 400)["invalidParams"][0]["reason"]

"""One 400 lists every problem of a decision request: envelope, behandelaar, soort, gegevens."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service.decisions.context import Omgeving
from service.decisions.principals import Principal
from service.decisions.verzoekproblemen import verzoekproblemen
from tests.conftest import aantal_beslissingen, auth

VIJF_FOUTEN = {
    "gegevens.vorderingen[0].id",
    "gegevens.vorderingen[0].bedrag",
    "gegevens.vorderingen[0].verzenddatumBeschikking",
    "gegevens.vorderingen[0].regime",
    "gegevens.vorderingen[0].aanmaningen",
}


def verzoek(peildatum: Any = "2026-01-01", **extra: Any) -> dict[str, Any]:
    """A termijnen request whose one claim has five mistakes."""
    return {
        "soort": "termijnen",
        "peildatum": peildatum,
        "gegevens": {
            "vorderingen": [
                {
                    "id": 5,
                    "bedrag": "1,00",
                    "verzenddatumBeschikking": "2026-02-30",
                    "regime": "awbb",
                    "aanmaningen": "x",
                }
            ]
        },
        **extra,
    }


def namen(r: Any) -> list[str]:
    assert r.status_code == 400, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"].endswith("/ongeldig-verzoek")
    return [p["name"] for p in r.json()["invalidParams"]]


class TestEnvelopEnGegevensSamen:
    def test_peildatum_verbergt_de_gegevens_niet(
        self, client: TestClient, db_engine: Engine
    ) -> None:
        """A peildatum that is no date is listed with the five mistakes in gegevens."""
        r = client.post("/v1/beslissingen", json=verzoek(20260101), headers=auth("medewerker"))
        gevonden = namen(r)
        assert set(gevonden) == {"peildatum", *VIJF_FOUTEN}
        assert len(gevonden) == 6
        assert aantal_beslissingen(db_engine) == 0

    def test_zelfde_gegevensfouten_als_bij_geldige_envelop(self, client: TestClient) -> None:
        """The gegevens' problems read the same with and without a mistake in the envelope."""
        goed = client.post("/v1/beslissingen", json=verzoek(), headers=auth("medewerker"))
        fout = client.post("/v1/beslissingen", json=verzoek("x"), headers=auth("medewerker"))
        zonder_peildatum = [p for p in fout.json()["invalidParams"] if p["name"] != "peildatum"]
        assert zonder_peildatum == goed.json()["invalidParams"]

    def test_onbekende_velden_op_elk_niveau(self, client: TestClient) -> None:
        """An unknown field at the top hides neither one in gegevens nor one in a claim."""
        body = {
            "soort": "termijnen",
            "foo": 1,
            "peildatum": "2026-03-01",
            "gegevens": {
                "bar": 1,
                "vorderingen": [
                    {"id": "a", "bedrag": "1.00", "verzenddatumBeschikking": "2026-01-05", "baz": 2}
                ],
            },
        }
        r = client.post("/v1/beslissingen", json=body, headers=auth("medewerker"))
        assert set(namen(r)) == {"foo", "gegevens.bar", "gegevens.vorderingen[0].baz"}
        assert {p["code"] for p in r.json()["invalidParams"]} == {"extra_forbidden"}

    def test_onbekende_soort_bij_een_envelopfout(self, client: TestClient) -> None:
        """An unknown soort is named next to the other mistakes of the envelope."""
        body = {"soort": "kwijtschelding", "peildatum": "gisteren", "gegevens": {}}
        assert set(
            namen(client.post("/v1/beslissingen", json=body, headers=auth("medewerker")))
        ) == {
            "soort",
            "peildatum",
        }

    def test_gegevens_geen_object(self, client: TestClient) -> None:
        """`gegevens` that is no object is one problem; nothing inside it is guessed at."""
        body = {"soort": "termijnen", "peildatum": 1, "gegevens": []}
        r = client.post("/v1/beslissingen", json=body, headers=auth("medewerker"))
        assert sorted(namen(r)) == ["gegevens", "peildatum"]

    def test_systeem_zonder_behandelaar_met_gegevensfouten(
        self, client: TestClient, db_engine: Engine
    ) -> None:
        """A case system that names no behandelaar hears that with the gegevens' mistakes."""
        r = client.post("/v1/beslissingen", json=verzoek(), headers=auth("systeem"))
        assert set(namen(r)) == {"behandelaar", *VIJF_FOUTEN}
        r = client.post("/v1/beslissingen", json=verzoek("x"), headers=auth("systeem"))
        assert set(namen(r)) == {"behandelaar", "peildatum", *VIJF_FOUTEN}
        assert aantal_beslissingen(db_engine) == 0

    def test_zonder_token_eerst_401(self, client: TestClient) -> None:
        """Without a valid token nothing of the request is judged: 401."""
        assert client.post("/v1/beslissingen", json=verzoek("x")).status_code == 401


@pytest.fixture
def omgeving(client: TestClient) -> Omgeving:
    return client.app.state.omgeving  # type: ignore[attr-defined,no-any-return]


class TestVerzoekproblemen:
    def test_al_gemelde_velden_niet_opnieuw(self, omgeving: Omgeving) -> None:
        """A field the envelope reported already is not judged again."""
        problemen = verzoekproblemen(omgeving, None, {"soort": "x"}, al_gemeld={"soort"})
        assert problemen == []

    def test_geen_versie_op_de_peildatum(self, omgeving: Omgeving) -> None:
        """A soort with no version on the peildatum is left to the 422 of a valid request."""
        assert verzoekproblemen(omgeving, None, verzoek("1900-01-01")) == []

    def test_ongeldige_peildatum_wordt_vandaag(self, omgeving: Omgeving) -> None:
        """When the peildatum is no date, the version valid today judges the gegevens."""
        gevonden = verzoekproblemen(omgeving, None, verzoek("1900-13-01"), al_gemeld={"peildatum"})
        assert {p["name"] for p in gevonden} == VIJF_FOUTEN

    def test_verboden_behandelaar_is_geen_invoerfout(self, omgeving: Omgeving) -> None:
        """A medewerker naming someone else gets the 403 later, not an input problem now."""
        medewerker = Principal(id="m.devries", rol="medewerker")
        gevonden = verzoekproblemen(omgeving, medewerker, {"behandelaar": "j.bakker"})
        assert gevonden == []


class TestOngeldigeTekst:
    def test_los_surrogaat_in_het_nederlands(self, client: TestClient) -> None:
        """A lone surrogate in a text field gets a Dutch reason, not pydantic's English."""
        r = client.post(
            "/v1/beslissingen",
            content=b'{"soort":"termijnen","peildatum":"2026-03-01","zaakreferentie":"\\ud800",'
            b'"gegevens":{"vorderingen":[{"id":"V1","bedrag":"500.00",'
            b'"verzenddatumBeschikking":"2026-02-20"}]}}',
            headers={"Content-Type": "application/json", **auth("medewerker")},
        )
        assert r.status_code == 400, r.text
        reden = [p["reason"] for p in r.json()["invalidParams"] if p["name"] == "zaakreferentie"]
        assert reden and "surrogaat" in reden[0], r.json()


class TestNullIsNietGegeven:
    """`null` means "not given": the standaard applies, a required field is missing."""

    BVV: ClassVar[dict[str, Any]] = {
        "soort": "beslagvrije-voet",
        "peildatum": "2026-03-01",
        "gegevens": {
            "leefsituatie": "gehuwdMetKinderen",
            "belastbaarJaarinkomen": 25000,
            "inkomsten": [{"bron": "loon", "nettoPerMaand": "2500.00"}],
        },
    }

    def _voet(self, client: TestClient, **gegevens: Any) -> Any:
        verzoek = {**self.BVV, "gegevens": {**self.BVV["gegevens"], **gegevens}}
        r = client.post("/v1/beslissingen", json=verzoek, headers=auth("medewerker"))
        assert r.status_code == 201, r.text
        return r.json()

    def test_null_krijgt_de_standaard(self, client: TestClient) -> None:
        zonder = self._voet(client)
        met_null = self._voet(client, adresInNederland=None)
        assert met_null["uitkomst"] == zonder["uitkomst"]
        assert "BVV-GEEN-ADRES" not in {r["regel"] for r in met_null["redenen"]}
        # A choice with a standaard (alleenstaande) as well: no 500, the standaard's answer.
        alleen = self._voet(client, leefsituatie="alleenstaande")
        assert self._voet(client, leefsituatie=None)["uitkomst"] == alleen["uitkomst"]
        # Inside a list element: beslag has standaard waar.
        inkomen = [{"bron": "loon", "nettoPerMaand": "2500.00", "beslag": None}]
        assert self._voet(client, inkomsten=inkomen)["uitkomst"] == zonder["uitkomst"]

    def test_null_bij_een_verplicht_veld_ontbreekt(
        self, client: TestClient, db_engine: Engine
    ) -> None:
        voor = aantal_beslissingen(db_engine)
        verzoek = {**self.BVV, "gegevens": {**self.BVV["gegevens"], "belastbaarJaarinkomen": None}}
        r = client.post("/v1/beslissingen", json=verzoek, headers=auth("medewerker"))
        assert r.status_code == 400, r.text
        assert "gegevens.belastbaarJaarinkomen" in namen(r)
        assert aantal_beslissingen(db_engine) == voor

    def test_onbekend_veld_blijft_geweigerd_ook_met_null(self, client: TestClient) -> None:
        gegevens = {
            **self.BVV["gegevens"],
            "onbekendVeld": None,
            "inkomsten": [{"bron": "loon", "nettoPerMaand": "2500.00", "x": None}],
        }
        r = client.post(
            "/v1/beslissingen", json={**self.BVV, "gegevens": gegevens}, headers=auth("medewerker")
        )
        assert {"gegevens.onbekendVeld", "gegevens.inkomsten[0].x"} <= set(namen(r))

    def test_null_regime_geeft_de_brief_van_de_standaard(self, client: TestClient) -> None:
        """A letter reads the stored input as the rules did: `"regime": null` is awb (it
        gave a 500 for the aanmaning and tax wording in the dwangbevel)."""
        from tests.api.test_documenten import uitgegeven

        def brief(regime: dict[str, Any], naam: str, **vordering: Any) -> str:
            verzoek = {
                "soort": "termijnen",
                "peildatum": "2026-03-01",
                "gegevens": {
                    "vorderingen": [
                        {
                            "id": "V1",
                            "bedrag": "500.00",
                            "verzenddatumBeschikking": "2025-10-01",
                            **regime,
                            **vordering,
                        }
                    ]
                },
            }
            bid = uitgegeven(client, verzoek)
            r = client.get(f"/v1/beslissingen/{bid}/documenten/{naam}", headers=auth("medewerker"))
            assert r.status_code == 200, r.text
            return r.text.replace(bid, "<id>")

        aanmaning = [{"verzenddatum": "2025-12-01"}]
        assert brief({"regime": None}, "aanmaning") == brief({}, "aanmaning")
        met_null = brief({"regime": None}, "dwangbevel", aanmaningen=aanmaning)
        assert met_null == brief({}, "dwangbevel", aanmaningen=aanmaning)
        assert "wettelijke rente" in met_null and "invorderingsrente" not in met_null

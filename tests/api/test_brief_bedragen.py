"""Amounts in letters: `?bedragen=` on a termijnen letter and the acts whose costs a letter
names; one case, one day, the same acts (service/decisions/briefsamenhang.py)."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_documenten import F1, F1_VORDERING, uitgegeven
from tests.conftest import auth

F1_TERMIJNEN = {
    "soort": "termijnen",
    "peildatum": "2024-03-04",
    "zaakreferentie": "UWV-F1",
    "gegevens": {
        "vorderingen": [
            {
                "id": "F1",
                "bedrag": "5000.00",
                "verzenddatumBeschikking": "2023-01-20",
                "aanmaningen": [{"verzenddatum": "2023-03-10"}],
            }
        ]
    },
}


class TestBedragenBijEenTermijnenBrief:
    """`bedragen` brings rente and costs into a termijnen letter only when they belong to it:
    the same zaak, the letter's day, every claim with the same regime, date and amount."""

    def dwangbevel(self, client: TestClient, tid: str, vid: str) -> Any:
        return client.get(
            f"/v1/beslissingen/{tid}/documenten/dwangbevel?bedragen={vid}",
            headers=auth("medewerker"),
        )

    def test_passende_bedragen_staan_in_het_dwangbevel(self, client: TestClient) -> None:
        tid = uitgegeven(client, F1_TERMIJNEN)
        vid = uitgegeven(client, F1)
        r = self.dwangbevel(client, tid, vid)
        assert r.status_code == 200, r.text
        tekst = re.sub(r"<[^>]+>", "", r.text)
        assert "Totaal van dit dwangbevel: € 5.294,85." in tekst  # F1 on 2024-03-04
        assert "Rente€ 276,85" in tekst and "Aanmaningskosten: € 18,00." in tekst

    def test_andere_dag_en_ander_bedrag_geven_409_met_elk_verschil(
        self, client: TestClient
    ) -> None:
        tid = uitgegeven(client, F1_TERMIJNEN)
        vordering = {**F1_VORDERING, "hoofdsom": "4000.00"}
        ander = {**F1, "peildatum": "2024-02-01", "gegevens": {"vorderingen": [vordering]}}
        vid = uitgegeven(client, ander)
        r = self.dwangbevel(client, tid, vid)
        assert r.status_code == 409, r.text
        assert r.headers["content-type"] == "application/problem+json"
        problemen = r.json()["verschillen"]
        assert any("berekend op 2024-02-01" in p for p in problemen), problemen
        assert any("bedrag 5000.00 tegenover hoofdsom 4000.00" in p for p in problemen), problemen
        assert len(problemen) == 2, problemen

    def test_ontbrekende_vordering_andere_zaak_en_datum_geven_409(self, client: TestClient) -> None:
        tid = uitgegeven(client, F1_TERMIJNEN)
        andere = {**F1_VORDERING, "id": "F9", "verzenddatumBeschikking": "2023-01-21"}
        ander = {**F1, "zaakreferentie": "UWV-F9", "gegevens": {"vorderingen": [andere]}}
        vid = uitgegeven(client, ander)
        problemen = self.dwangbevel(client, tid, vid).json()["verschillen"]
        assert any("zaak UWV-F9" in p for p in problemen), problemen
        assert any("vordering F1 staat niet in" in p for p in problemen), problemen

        zelfde_id = {**F1, "gegevens": {"vorderingen": [{**F1_VORDERING, **andere, "id": "F1"}]}}
        vid = uitgegeven(client, zelfde_id)
        problemen = self.dwangbevel(client, tid, vid).json()["verschillen"]
        assert problemen == [
            "vordering F1: verzenddatumBeschikking 2023-01-20 tegenover 2023-01-21"
        ], problemen

    def test_bedragen_bij_een_andere_soort_geeft_400(self, client: TestClient) -> None:
        bid = uitgegeven(client, F1)
        r = client.get(
            f"/v1/beslissingen/{bid}/documenten/dwangbevel?bedragen={bid}",
            headers=auth("medewerker"),
        )
        assert r.status_code == 400, r.text
        assert r.json()["invalidParams"][0]["name"] == "bedragen"


def f2_termijnen(peildatum: str, aanmaningen: list[str]) -> dict[str, Any]:
    vordering: dict[str, Any] = {
        "id": "F2",
        "bedrag": "2700.00",
        "dagtekening": "2025-09-19",
        "regime": "invorderingswet",
        "aanmaningen": [{"verzenddatum": d} for d in aanmaningen],
    }
    return {"soort": "termijnen", "peildatum": peildatum, "gegevens": {"vorderingen": [vordering]}}


def f2_bedragen(peildatum: str, aanmaningen: list[str], dwangbevelen: list[str]) -> dict[str, Any]:
    vordering = {
        "id": "F2",
        "hoofdsom": "2700.00",
        "dagtekening": "2025-09-19",
        "aanmaningen": [{"verzenddatum": d} for d in aanmaningen],
        "dwangbevelen": [{"datum": d} for d in dwangbevelen],
    }
    return {
        "soort": "verschuldigd-bedrag",
        "peildatum": peildatum,
        "gegevens": {"regime": "invorderingswet", "vorderingen": [vordering]},
    }


class TestKostenVanDezeBrief:
    """A tax letter names the Kostenwet costs of the act it is: the verschuldigd-bedrag
    decision must hold that aanmaning or dwangbevel on the letter's date, and no other acts
    than the termijnen decision knows."""

    def brief(self, client: TestClient, naam: str, tid: str, vid: str) -> Any:
        return client.get(
            f"/v1/beslissingen/{tid}/documenten/{naam}?bedragen={vid}", headers=auth("medewerker")
        )

    def test_aanmaning_zonder_haar_eigen_kosten_geeft_409(self, client: TestClient) -> None:
        tid = uitgegeven(client, f2_termijnen("2025-11-10", []))
        zonder = uitgegeven(client, f2_bedragen("2025-11-10", [], []))
        r = self.brief(client, "aanmaning", tid, zonder)
        assert r.status_code == 409, r.text
        assert r.json()["verschillen"] == [
            "vordering F2: aanmaningen geen in de bedragen, verwacht 2025-11-10 (met de "
            "aanmaning van deze brief, dan zijn haar kosten berekend)"
        ]
        met = uitgegeven(client, f2_bedragen("2025-11-10", ["2025-11-10"], []))
        r = self.brief(client, "aanmaning", tid, met)
        assert r.status_code == 200, r.text
        assert "€ 21,00 aanmaningskosten" in r.text  # Kostenwet art 2, 2025, aanslag € 2.700

    def test_dwangbevel_met_zijn_kosten_en_zonder_vreemde_aanmaning(
        self, client: TestClient
    ) -> None:
        tid = uitgegeven(client, f2_termijnen("2025-12-31", ["2025-11-10"]))
        zonder = uitgegeven(client, f2_bedragen("2025-12-31", ["2025-11-10"], []))
        problemen = self.brief(client, "dwangbevel", tid, zonder).json()["verschillen"]
        assert problemen == [
            "vordering F2: dwangbevelen geen in de bedragen, verwacht 2025-12-31 (met het "
            "dwangbevel van deze brief, dan zijn zijn kosten berekend)"
        ]
        vreemd = uitgegeven(
            client, f2_bedragen("2025-12-31", ["2025-11-10", "2025-11-20"], ["2025-12-31"])
        )
        problemen = self.brief(client, "dwangbevel", tid, vreemd).json()["verschillen"]
        assert problemen == [
            "vordering F2: aanmaningen 2025-11-10, 2025-11-20 in de bedragen, verwacht 2025-11-10"
        ]
        goed = uitgegeven(client, f2_bedragen("2025-12-31", ["2025-11-10"], ["2025-12-31"]))
        r = self.brief(client, "dwangbevel", tid, goed)
        assert r.status_code == 200, r.text
        assert "Kosten van dit dwangbevel: <strong>€ 348,00</strong>" in r.text  # 53 + 5 × 59

    def test_vordering_die_de_termijnen_niet_kent_geeft_409(self, client: TestClient) -> None:
        tid = uitgegeven(client, f2_termijnen("2025-12-31", ["2025-11-10"]))
        extra = f2_bedragen("2025-12-31", ["2025-11-10"], ["2025-12-31"])
        andere = {**extra["gegevens"]["vorderingen"][0], "id": "F9"}
        extra["gegevens"]["vorderingen"].append(andere)
        vid = uitgegeven(client, extra)
        problemen = self.brief(client, "dwangbevel", tid, vid).json()["verschillen"]
        assert problemen == [
            "vordering F9 staat in de bedragen maar niet in de termijnen-beslissing"
        ]

    def test_eigen_dwangbevel_van_een_aanslag_vraagt_het_dwangbevel_in_de_invoer(
        self, client: TestClient
    ) -> None:
        """verschuldigd-bedrag past the aanmaningstermijn without the dwangbevel: 409, not a
        letter with € 0,00 costs."""
        vid = uitgegeven(client, f2_bedragen("2025-12-31", ["2025-11-10"], []))
        r = client.get(f"/v1/beslissingen/{vid}/documenten/dwangbevel", headers=auth("medewerker"))
        assert r.status_code == 409, r.text
        assert "met datum 2025-12-31" in r.json()["detail"]


class TestAanmaningUitEenGeschiedenis:
    def test_een_latere_aanmaning_telt_niet_op_de_berekeningsdag(self, client: TestClient) -> None:
        """The whole history sent, amounts asked on the first aanmaning's day: the letter is
        that aanmaning's, not a 409 for the later one."""
        vid = uitgegeven(client, f2_bedragen("2025-11-10", ["2025-11-10", "2025-12-01"], []))
        r = client.get(f"/v1/beslissingen/{vid}/documenten/aanmaning", headers=auth("medewerker"))
        assert r.status_code == 200, r.text
        tekst = re.sub(r"<[^>]+>", "", r.text)
        assert "Datum: 10 november 2025" in tekst and "€ 21,00 aanmaningskosten" in tekst


class TestZonderBerekendeBedragen:
    def test_awb_dwangbevel_noemt_geen_nulbedragen(self, client: TestClient) -> None:
        """Without `bedragen` an Awb dwangbevel says the rente was not computed and the costs
        follow the bailiff's tariff, instead of € 0,00 for either."""
        tid = uitgegeven(client, F1_TERMIJNEN)
        r = client.get(f"/v1/beslissingen/{tid}/documenten/dwangbevel", headers=auth("medewerker"))
        assert r.status_code == 200, r.text
        tekst = re.sub(r"<[^>]+>", "", r.text)
        assert "Renteloopt, niet berekend" in tekst
        assert "Kosten dwangbeveltarief gerechtsdeurwaarder" in tekst
        assert "Totaal (zonder kosten dwangbevel)€ 5.000,00" in tekst
        assert "Dit totaal is zonder de kosten van betekening en tenuitvoerlegging." in tekst
        assert "Aanmaningskostenniet berekend" in tekst
        assert "€ 0,00" not in tekst


class TestMeerVerschillen:
    def test_zaak_aan_een_kant_soort_aanslag_en_openstaand_bedrag(self, client: TestClient) -> None:
        """A zaak named on one side only, another soortAanslag and an open amount that the
        payments in the amounts do not give: each is a difference."""
        termijnen = f2_termijnen("2025-12-31", ["2025-11-10"])
        vordering = termijnen["gegevens"]["vorderingen"][0]
        vordering.update({"soortAanslag": "aanslag", "openstaandBedrag": "2500.00"})
        tid = uitgegeven(client, {**termijnen, "zaakreferentie": "Z-1"})
        bedragen = f2_bedragen("2025-12-31", ["2025-11-10"], ["2025-12-31"])
        andere = bedragen["gegevens"]["vorderingen"][0]
        andere.update({"soortAanslag": "naheffingsaanslag"})
        andere["betalingen"] = [{"datum": "2025-12-01", "bedrag": "150.00"}]
        vid = uitgegeven(client, bedragen)
        r = client.get(
            f"/v1/beslissingen/{tid}/documenten/dwangbevel?bedragen={vid}",
            headers=auth("medewerker"),
        )
        assert r.status_code == 409, r.text
        problemen = r.json()["verschillen"]
        assert "de bedragen horen bij geen zaak, de brief bij zaak Z-1" in problemen
        assert "vordering F2: soortAanslag aanslag tegenover naheffingsaanslag" in problemen
        assert any(
            p.startswith("vordering F2: openstaand bedrag 2500.00 tegenover") for p in problemen
        )
        assert len(problemen) == 3, problemen


def awb_aanmaning(verzenddatum: str) -> dict[str, Any]:
    """€ 500, beschikking sent 2026-01-06: betalingstermijn to 2026-02-17, verzuim 2026-02-18."""
    vordering = {
        "id": "V1",
        "hoofdsom": "500.00",
        "verzenddatumBeschikking": "2026-01-06",
        "aanmaningen": [{"verzenddatum": verzenddatum}],
    }
    return {
        "soort": "verschuldigd-bedrag",
        "peildatum": verzenddatum,
        "gegevens": {"vorderingen": [vordering]},
    }


class TestAanmaningAlleenInVerzuim:
    """Awb 4:112 lid 1: no aanmaning letter ("U bent in verzuim") for an aanmaning before
    verzuim; the start of verzuim comes from the decision's outcome (renteVanaf)."""

    def brief(self, client: TestClient, verzenddatum: str) -> Any:
        vid = uitgegeven(client, awb_aanmaning(verzenddatum))
        return client.get(
            f"/v1/beslissingen/{vid}/documenten/aanmaning", headers=auth("medewerker")
        )

    def test_aanmaning_voor_het_verzuim_geeft_409(self, client: TestClient) -> None:
        r = self.brief(client, "2026-01-20")
        assert r.status_code == 409, r.text
        detail = r.json()["detail"]
        assert "aanmaning van 2026-01-20 ligt vóór het verzuim van vordering V1" in detail
        assert "dat begint op 2026-02-18" in detail and "Awb 4:112 lid 1" in detail

    def test_aanmaning_op_de_laatste_dag_van_de_betalingstermijn_geeft_409(
        self, client: TestClient
    ) -> None:
        r = self.brief(client, "2026-02-17")
        assert r.status_code == 409, r.text
        assert "aanmaning van 2026-02-17 ligt vóór het verzuim" in r.json()["detail"]

    def test_aanmaning_op_de_eerste_dag_van_het_verzuim_geeft_de_brief(
        self, client: TestClient
    ) -> None:
        r = self.brief(client, "2026-02-18")
        assert r.status_code == 200, r.text
        tekst = re.sub(r"<[^>]+>", "", r.text)
        assert "Datum: 18 februari 2026" in tekst and "€ 20,00" in tekst  # Awb 4:113, ≥ € 454

"""Letters in the werkbank, in Chromium: links on the decision page, the letter as a page
(styled, axe-checked, nothing from another host) and as a PDF."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.sync_api import expect

from tests.werkbank.conftest import Dienst, geen_ernstige_schendingen, inloggen


def verschuldigd(zaak: str) -> dict[str, Any]:
    return {
        "soort": "verschuldigd-bedrag",
        "peildatum": "2024-03-04",
        "zaakreferentie": zaak,
        "gegevens": {
            "vorderingen": [
                {
                    "id": "F1",
                    "hoofdsom": "5000.00",
                    "verzenddatumBeschikking": "2023-01-20",
                    "aanmaningen": [{"verzenddatum": "2023-03-10"}],
                }
            ]
        },
    }


def uitgegeven(dienst: Dienst, verzoek: dict[str, Any]) -> str:
    """m.devries decides; a colleague approves when the sample asks for review."""
    besluit = dienst.beslissing("medewerker", verzoek)
    if besluit["beoordeling"]["status"] == "open":
        oordeel = {"oordeel": "akkoord", "toelichting": "Nagerekend."}
        pad = f"/v1/beslissingen/{besluit['id']}/beoordelingen"
        assert dienst.api("senior", "POST", pad, json=oordeel).status_code == 201
    return str(besluit["id"])


class TestBrieven:
    def test_dwangbevel_bekijken_en_als_pdf(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        """m.devries opens its decision, follows 'bekijken' for the dwangbevel and gets the
        letter with amount and costs; the PDF link gives a PDF. No aanmaning is offered: the
        amounts are of 2024-03-04, the aanmaning was of 2023-03-10."""
        besluit = dienst.beslissing("medewerker", verschuldigd(f"Z-{uuid.uuid4().hex[:8]}"))
        if besluit["beoordeling"]["status"] == "open":  # the sample: a colleague approves
            oordeel = {"oordeel": "akkoord", "toelichting": "Nagerekend."}
            pad = f"/v1/beslissingen/{besluit['id']}/beoordelingen"
            assert dienst.api("senior", "POST", pad, json=oordeel).status_code == 201
        bezoek = nieuw_bezoek()
        pagina = inloggen(bezoek, "m.devries")
        pagina.goto(f"/werkbank/beslissingen/{besluit['id']}")
        brieven = pagina.get_by_role("region", name="Brieven")
        expect(brieven).to_contain_text("Dwangbevel")
        expect(brieven).not_to_contain_text("Aanmaning")
        brieven.get_by_role("link", name="bekijken").first.click()
        expect(pagina.get_by_role("heading", level=1)).to_have_text("DWANGBEVEL")
        tekst = pagina.locator("body").inner_text()
        assert "€ 5.294,85" in tekst and "Aanmaningskosten: € 18,00" in tekst
        # The style sheet is served by the werkbank (no inline styles under its CSP).
        assert pagina.evaluate("getComputedStyle(document.body).maxWidth") != "none"
        geen_ernstige_schendingen(pagina)
        antwoord = bezoek.context.request.get(
            f"/werkbank/beslissingen/{besluit['id']}/documenten/dwangbevel?formaat=pdf"
        )
        assert antwoord.status == 200
        assert antwoord.headers["content-type"] == "application/pdf"
        assert antwoord.body().startswith(b"%PDF")

    def test_open_beslissing_heeft_geen_brieven(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        """Awaiting review: no Brieven section, and the letter URL answers 409."""
        groot = verschuldigd(f"Z-{uuid.uuid4().hex[:8]}")
        groot["gegevens"]["vorderingen"][0]["hoofdsom"] = "50000.00"
        besluit = dienst.beslissing("medewerker", groot)
        assert besluit["beoordeling"]["status"] == "open"
        bezoek = nieuw_bezoek()
        pagina = inloggen(bezoek, "m.devries")
        pagina.goto(f"/werkbank/beslissingen/{besluit['id']}")
        expect(pagina.get_by_role("region", name="Brieven")).to_have_count(0)
        antwoord = bezoek.context.request.get(
            f"/werkbank/beslissingen/{besluit['id']}/documenten/aanmaning"
        )
        assert antwoord.status == 409

    def test_aanmaning_van_een_aanslag_met_bedragen(
        self, dienst: Dienst, nieuw_bezoek: Any
    ) -> None:
        """A tax aanmaning needs the amounts: the decision page asks for the id of the
        verschuldigd-bedrag decision, and the letter then names the Kostenwet costs."""
        zaak = f"Z-{uuid.uuid4().hex[:8]}"
        vordering = {"id": "A1", "dagtekening": "2025-09-19"}
        tid = uitgegeven(
            dienst,
            {
                "soort": "termijnen",
                "peildatum": "2025-11-10",
                "zaakreferentie": zaak,
                "gegevens": {
                    "vorderingen": [{**vordering, "bedrag": "2700.00", "regime": "invorderingswet"}]
                },
            },
        )
        vid = uitgegeven(
            dienst,
            {
                "soort": "verschuldigd-bedrag",
                "peildatum": "2025-11-10",
                "zaakreferentie": zaak,
                "gegevens": {
                    "regime": "invorderingswet",
                    "vorderingen": [
                        {
                            **vordering,
                            "hoofdsom": "2700.00",
                            "aanmaningen": [{"verzenddatum": "2025-11-10"}],
                        }
                    ],
                },
            },
        )
        bezoek = nieuw_bezoek()
        pagina = inloggen(bezoek, "m.devries")
        pagina.goto(f"/werkbank/beslissingen/{tid}")
        brieven = pagina.get_by_role("region", name="Brieven")
        geen_ernstige_schendingen(pagina)
        brieven.get_by_label("Aanmaning met de bedragen van beslissing", exact=False).fill(vid)
        brieven.get_by_role("button", name="Aanmaning maken").click()
        expect(pagina.get_by_role("heading", level=1)).to_have_text("Aanmaning")
        tekst = pagina.locator("body").inner_text()
        assert "€ 21,00 aanmaningskosten" in tekst and "€ 2.721,00" in tekst

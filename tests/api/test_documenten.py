"""Letters from decisions: GET /v1/beslissingen/{id}/documenten/{naam}, HTML and PDF.

PDFs are read back with pdftotext (Debian poppler-utils), as a person or a mail room would.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.engine.library import Regelbibliotheek
from service.engine.presentation import tekst
from tests.conftest import auth

PDF = {"Accept": "application/pdf"}
BVV = {
    "soort": "beslagvrije-voet",
    "peildatum": "2026-03-01",
    "gegevens": {
        "leefsituatie": "alleenstaande",
        "belastbaarJaarinkomen": 20000,
        "inkomsten": [{"bron": "loon", "nettoPerMaand": "1380.00"}],
    },
}
F1_VORDERING = {
    "id": "F1",
    "hoofdsom": "5000.00",
    "verzenddatumBeschikking": "2023-01-20",
    "aanmaningen": [{"verzenddatum": "2023-03-10"}],
}
F1 = {
    "soort": "verschuldigd-bedrag",
    "peildatum": "2024-03-04",
    "zaakreferentie": "UWV-F1",
    "gegevens": {"vorderingen": [F1_VORDERING]},
}
F2 = {
    "soort": "verschuldigd-bedrag",
    "peildatum": "2025-12-31",
    "gegevens": {
        "regime": "invorderingswet",
        "vorderingen": [
            {
                "id": "F2",
                "hoofdsom": "2700.00",
                "dagtekening": "2025-09-19",
                "aanmaningen": [{"verzenddatum": "2025-11-10"}],
                "dwangbevelen": [{"datum": "2025-12-31"}],
            }
        ],
    },
}


def tekst_van_pdf(inhoud: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext ontbreekt: installeer Debian's poppler-utils (.ci/run doet dat)")
    uit = subprocess.run(
        ["pdftotext", "-", "-"], input=inhoud, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", uit))  # lines broken at a hyphen


def uitgegeven(client: TestClient, verzoek: dict[str, Any], wie: str = "medewerker") -> str:
    """Take a decision; approve it when it awaits review (sample or threshold)."""
    r = client.post("/v1/beslissingen", json=verzoek, headers=auth(wie))
    assert r.status_code == 201, r.text
    if r.json()["beoordeling"]["status"] == "open":
        oordeel = {"oordeel": "akkoord", "toelichting": "Nagerekend."}
        b = client.post(
            f"/v1/beslissingen/{r.json()['id']}/beoordelingen", json=oordeel, headers=auth("senior")
        )
        assert b.status_code == 201, b.text
    return str(r.json()["id"])


class TestMededelingBeslagvrijeVoet:
    def test_pdf_noemt_bedrag_elke_term_en_de_meldingstermijn(self, client: TestClient) -> None:
        """The PDF as text holds the bvv, every calculation term with its value in euro and
        cents, 4 weeks and its end, and the data used under their Dutch names."""
        bid = uitgegeven(client, BVV)
        beslissing = client.get(f"/v1/beslissingen/{bid}", headers=auth("medewerker")).json()
        r = client.get(
            f"/v1/beslissingen/{bid}/documenten/mededeling-beslagvrije-voet",
            headers={**auth("medewerker"), **PDF},
        )
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "application/pdf"
        pdf = tekst_van_pdf(r.content)
        assert "€ 1.311,00 per maand" in pdf
        formule = next(x for x in beslissing["redenen"] if x["regel"] == "BVV-FORMULE-MAXIMUM")
        assert formule["waarden"]["normterm"] == "1331.4250"  # 95 % of € 1.401,50, exact
        assert "€ 1.331,4250" in formule["uitleg"]  # the officer's reason stays exact
        for term in ("normterm", "zorgterm", "woonterm", "kgbterm", "bvvFormule"):
            waarde = tekst(Decimal(formule["waarden"][term]), "bedrag")
            assert waarde in pdf, (term, waarde)
        normterm = "Normterm: 95 % van de bijstandsnorm voor een alleenstaande(ouder) € 1.401,50"
        assert f"{normterm} = € 1.331,43." in pdf
        assert "Formule: € 1.331,43 + € 0,00 + € 0,00 + € 0,00 = € 1.331,43" in pdf
        assert "Zorgterm: (€ 20.000,00 − drempelinkomen € 29.736,00" in pdf
        assert "Woonterm: (€ 20.000,00 − ijkpunt € 23.425,00" in pdf
        assert "kindgebonden-budgetterm (€ 0,00)" in pdf
        assert re.search(r"€ [\d.]+,\d{3}", pdf) is None, "an amount with more than 2 decimals"
        zonder_streepjes = pdf.replace("-", "")  # pdftotext joins a word broken at a hyphen
        for reden in beslissing["redenen"]:
            assert reden["titel"].replace("-", "") in zonder_streepjes, reden["titel"]
        assert "binnen 4 weken" in pdf
        assert "29 maart 2026" in pdf  # 1 maart 2026 + 4 weken
        assert "vanaf de dag van het beslag" in pdf
        # The data used, under their labels, amounts in euro:
        gegevens = pdf[pdf.index("Gegevens die wij hebben gebruikt") : pdf.index("Klopt dit niet?")]
        assert gegevens == (
            "Gegevens die wij hebben gebruikt Leefsituatie Alleenstaande Belastbaar jaarinkomen "
            "(met partner) € 20.000,00 Netto-inkomsten per maand Bron loon Netto per maand "
            "€ 1.380,00 "
        )
        for naam in ("belastbaarJaarinkomen", "nettoPerMaand", "20000", "1380.00"):
            assert naam not in pdf, naam

    def test_leefsituatie_in_woorden(self, client: TestClient) -> None:
        """A choice is named by the rule file's text for it (`waardelabels`), not its code."""
        gegevens = {**BVV["gegevens"], "leefsituatie": "gehuwdMetKinderen"}  # type: ignore[dict-item]
        bid = uitgegeven(client, {**BVV, "gegevens": gegevens})
        r = client.get(
            f"/v1/beslissingen/{bid}/documenten/mededeling-beslagvrije-voet",
            headers=auth("medewerker"),
        )
        assert r.status_code == 200, r.text
        assert re.search(r"<th>Leefsituatie</th><td>\s*Gehuwd of samenwonend, met kinderen", r.text)
        assert "het maximum voor gehuwd of samenwonend, met kinderen is" in r.text
        assert "gehuwdMetKinderen" not in r.text

    def test_termijn_komt_uit_de_parameter(self, bibliotheek: Regelbibliotheek) -> None:
        """The 4 weeks are the parameter's value, not a text in the templates."""
        for sjabloon in (bibliotheek.map / "brieven").glob("*.html"):
            inhoud = sjabloon.read_text(encoding="utf-8")
            for vast in ("4 weken", "vier weken", "2 weken", "twee weken"):
                assert vast not in inhoud, (sjabloon.name, vast)
        regelset = bibliotheek.voor("beslagvrije-voet", dt.date(2026, 3, 1)).regelset
        assert str(regelset.waarde_op("bvvMeldingstermijn", dt.date(2026, 3, 1))) == "4 weken"


class TestAanmaning:
    def test_f1_bedrag_termijn_en_kosten(self, client: TestClient) -> None:
        """An aanmaning holds the amount on its own date, the two-week term and the costs."""
        bid = uitgegeven(client, {**F1, "peildatum": "2023-03-10"})
        r = client.get(
            f"/v1/beslissingen/{bid}/documenten/aanmaning", headers={**auth("medewerker"), **PDF}
        )
        assert r.status_code == 200, r.text
        pdf = tekst_van_pdf(r.content)
        assert "Aanmaning" in pdf and "Datum: 10 maart 2023" in pdf
        # 5.000 + 18 aanmaningsvergoeding; the rente of 6 days at 4 % (€ 3,29) is below the
        # € 20 of Awb 4:98 lid 2 and not owed.
        assert "€ 5.018,00" in pdf
        assert "binnen 2 weken" in pdf and "de dag na verzending" in pdf
        assert "24 maart 2023" in pdf
        assert "€ 18,00 aanmaningskosten" in pdf and "4:113" in pdf
        assert "op uw kosten" in pdf or "voor uw rekening" in pdf

    def test_bedragen_van_een_andere_dag_geven_409(self, client: TestClient) -> None:
        """F1 computed on 2024-03-04 gives no aanmaning dated 2023-03-10: it would ask the
        rente of a year later."""
        bid = uitgegeven(client, F1)
        r = client.get(f"/v1/beslissingen/{bid}/documenten/aanmaning", headers=auth("medewerker"))
        assert r.status_code == 409, r.text
        assert "berekendOp 2023-03-10" in r.json()["detail"]

    def test_html_met_kostenwet_bij_een_aanslag(self, client: TestClient) -> None:
        """Taxes: term from the dagtekening, Kostenwet costs; HTML by default."""
        vordering = {**F2["gegevens"]["vorderingen"][0]}  # type: ignore[index]
        del vordering["dwangbevelen"]
        aanslag = {**F2, "peildatum": "2025-11-10"}
        aanslag["gegevens"] = {"regime": "invorderingswet", "vorderingen": [vordering]}
        bid = uitgegeven(client, aanslag)
        r = client.get(f"/v1/beslissingen/{bid}/documenten/aanmaning", headers=auth("medewerker"))
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/html")
        assert "binnen 2 weken" in r.text and "de dagtekening van deze aanmaning" in r.text
        assert "€ 21,00 aanmaningskosten" in r.text and "Kostenwet" in r.text

    def test_termijnen_beslissing_met_bedragen(self, client: TestClient) -> None:
        """A termijnen aanmaning takes rente and costs from a verschuldigd-bedrag decision."""
        termijnen = {
            "soort": "termijnen",
            "peildatum": "2023-03-10",
            "zaakreferentie": "UWV-F1",  # the zaak of F1's amounts
            "gegevens": {
                "vorderingen": [
                    {"id": "F1", "bedrag": "5000.00", "verzenddatumBeschikking": "2023-01-20"}
                ]
            },
        }
        tid = uitgegeven(client, termijnen)
        zonder = client.get(
            f"/v1/beslissingen/{tid}/documenten/aanmaning", headers=auth("medewerker")
        )
        assert zonder.status_code == 200, zonder.text
        assert "geen aanmaningskosten" in zonder.text
        vid = uitgegeven(client, {**F1, "peildatum": "2023-03-10"})
        met = client.get(
            f"/v1/beslissingen/{tid}/documenten/aanmaning?bedragen={vid}",
            headers=auth("medewerker"),
        )
        assert met.status_code == 200, met.text
        assert "€ 18,00 aanmaningskosten" in met.text


class TestDwangbevel:
    def test_elk_element_van_awb_4_122(self, client: TestClient) -> None:
        """(a) the word, (b) hoofdsom, (c) beschikking, (d) costs, (e) at the debtor's cost,
        (f) aanmaningsvergoeding, (g) start of the wettelijke rente."""
        bid = uitgegeven(client, F1)
        r = client.get(
            f"/v1/beslissingen/{bid}/documenten/dwangbevel", headers={**auth("medewerker"), **PDF}
        )
        assert r.status_code == 200, r.text
        pdf = tekst_van_pdf(r.content)
        assert pdf.lstrip().startswith("DWANGBEVEL")  # a: at the top
        assert "Invorderbare hoofdsom: € 5.000,00" in pdf  # b
        assert "beschikking verzonden op 20 januari 2023" in pdf  # c
        assert "Kosten van dit dwangbevel" in pdf and "4:120" in pdf  # d (Awb: deurwaarder)
        assert "op kosten van de schuldenaar" in pdf  # e
        assert "Aanmaningskosten: € 18,00" in pdf  # f
        assert "wettelijke rente loopt vanaf 4 maart 2023" in pdf  # g
        assert "4:122" in pdf and "rechtbank" in pdf

    def test_kostenwet_bedrag_en_verzet(self, client: TestClient) -> None:
        """A tax dwangbevel names the Kostenwet costs and verzet."""
        bid = uitgegeven(client, F2)
        r = client.get(f"/v1/beslissingen/{bid}/documenten/dwangbevel", headers=auth("medewerker"))
        assert r.status_code == 200, r.text
        assert "Kosten van dit dwangbevel: <strong>€ 348,00</strong>" in r.text  # 53 + 5 × 59
        assert "verzet" in r.text

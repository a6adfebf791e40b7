"""Expressions written out in Dutch: generic per operator and function, not per rule."""

from __future__ import annotations

import pytest
from pydantic import create_model

from service.regeldocs.inhoud import kenmerken
from service.regeldocs.nederlands import Vertaler
from service.rulefiles.model import Regel

TYPEN = {
    "peildatum": "datum",
    "betalingstermijnEinde": "datum",
    "betalingstermijnBegin": "datum",
    "betalingstermijnWeken": "getal",
    "openstaandBedrag": "bedrag",
    "aanmaningen": "lijst",
    "verzenddatum": "datum",
    "verjaard": "jaNee",
    "regime": "tekst",
}


class TestVoorwaarden:
    @pytest.mark.parametrize(
        ("code", "nederlands"),
        [
            (
                "peildatum <= betalingstermijnEinde",
                "de peildatum ligt op of vóór het einde van de betalingstermijn",
            ),
            (
                "peildatum > betalingstermijnEinde",
                "de peildatum ligt na het einde van de betalingstermijn",
            ),
            ("openstaandBedrag <= 50.00", "het openstaand bedrag is ten hoogste 50,00"),
            ("aantal(aanmaningen) > 0", "het aantal aanmaningen is groter dan 0"),
            ("bekend(betalingstermijnEinde)", "het einde van de betalingstermijn is bekend"),
            ("niet verjaard", "er is geen sprake van ‘verjaard’"),
            (
                'regime in ["awb", "invorderingswet"]',
                "het regime is een van: „awb”, „invorderingswet”",
            ),
            (
                'verjaard of regime == "awb" en openstaandBedrag > 0',
                "er is sprake van ‘verjaard’ of (het regime is „awb” en het openstaand bedrag is groter dan 0)",
            ),
        ],
    )
    def test_voorwaarde(self, code: str, nederlands: str) -> None:
        assert Vertaler(TYPEN).voorwaarde(code) == nederlands


class TestUitdrukkingen:
    @pytest.mark.parametrize(
        ("code", "nederlands"),
        [
            ("betalingstermijnEinde + dagen(1)", "1 dag na het einde van de betalingstermijn"),
            (
                "betalingstermijnBegin + weken(betalingstermijnWeken)",
                "de betalingstermijn in weken na het begin van de betalingstermijn",
            ),
            (
                "laatste([a.verzenddatum for a in aanmaningen])",
                "de laatste datum uit de verzenddatum van elk element van de aanmaningen",
            ),
            (
                "afronden(openstaandBedrag * 0.95)",
                "het openstaand bedrag maal 0,95, afgerond op hele centen (de helft naar boven)",
            ),
            ("max(openstaandBedrag - 10, 0)", "de grootste van: het openstaand bedrag min 10 en 0"),
            ("waar if verjaard else onwaar", "ja als er is sprake van ‘verjaard’, en anders nee"),
        ],
    )
    def test_uitdrukking(self, code: str, nederlands: str) -> None:
        assert Vertaler(TYPEN).uitdrukking(code) == nederlands

    def test_onbekende_functie_wordt_toch_uitgeschreven(self) -> None:
        """A function added to the language later still reads as Dutch, with its arguments."""
        assert (
            Vertaler(TYPEN).uitdrukking("nieuweFunctie(peildatum, 3)")
            == "de uitkomst van nieuweFunctie met de peildatum, 3"
        )

    def test_onleesbare_tekst_blijft_zoals_geschreven(self) -> None:
        assert Vertaler(TYPEN).uitdrukking("a +* b") == "a +* b"


class TestNieuweVelden:
    def test_een_nieuw_veld_van_het_formaat_verschijnt(self) -> None:
        """A field added to the rule format (like issue 8's geldigOp) is shown, read as Dutch."""
        NieuweRegel = create_model("NieuweRegel", __base__=Regel, geldigOp=(str | None, None))
        regel = NieuweRegel(  # type: ignore[call-arg]  # a model made at run time
            id="TRM-X-Y",
            titel="Proef",
            grondslag=[{"regeling": "Awb", "artikel": "4:87"}],
            dan={"x": "1"},
            uitleg="Een uitleg van tien tekens.",
            geldigOp="betalingstermijnBegin",
        )
        gevonden = kenmerken(regel, {"id", "titel", "grondslag", "dan", "uitleg"}, Vertaler(TYPEN))
        assert [(k.naam, k.waarde, k.nederlands) for k in gevonden] == [
            ("geldigOp", "betalingstermijnBegin", "het begin van de betalingstermijn")
        ]

"""`rules check` finds what used to pass it and fail only at run time: defaults, literals."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.engine.library import controleer_map
from service.rulefiles.expressions import _decimale_komma
from tests.conftest import RULES
from tests.rulefiles.bewerken import problemen, vervang

TOEREKENING = "toerekening.yaml"
TERMIJNEN = "termijnen.yaml"
AFSCHRIJVING = "afschrijving.yaml"


class TestStandaard:
    def test_keuze_buiten_waarden(self, regels: Path) -> None:
        """A choice's default that is none of its values is reported at the default's line."""
        regel = vervang(regels, TOEREKENING, "    standaard: awb\n", "    standaard: awbb\n")
        assert problemen(regels) == [
            f"{TOEREKENING}:{regel}: invoer.regime: standaard 'awbb' past niet bij het veld "
            "(keuze): kies uit: 'awb', 'invorderingswet', 'lokaleBelasting' of 'awir' "
            "— pas de standaard aan"
        ]

    @pytest.mark.parametrize(
        ("oud", "nieuw", "reden"),
        [
            (
                'verwachteInvorderingskosten: {type: bedrag, standaard: "0"}',
                'verwachteInvorderingskosten: {type: bedrag, standaard: "nul"}',
                "'nul' is geen getal",
            ),
            (
                "jarenNietsBetaald: {type: geheelGetal, standaard: 0}",
                "jarenNietsBetaald: {type: geheelGetal, standaard: 1.5}",
                "jarenNietsBetaald: standaard '1.5' past niet bij het veld (geheelGetal)",
            ),
            (
                "overleden: {type: jaNee, standaard: false}",
                "overleden: {type: jaNee, standaard: nee}",
                "'nee' is geen ja/nee-waarde",
            ),
        ],
    )
    def test_standaard_van_ander_type(self, regels: Path, oud: str, nieuw: str, reden: str) -> None:
        """An amount, whole number or yes/no default that cannot be read as such is a problem."""
        regel = vervang(regels, AFSCHRIJVING, oud, nieuw)
        gevonden = problemen(regels)
        assert len(gevonden) == 1, gevonden
        assert gevonden[0].startswith(f"{AFSCHRIJVING}:{regel}: invoer.")
        assert reden in gevonden[0]

    def test_goede_standaarden(self) -> None:
        """The shipped defaults all fit their fields (the check has no false alarms)."""
        assert problemen(RULES) == []


class TestLetterlijkGetal:
    @pytest.mark.parametrize("getal", ["1.5", "-1.5", "2.0"])
    def test_decimaal_waar_geheel_getal_moet(self, regels: Path, getal: str) -> None:
        """A number written with a point as a function's whole-number argument is a type error."""
        regel = vervang(
            regels,
            TERMIJNEN,
            "volgendeStapVanaf: uitstelTot + dagen(1)\n",
            f"volgendeStapVanaf: uitstelTot + dagen({getal})\n",
        )
        assert problemen(regels) == [
            f"{TERMIJNEN}:{regel}: TRM-STAP-UITSTEL: 'uitstelTot + dagen({getal})': dagen(…): "
            f"argument 1 moet een geheel getal zijn, niet {getal} "
            "— schrijf een geheel getal, zonder punt"
        ]

    def test_berekend_getal_blijft_toegestaan(self, regels: Path) -> None:
        """A computed number as a whole-number argument is still checked when the rule runs."""
        vervang(
            regels,
            TERMIJNEN,
            "volgendeStapVanaf: uitstelTot + dagen(1)\n",
            "volgendeStapVanaf: uitstelTot + dagen(naarBovenGeheel(3 / 2) * 1.0)\n",
        )
        assert not [p for p in problemen(regels) if "geheel getal" in p]


class TestDecimaleKomma:
    ADVIES = "een decimaal getal met een punt{}, niet met een komma (twee getallen: zet een spatie na de komma)"

    @pytest.mark.parametrize(
        ("getal", "punt", "duizendtallen"),
        [
            ("0,5", "0.5", ""),
            ("0,05", "0.05", ""),
            ("-0,5", "-0.5", ""),
            ("1.000.000,50", "1000000.50", ", zonder punten tussen de duizendtallen"),
        ],
    )
    def test_in_voorwaarde_en_afleiding(
        self, regels: Path, getal: str, punt: str, duizendtallen: str
    ) -> None:
        """A Dutch decimal comma (which would read as two numbers) gets the whole expression
        back written with a point, in a condition and in a derived value alike."""
        als = vervang(
            regels,
            TERMIJNEN,
            "      - openstaandBedrag == 0\n",
            f"      - openstaandBedrag == {getal}\n",
        )
        dan = (
            vervang(
                regels,
                AFSCHRIJVING,
                '      grond: \'"dringendeRedenen"\'\n      afgeschreven: "0.00"',
                f'      grond: \'"dringendeRedenen"\'\n      afgeschreven: "max({getal}, 0)"',
            )
            + 1
        )
        advies = self.ADVIES.format(duizendtallen)
        gevonden = problemen(regels)
        assert (
            f"{TERMIJNEN}:{als}: TRM-STAP-BETAALD: 'openstaandBedrag == {getal}': "
            f"schrijf 'openstaandBedrag == {punt}': {advies}"
        ) in gevonden
        assert (
            f"{AFSCHRIJVING}:{dan}: AFS-DRINGENDE-REDENEN: 'max({getal}, 0)': "
            f"schrijf 'max({punt}, 0)': {advies}"
        ) in gevonden

    @pytest.mark.parametrize(
        "uitdrukking", ["max(1, 5)", "max(1,5,9)", 'tekst("0,5")', "x in [10,20]"]
    )
    def test_geen_advies_zonder_decimaal_getal(self, uitdrukking: str) -> None:
        """Numbers with a space after the comma, numbers in a list and a text get no advice."""
        assert _decimale_komma(uitdrukking) is None


class TestDubbeleSleutel:
    def test_dubbel_in_regel_verbergt_niets(self, regels: Path) -> None:
        """A key twice in a rule names the rule, and the file's other problems are still found."""
        dubbel = vervang(
            regels,
            TERMIJNEN,
            "      volgendeStapVanaf: uitstelTot + dagen(1)\n",
            "      volgendeStapVanaf: uitstelTot + dagen(1)\n"
            "      volgendeStapVanaf: uitstelTot + dagen(2)\n",
        )
        als = vervang(
            regels,
            TERMIJNEN,
            "    als:\n      - verjaard\n",
            "    als:\n      - verjaard\n"
            "      - verjaringstermijnEinde > openstaandBedrag\n"
            "      - bestaatNiet\n",
        )
        assert problemen(regels) == [
            f"{TERMIJNEN}:{als + 2}: TRM-STAP-VERJAARD: 'verjaringstermijnEinde > "
            "openstaandBedrag': 'verjaringstermijnEinde' vergelijkt een datum met een bedrag",
            f"{TERMIJNEN}:{als + 3}: TRM-STAP-VERJAARD: 'bestaatNiet' is geen invoerveld, "
            "parameter of afgeleide waarde",
            f"{TERMIJNEN}:{dubbel + 3}: TRM-STAP-UITSTEL: dan: sleutel 'volgendeStapVanaf' "
            f"staat dubbel (eerder op regel {dubbel + 2}) — verwijder of hernoem een van beide "
            "(gecontroleerd is de laatste)",
        ]

    def test_bestand_met_dubbele_sleutel_wordt_niet_gecompileerd(self, regels: Path) -> None:
        """A file with a key twice and no other problem is checked but never compiled."""
        vervang(
            regels,
            TERMIJNEN,
            "      volgendeStapVanaf: uitstelTot + dagen(1)\n",
            "      volgendeStapVanaf: uitstelTot + dagen(1)\n"
            "      volgendeStapVanaf: uitstelTot + dagen(2)\n",
        )
        regelsets, gevonden = controleer_map(regels)
        assert len(gevonden) == 1
        assert all(TERMIJNEN not in r.bestanden for r in regelsets)


class TestWaardelabels:
    BVV = "gedeeld/beslagvrije-voet.yaml"

    def test_label_voor_een_onbekende_waarde(self, regels: Path) -> None:
        """A text for a value the field does not have (a typo) is reported at the labels."""
        vervang(
            regels, self.BVV, "      gehuwdMetKinderen: Gehuwd", "      gehuwdMetKindren: Gehuwd"
        )
        regels_tekst = (regels / self.BVV).read_text(encoding="utf-8").splitlines()
        lijn = (
            regels_tekst.index("    waardelabels:") + 2
        )  # the block's first line, as for all values
        assert (
            f"{self.BVV}:{lijn}: invoer.leefsituatie: waardelabels: noemt gehuwdMetKindren: geen "
            "van de waarden (alleenstaande, alleenstaandeOuder, gehuwdZonderKinderen, "
            "gehuwdMetKinderen)"
        ) in problemen(regels)

    def test_lege_tekst(self, regels: Path) -> None:
        """A blank text would leave the letter's cell empty."""
        regel = vervang(
            regels, self.BVV, "      alleenstaande: Alleenstaande\n", "      alleenstaande: '  '\n"
        )
        assert (
            f"{self.BVV}:{regel}: invoer.leefsituatie: waardelabels.alleenstaande: te kort: "
            "minstens 2 teken(s)"
        ) in problemen(regels)

    def test_labels_alleen_bij_een_keuze(self, regels: Path) -> None:
        vervang(
            regels,
            self.BVV,
            "  adresInNederland: {type: jaNee,",
            "  adresInNederland: {type: jaNee, waardelabels: {waar: Ja},",
        )
        assert any(
            "invoer.adresInNederland: waardelabels: mag alleen bij type keuze" in p
            for p in problemen(regels)
        ), problemen(regels)

"""`rules check` finds what used to pass it and fail only at run time: defaults, literals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from service.engine.library import controleer_map
from tests.conftest import RULES
from tests.rulefiles.test_een_run import vervang

TOEREKENING = "toerekening.yaml"
TERMIJNEN = "termijnen.yaml"
AFSCHRIJVING = "afschrijving.yaml"


@pytest.fixture
def regels(tmp_path: Path) -> Path:
    """A private copy of the shipped rules to break."""
    doel = tmp_path / "rules"
    shutil.copytree(RULES, doel)
    return doel


def problemen(map: Path) -> list[str]:
    return [str(p) for p in controleer_map(map)[1]]


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

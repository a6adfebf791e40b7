"""`rules check` reports every problem of a rules directory in one run, each at its own line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from service.engine.library import controleer_map
from tests.conftest import RULES

TOEREKENING = "toerekening.yaml"
TERMIJNEN = "parameters/termijnen.yaml"


@pytest.fixture
def regels(tmp_path: Path) -> Path:
    """A private copy of the shipped rules to break."""
    doel = tmp_path / "rules"
    shutil.copytree(RULES, doel)
    return doel


def vervang(map: Path, bestand: str, oud: str, nieuw: str) -> int:
    """Replace text that occurs once; return the 1-based line where it starts."""
    pad = map / bestand
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.count(oud) == 1, oud
    pad.write_text(tekst.replace(oud, nieuw), encoding="utf-8")
    return tekst[: tekst.index(oud)].count("\n") + 1


def problemen(map: Path) -> list[str]:
    return [str(p) for p in controleer_map(map)[1]]


class TestSleutelOpZijnRegel:
    def test_tikfout_in_een_blok(self, regels: Path) -> None:
        """A misspelt key whose value is an indented list is reported at the key's own line."""
        regel = vervang(
            regels,
            TOEREKENING,
            "    titel: De betaling\n    grondslag:\n",
            "    titel: De betaling\n    grondslg:\n",
        )
        gevonden = [p for p in problemen(regels) if "grondslg" in p]
        assert gevonden == [
            f"{TOEREKENING}:{regel + 1}: TOE-BETALING: grondslg: onbekend veld — bedoelt u 'grondslag'?"
        ]

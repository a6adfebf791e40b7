"""The rule test cases in fixtures/rules/ (also run by `invordering rules test`)."""

from __future__ import annotations

import pytest

from service.engine.library import Regelbibliotheek
from service.ruletests import lees_gevallen, niet_gedekt, voer_uit
from tests.conftest import ROOT

GEVALLEN = lees_gevallen(ROOT / "fixtures" / "rules")


@pytest.mark.parametrize("geval", GEVALLEN, ids=[f"{g.bestand}: {g.naam}" for g in GEVALLEN])
def test_geval(bibliotheek: Regelbibliotheek, geval: object) -> None:
    """Each case gives exactly the expected outcome, rules and problems."""
    resultaat = voer_uit(bibliotheek, geval)  # type: ignore[arg-type]
    assert resultaat.geslaagd, "\n".join(resultaat.fouten)


def test_elke_regel_heeft_een_testgeval(bibliotheek: Regelbibliotheek) -> None:
    """Every rule of every shipped rule set applies in at least one case."""
    resultaten = [voer_uit(bibliotheek, g) for g in GEVALLEN]
    assert GEVALLEN
    assert niet_gedekt(bibliotheek, resultaten) == []

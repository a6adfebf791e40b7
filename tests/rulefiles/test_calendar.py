"""The Algemene termijnenwet, with the calendar read from rules/parameters (data, not code)."""

from __future__ import annotations

import datetime as dt

import pytest

from service.engine.library import Regelbibliotheek
from service.rulefiles.calendar import AtwKalender

D = dt.date


@pytest.fixture(scope="module")
def kalender(bibliotheek: Regelbibliotheek) -> AtwKalender:
    regelset = bibliotheek.voor("termijnen", D(2026, 1, 1)).regelset
    return AtwKalender.uit(regelset.waarde_op, regelset.alle_waarden)


@pytest.mark.parametrize(
    ("begin", "dagen", "einde"),
    [
        (D(2026, 1, 5), 42, D(2026, 2, 16)),  # nothing to extend
        (D(2026, 2, 20), 42, D(2026, 4, 7)),  # Goede Vrijdag, weekend, Tweede Paasdag
        (D(2026, 11, 13), 42, D(2026, 12, 28)),  # Kerstdagen, weekend
        (D(2026, 4, 30), 14, D(2026, 5, 18)),  # Hemelvaart, KB 15 May, weekend
        (D(2026, 12, 11), 14, D(2026, 12, 28)),  # Kerstdagen, weekend
        (D(2017, 12, 20), 3, D(2017, 12, 27)),  # 3-day term: weekend, Kerstdagen
    ],
)
def test_uitgewerkte_voorbeelden(
    kalender: AtwKalender, begin: dt.date, dagen: int, einde: dt.date
) -> None:
    """Worked examples of Atw art 1 and 2 (the 3-day one only here: no decision uses it)."""
    assert kalender.verleng(begin + dt.timedelta(days=dagen), begin) == einde


def test_artikel_2_twee_vrije_dagen(kalender: AtwKalender) -> None:
    """A 3-day term from Wed 23 Dec 2026 ends Sat → Mon 28 Dec; 2 working days needed: 24 and 28."""
    assert kalender.verleng(D(2026, 12, 26), D(2026, 12, 23)) == D(2026, 12, 28)
    # From Thu 24 Dec 2026: raw end Sun 27 → Mon 28 (art 1) holds only 1 working day → Tue 29.
    assert kalender.verleng(D(2026, 12, 27), D(2026, 12, 24)) == D(2026, 12, 29)


@pytest.mark.parametrize(
    ("datum", "vrij"),
    [
        (D(2026, 4, 27), True),  # Koningsdag on a Monday
        (D(2025, 4, 26), True),  # 27 April 2025 is a Sunday: Koningsdag on the 26th
        (D(2027, 5, 5), True),  # 5 mei every year, not only lustrum years
        (D(2026, 1, 2), True),  # KB day
        (D(2026, 5, 25), True),  # Tweede Pinksterdag 2026
        (D(2026, 5, 14), True),  # Hemelvaartsdag 2026
        (D(2026, 4, 3), True),  # Goede Vrijdag
        (D(2026, 3, 4), False),  # an ordinary Wednesday
        (D(2026, 12, 31), False),  # Oudejaarsdag is no feestdag
    ],
)
def test_feestdagen(kalender: AtwKalender, datum: dt.date, vrij: bool) -> None:
    assert kalender.is_vrije_dag(datum) is vrij

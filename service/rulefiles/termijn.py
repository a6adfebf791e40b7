"""A legal term as policy staff write it: "6 weken", "2 maanden", "14 dagen", "5 jaar".

A term keeps its unit, so a reason says "2 maanden" (as the law does) and not "61 dagen".
Adding a term to a date counts calendar units: a date + 1 maand lands on the same day
number a month later, or on the last day of that month when the day does not exist there
(31 januari + 1 maand = 28 of 29 februari; an open point, noted in the rule files).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

Eenheid = Literal["dagen", "weken", "maanden", "jaren"]

_ENKELVOUD: dict[str, str] = {"dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}
_SPELLINGEN: dict[str, Eenheid] = {
    "dag": "dagen",
    "dagen": "dagen",
    "week": "weken",
    "weken": "weken",
    "maand": "maanden",
    "maanden": "maanden",
    "jaar": "jaren",
    "jaren": "jaren",
}
_TERMIJN = re.compile(r"^\s*(\d{1,4})\s+([a-z]+)\s*$")


@dataclass(frozen=True)
class Termijn:
    """A number of days, weeks, months or years; add it to a date to find a term's last day."""

    aantal: int
    eenheid: Eenheid

    def __radd__(self, ander: Any) -> Any:
        if isinstance(ander, dt.date):
            return ander + _DELTA[self.eenheid](self.aantal)
        return NotImplemented

    def __add__(self, ander: Any) -> Any:
        if isinstance(ander, dt.date):
            return ander + _DELTA[self.eenheid](self.aantal)
        if isinstance(ander, Termijn) and ander.eenheid == self.eenheid:
            return Termijn(self.aantal + ander.aantal, self.eenheid)
        return NotImplemented

    def __rsub__(self, ander: Any) -> Any:
        if isinstance(ander, dt.date):
            return ander - _DELTA[self.eenheid](self.aantal)
        return NotImplemented

    def __mul__(self, factor: Any) -> Any:
        if isinstance(factor, int) and not isinstance(factor, bool):
            return Termijn(self.aantal * factor, self.eenheid)
        return NotImplemented

    __rmul__ = __mul__

    def __str__(self) -> str:
        if self.eenheid == "jaren":
            return f"{self.aantal} jaar"
        return f"{self.aantal} {_ENKELVOUD[self.eenheid] if self.aantal == 1 else self.eenheid}"


def _dagen(n: int) -> dt.timedelta | relativedelta:
    return dt.timedelta(days=n)


def _weken(n: int) -> dt.timedelta | relativedelta:
    return dt.timedelta(weeks=n)


def _maanden(n: int) -> dt.timedelta | relativedelta:
    return relativedelta(months=n)


def _jaren(n: int) -> dt.timedelta | relativedelta:
    return relativedelta(years=n)


# Days and weeks are exact: a timedelta does the same as a relativedelta, faster.
_DELTA: dict[str, Callable[[int], dt.timedelta | relativedelta]] = {
    "dagen": _dagen,
    "weken": _weken,
    "maanden": _maanden,
    "jaren": _jaren,
}


def lees_termijn(tekst: Any) -> Termijn:
    """Read "6 weken" / "1 maand" / "14 dagen" / "5 jaar"; raise ValueError with a hint."""
    gevonden = _TERMIJN.match(str(tekst)) if isinstance(tekst, str) else None
    if not gevonden or gevonden.group(2) not in _SPELLINGEN:
        raise ValueError(
            f"'{tekst}' is geen termijn — schrijf een aantal en een eenheid, "
            "bv. '6 weken', '2 maanden', '14 dagen' of '5 jaar'"
        )
    return Termijn(int(gevonden.group(1)), _SPELLINGEN[gevonden.group(2)])

"""The Algemene termijnenwet calendar, built from parameter data.

Which days count as feestdag is *data* (rules/parameters/algemene-termijnenwet.yaml):
fixed dates, days relative to Easter and the days equated by Koninklijk Besluit. This
module only knows how to read that data and how art 1 and art 2 extend a term.
Easter comes from dateutil (a well-kept implementation of the Gregorian computus).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dateutil.easter import easter

ZATERDAG, ZONDAG = 5, 6


@dataclass(frozen=True)
class AtwKalender:
    """Feestdagen per the Atw, and the numbers of art 2, all from parameters."""

    vaste_dagen: tuple[tuple[int, int, tuple[int, int] | None], ...]
    paasdagen: tuple[int, ...]
    gelijkgesteld: frozenset[dt.date]
    minimum_vrije_dagen: int
    artikel2_vanaf_dagen: int
    _per_jaar: dict[int, frozenset[dt.date]] = field(default_factory=dict, compare=False)
    _verlengd: dict[tuple[dt.date, dt.date], dt.date] = field(default_factory=dict, compare=False)

    def feestdagen(self, jaar: int) -> frozenset[dt.date]:
        if jaar not in self._per_jaar:
            dagen: set[dt.date] = set()
            for maand, dag, als_zondag in self.vaste_dagen:
                datum = dt.date(jaar, maand, dag)
                if als_zondag is not None and datum.weekday() == ZONDAG:
                    datum = dt.date(jaar, *als_zondag)
                dagen.add(datum)
            pasen = easter(jaar)
            dagen |= {pasen + dt.timedelta(days=n) for n in self.paasdagen}
            dagen |= {d for d in self.gelijkgesteld if d.year == jaar}
            self._per_jaar[jaar] = frozenset(dagen)
        return self._per_jaar[jaar]

    def is_vrije_dag(self, datum: dt.date) -> bool:
        """Saturday, Sunday or a feestdag in the sense of Atw art 3."""
        return datum.weekday() in (ZATERDAG, ZONDAG) or datum in self.feestdagen(datum.year)

    def verleng(self, einde: dt.date, begin: dt.date) -> dt.date:
        """Apply Atw art 1 and 2 to a term that runs from the day after `begin` to `einde`."""
        sleutel = (einde, begin)
        if sleutel not in self._verlengd:
            if len(self._verlengd) > 100_000:  # bounded memo: the same terms recur all day
                self._verlengd.clear()
            self._verlengd[sleutel] = self._verleng(einde, begin)
        return self._verlengd[sleutel]

    def _verleng(self, einde: dt.date, begin: dt.date) -> dt.date:
        dag = einde
        while self.is_vrije_dag(dag):  # art 1
            dag += dt.timedelta(days=1)
        if (einde - begin).days >= self.artikel2_vanaf_dagen:  # art 2
            while self._werkdagen(begin, dag) < self.minimum_vrije_dagen:
                dag += dt.timedelta(days=1)
                while self.is_vrije_dag(dag):
                    dag += dt.timedelta(days=1)
        return dag

    def _werkdagen(self, begin: dt.date, einde: dt.date) -> int:
        dagen = (begin + dt.timedelta(days=n) for n in range(1, (einde - begin).days + 1))
        return sum(1 for d in dagen if not self.is_vrije_dag(d))


def _maand_dag(tekst: str) -> tuple[int, int]:
    maand, dag = tekst.split("-")
    return int(maand), int(dag)


def kalender_uit_parameters(parameters: Mapping[str, Any]) -> AtwKalender:
    """Build the calendar from the resolved parameter values (cached per content)."""
    return _kalender(
        tuple((d["datum"], d.get("alsZondag")) for d in parameters["atwVasteFeestdagen"]),
        tuple(int(d["dagenNaPasen"]) for d in parameters["atwPaasFeestdagen"]),
        tuple(_als_datum(d["datum"]) for d in parameters["atwGelijkgesteldeDagen"]),
        int(parameters["atwMinimumVrijeDagenInTermijn"]),
        int(parameters["atwArtikel2VanafTermijnDagen"]),
    )


def _als_datum(waarde: Any) -> dt.date:
    return waarde if isinstance(waarde, dt.date) else dt.date.fromisoformat(str(waarde))


@lru_cache(maxsize=32)
def _kalender(
    vast: tuple[tuple[str, str | None], ...],
    pasen: tuple[int, ...],
    gelijkgesteld: Iterable[dt.date],
    minimum: int,
    vanaf: int,
) -> AtwKalender:
    return AtwKalender(
        vaste_dagen=tuple(
            (*_maand_dag(datum), _maand_dag(zondag) if zondag else None) for datum, zondag in vast
        ),
        paasdagen=pasen,
        gelijkgesteld=frozenset(gelijkgesteld),
        minimum_vrije_dagen=minimum,
        artikel2_vanaf_dagen=vanaf,
    )


KALENDER_PARAMETERS = (
    "atwVasteFeestdagen",
    "atwPaasFeestdagen",
    "atwGelijkgesteldeDagen",
    "atwMinimumVrijeDagenInTermijn",
    "atwArtikel2VanafTermijnDagen",
)

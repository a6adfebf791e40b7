"""The Algemene termijnenwet calendar, built from parameter data.

Which days count as feestdag is *data* (rules/parameters/algemene-termijnenwet.yaml):
fixed dates and days relative to Easter (each year by the value in force on 1 January of
that year: Koninginnedag 30 april until 2013, Koningsdag 27 april since 2014), the days
equated by Koninklijk Besluit (each a fact on its own date), the years whose KB days are
confirmed, and candidate days of years that are not. This module only reads that data and
applies art 1 and art 2; for a year whose KB days are not confirmed it says how the end of
a term could move, so the decision can warn instead of deciding silently.
Easter comes from dateutil (a well-kept implementation of the Gregorian computus).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dateutil.easter import easter

from service.rulefiles.opmaak import tekst

ZATERDAG, ZONDAG = 5, 6

KALENDER_PARAMETERS = (
    "atwVasteFeestdagen",
    "atwPaasFeestdagen",
    "atwGelijkgesteldeDagen",
    "atwBevestigdeJaren",
    "atwOnbevestigdeDagen",
    "atwMinimumVrijeDagenInTermijn",
    "atwArtikel2VanafTermijnDagen",
)

WaardeOp = Callable[[str, dt.date], Any]
"""(parameter name, date) → the value in force on that date, or None."""
AlleWaarden = Callable[[str], list[Any]]
"""parameter name → every dated value (for lists of facts that date themselves)."""


class KalenderFout(ValueError):
    """The calendar has no data for a day it must judge."""


def _maand_dag(jaar: int, tekst: str) -> dt.date:
    maand, dag = tekst.split("-")
    return dt.date(jaar, int(maand), int(dag))


def _datums(waarden: list[Any], sleutel: str = "datum") -> frozenset[dt.date]:
    return frozenset(e[sleutel] for waarde in waarden for e in waarde or [])


@dataclass
class AtwKalender:
    """Feestdagen per the Atw (art 3) and the extension of terms (art 1 and 2)."""

    waarde_op: WaardeOp
    gelijkgesteld: frozenset[dt.date]
    bevestigde_jaren: frozenset[int]
    kandidaten: frozenset[dt.date]
    _per_jaar: dict[int, frozenset[dt.date]] = field(default_factory=dict)
    _verlengd: dict[tuple[dt.date, dt.date, frozenset[dt.date]], dt.date] = field(
        default_factory=dict
    )

    @classmethod
    def uit(cls, waarde_op: WaardeOp, alle: AlleWaarden) -> AtwKalender:
        return cls(
            waarde_op,
            _datums(alle("atwGelijkgesteldeDagen")),
            frozenset(j for w in alle("atwBevestigdeJaren") for j in w or []),
            _datums(alle("atwOnbevestigdeDagen")),
        )

    def feestdagen(self, jaar: int) -> frozenset[dt.date]:
        """The statutory feestdagen of a year plus the KB days known for sure."""
        if jaar not in self._per_jaar:
            nieuwjaar = dt.date(jaar, 1, 1)
            vast = self.waarde_op("atwVasteFeestdagen", nieuwjaar)
            pasen_dagen = self.waarde_op("atwPaasFeestdagen", nieuwjaar)
            if vast is None or pasen_dagen is None:
                raise KalenderFout(f"de Atw-kalender heeft geen feestdagen voor {jaar}")
            dagen: set[dt.date] = set()
            for d in vast:
                datum = _maand_dag(jaar, d["datum"])
                if d.get("alsZondag") and datum.weekday() == ZONDAG:
                    datum = _maand_dag(jaar, d["alsZondag"])
                dagen.add(datum)
            pasen = easter(jaar)
            dagen |= {pasen + dt.timedelta(days=int(d["dagenNaPasen"])) for d in pasen_dagen}
            dagen |= {d for d in self.gelijkgesteld if d.year == jaar}
            self._per_jaar[jaar] = frozenset(dagen)
        return self._per_jaar[jaar]

    def is_vrije_dag(self, datum: dt.date, extra: frozenset[dt.date] = frozenset()) -> bool:
        """Saturday, Sunday or a feestdag in the sense of Atw art 3."""
        return (
            datum.weekday() in (ZATERDAG, ZONDAG)
            or datum in self.feestdagen(datum.year)
            or datum in extra
        )

    def verleng(
        self, einde: dt.date, begin: dt.date, extra: frozenset[dt.date] = frozenset()
    ) -> dt.date:
        """Apply Atw art 1 and 2 to a term that runs from the day after `begin` to `einde`."""
        sleutel = (einde, begin, extra)
        if sleutel not in self._verlengd:
            if len(self._verlengd) > 100_000:  # bounded memo: the same terms recur all day
                self._verlengd.clear()
            self._verlengd[sleutel] = self._verleng(einde, begin, extra)
        return self._verlengd[sleutel]

    def _verleng(self, einde: dt.date, begin: dt.date, extra: frozenset[dt.date]) -> dt.date:
        minimum = int(self.waarde_op("atwMinimumVrijeDagenInTermijn", begin) or 0)
        vanaf = self.waarde_op("atwArtikel2VanafTermijnDagen", begin)
        dag = einde
        while self.is_vrije_dag(dag, extra):  # art 1
            dag += dt.timedelta(days=1)
        if vanaf is not None and (einde - begin).days >= int(vanaf):  # art 2
            while self._werkdagen(begin, dag, extra) < minimum:
                dag += dt.timedelta(days=1)
                while self.is_vrije_dag(dag, extra):
                    dag += dt.timedelta(days=1)
        return dag

    def _werkdagen(self, begin: dt.date, einde: dt.date, extra: frozenset[dt.date]) -> int:
        dagen = (begin + dt.timedelta(days=n) for n in range(1, (einde - begin).days + 1))
        return sum(1 for d in dagen if not self.is_vrije_dag(d, extra))

    def onzekerheden(self, einde: dt.date, begin: dt.date, uitkomst: dt.date) -> list[str]:
        """Why the end `uitkomst` of this term could be later: unconfirmed KB days, per year."""
        jaren = range(einde.year, uitkomst.year + 1)
        onbevestigd = [j for j in jaren if j not in self.bevestigde_jaren]
        if not onbevestigd:
            return []
        meldingen = []
        kandidaten = frozenset(d for d in self.kandidaten if d.year in onbevestigd)
        if kandidaten:
            anders = self.verleng(einde, begin, kandidaten)
            if anders != uitkomst:
                genoemd = ", ".join(tekst(d) for d in sorted(kandidaten) if einde <= d <= anders)
                meldingen.append(
                    f"De termijn eindigt op {tekst(uitkomst)}; als {genoemd} bij Koninklijk "
                    f"Besluit met een feestdag gelijkgesteld was, eindigt hij op "
                    f"{tekst(anders)}. De KB-dagen van "
                    f"{', '.join(str(j) for j in onbevestigd)} zijn niet bevestigd."
                )
        for jaar in onbevestigd:
            if not any(d.year == jaar for d in self.kandidaten):
                meldingen.append(
                    f"De kalender kent de bij Koninklijk Besluit gelijkgestelde dagen van {jaar} "
                    f"niet; controleer of de termijn niet later eindigt dan {tekst(uitkomst)}."
                )
        return meldingen

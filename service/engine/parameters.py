"""Compiled parameters: every dated value of a parameter, ready to be taken on a date.

Which date depends on the parameter's `datering`: the peildatum of the decision, the date
of the legal fact a rule names in `geldendOp` (the law in force on the dagtekening of an
aanslag, not today's law), or each calendar day (the Atw calendar).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from service.rulefiles.parametermodel import Parameter
from service.rulefiles.parameterwaarden import Waardefout, lees_waarde

OPEN_VRAAG = "[?]"  # marks an open legal question in a note of a rule or parameter


@dataclass(frozen=True)
class GedateerdeWaarde:
    """One value of a parameter with the period in which it is law."""

    geldig_vanaf: dt.date
    geldig_tot: dt.date | None
    waarde: Any
    bron: str | None
    notitie: str | None

    def geldt_op(self, datum: dt.date) -> bool:
        return self.geldig_vanaf <= datum and (self.geldig_tot is None or datum <= self.geldig_tot)


@dataclass(frozen=True)
class GecompileerdeParameter:
    """A parameter's definition and all its dated values, in order of geldigVanaf."""

    naam: str
    definitie: Parameter
    waarden: tuple[GedateerdeWaarde, ...]
    _vanaf: tuple[dt.date, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def uit(cls, naam: str, definitie: Parameter) -> GecompileerdeParameter:
        """Compile a parameter; a value that does not fit its type is left out (the loader
        reported it, and a rules directory with any problem is never loaded)."""
        waarden = []
        for w in sorted(definitie.waarden, key=lambda w: w.geldigVanaf):
            try:
                waarde = lees_waarde(definitie, w.waarde)
            except Waardefout:
                continue
            waarden.append(GedateerdeWaarde(w.geldigVanaf, w.geldigTot, waarde, w.bron, w.notitie))
        return cls(naam, definitie, tuple(waarden), tuple(w.geldig_vanaf for w in waarden))

    @property
    def datering(self) -> str:
        return self.definitie.datering

    def op(self, datum: dt.date) -> GedateerdeWaarde | None:
        """The value in force on `datum`, or None (before the first value, or after a geldigTot)."""
        i = bisect.bisect_right(self._vanaf, datum) - 1
        if i < 0:
            return None
        kandidaat = self.waarden[i]
        return kandidaat if kandidaat.geldt_op(datum) else None

    def verloop(self) -> list[dict[str, Any]]:
        """Every value as a period `{vanaf, tot, waarde, onbevestigd}` (datering: verloop).

        `tot` is the last day (leeg: open-ended, or until the next value starts);
        `onbevestigd` is true when the value's note holds an open question ("[?]").
        """
        uit = []
        for i, w in enumerate(self.waarden):
            tot = w.geldig_tot
            if tot is None and i + 1 < len(self.waarden):
                tot = self.waarden[i + 1].geldig_vanaf - dt.timedelta(days=1)
            uit.append(
                {
                    "vanaf": w.geldig_vanaf,
                    "tot": tot,
                    "waarde": w.waarde,
                    "onbevestigd": OPEN_VRAAG in (w.notitie or ""),
                }
            )
        return uit

    def in_periode(self, van: dt.date, tot: dt.date) -> list[GedateerdeWaarde]:
        """The values in force on some day of [van, tot], oldest first."""
        return [
            w
            for w, periode in zip(self.waarden, self.verloop(), strict=True)
            if w.geldig_vanaf <= tot and (periode["tot"] is None or periode["tot"] >= van)
        ]

    def notities(self, waarde: GedateerdeWaarde | None) -> list[str]:
        """The parameter's note and the note of this value, for the reason that used it."""
        return [n.strip() for n in (self.definitie.notitie, waarde and waarde.notitie) if n]

    def waarom_geen_waarde(self, datum: dt.date) -> str:
        """A sentence for a 422: no value on this date, and why (from the parameter file)."""
        eerste = self.waarden[0].geldig_vanaf.isoformat() if self.waarden else "(geen)"
        zin = (
            f"parameter {self.naam} ({self.definitie.omschrijving.rstrip('.')}) heeft geen "
            f"waarde op {datum.isoformat()}; de eerste waarde geldt vanaf {eerste}"
        )
        if self.definitie.uitlegZonderWaarde:
            zin += f". {self.definitie.uitlegZonderWaarde.strip()}"
        return zin

"""A reason: one rule that applied, with the values, dated parameters and warnings it used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from service.engine.compiled import GecompileerdeRegel, GecompileerdeRegelset
from service.engine.parameters import GedateerdeWaarde
from service.engine.presentation import json_waarde, tekst, vul_uitleg


class RegelToepassingsFout(Exception):
    """A rule could not be applied to this case: a gap in the data or a rule-author error.

    The message is written for people (Dutch, with the rule id); it becomes a 422.
    """

    def __init__(self, regel_id: str, melding: str) -> None:
        super().__init__(f"{regel_id}: {melding}")
        self.regel_id = regel_id
        self.melding = melding


class InterneRegelfout(Exception):
    """A fault in the service's own code while applying a rule: a 500, never shown in detail."""

    def __init__(self, regel_id: str) -> None:
        super().__init__(f"interne fout bij regel {regel_id}")
        self.regel_id = regel_id


_ENKELVOUD = {
    "dagen": "dag",
    "weken": "week",
    "maanden": "maand",
    "jaren": "jaar",
    "termijnen": "termijn",
}


def gedateerd(waarde: GedateerdeWaarde, eenheid: str | None) -> str:
    """ "6 weken, geldig vanaf 2009-07-01": a parameter's value with the period it is law."""
    getoond = tekst(waarde.waarde)
    if eenheid and isinstance(waarde.waarde, int | Decimal) and not isinstance(waarde.waarde, bool):
        getoond = f"{getoond} {_ENKELVOUD.get(eenheid, eenheid) if waarde.waarde == 1 else eenheid}"
    zin = f"{getoond}, geldig vanaf {waarde.geldig_vanaf.isoformat()}"
    if waarde.geldig_tot is not None:
        zin += f" tot en met {waarde.geldig_tot.isoformat()}"
    return zin


@dataclass(frozen=True)
class Reden:
    """One application of a rule to the case or to one element of a list."""

    regel: GecompileerdeRegel
    betreft: str | None
    index: int
    waarden: dict[str, Any]
    regelset: GecompileerdeRegelset
    peildatum: dt.date
    geldend_op: dt.date | None = None
    waarschuwingen: tuple[tuple[str, str], ...] = ()

    def _periode(self) -> tuple[dt.date, dt.date]:
        """The days this reason speaks of: from its earliest to its latest date value."""
        datums = [w for w in self.waarden.values() if isinstance(w, dt.date)]
        datums.append(self.geldend_op or self.peildatum)
        return min(datums), max(datums)

    def _gebruikt(self, naam: str) -> list[GedateerdeWaarde]:
        """The values of a parameter this reason used: the one on its date, or, for a
        parameter with datering `verloop`, every value in force during its period."""
        parameter = self.regelset.parameters[naam]
        if parameter.datering == "verloop":
            return parameter.in_periode(*self._periode())
        waarde = parameter.op(self.geldend_op or self.peildatum)
        return [] if waarde is None else [waarde]

    def _parameters(self) -> list[dict[str, Any]]:
        """Every parameter the rule read: which dated value, from when, with its notes."""
        op = self.geldend_op or self.peildatum
        return [
            self._parameter(naam, waarde, op)
            for naam in self.regel.parameters
            for waarde in self._gebruikt(naam)
        ]

    def _parameter(self, naam: str, waarde: GedateerdeWaarde, op: dt.date) -> dict[str, Any]:
        # The same value taken on the same date reads the same in every decision: built once.
        sleutel = ("parameter", naam, waarde.geldig_vanaf, op)
        bewaard = self.regelset.verantwoording.get(sleutel)
        if bewaard is None:
            bewaard = self.regelset.bewaar_verantwoording(
                sleutel, self._parameter_nieuw(naam, waarde, op)
            )
        return bewaard  # type: ignore[no-any-return]

    def _parameter_nieuw(self, naam: str, waarde: GedateerdeWaarde, op: dt.date) -> dict[str, Any]:
        parameter = self.regelset.parameters[naam]
        item: dict[str, Any] = {
            "naam": naam,
            "waarde": json_waarde(waarde.waarde),
            "geldigVanaf": waarde.geldig_vanaf.isoformat(),
            "geldendOp": op.isoformat(),
            "weergave": gedateerd(waarde, parameter.definitie.eenheid),
        }
        if waarde.geldig_tot is not None:
            item["geldigTot"] = waarde.geldig_tot.isoformat()
        if waarde.bron:
            item["bron"] = waarde.bron
        notities = parameter.notities(waarde)
        if notities:
            item["notitie"] = " ".join(notities)
        return item

    def als_json(self) -> dict[str, Any]:
        """The reason as the API shows it (`redenen[]` of a decision)."""
        gedateerde = {}
        for naam in self.regel.parameters:
            eenheid = self.regelset.parameters[naam].definitie.eenheid
            gebruikt = self._gebruikt(naam)
            if gebruikt:
                gedateerde[naam] = "; ".join(gedateerd(w, eenheid) for w in gebruikt)
        uit: dict[str, Any] = {
            "regel": self.regel.id,
            "titel": self.regel.titel,
            "grondslag": list(self.regel.grondslag_json),
            "uitleg": vul_uitleg(self.regel.uitleg, self.waarden, gedateerde),
            "waarden": {k: json_waarde(v) for k, v in self.waarden.items()},
        }
        if self.betreft is not None:
            uit["betreft"] = self.betreft
        if self.regel.notitie:
            uit["notitie"] = self.regel.notitie.strip()
        parameters = self._parameters()
        if parameters:
            uit["parameters"] = parameters
        if self.geldend_op is not None:
            uit["geldendOp"] = self.geldend_op.isoformat()
        if self.waarschuwingen:
            uit["waarschuwingen"] = [{"code": c, "tekst": t} for c, t in self.waarschuwingen]
        return uit

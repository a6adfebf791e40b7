"""Evaluate one case against a compiled rule set: facts in, outcome and reasons out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from service.engine.compiled import ZAAK, GecompileerdeRegelset
from service.engine.durable_runtime import DurableRegelset
from service.engine.presentation import json_waarde
from service.engine.redenen import InterneRegelfout, Reden, RegelToepassingsFout
from service.engine.werk import Werk
from service.rulefiles.expressions import HULP
from service.rulefiles.functions import ALGEMEEN, functies_met_parameters
from service.rulefiles.model import Uitvoerlijst

__all__ = [
    "Beslisser",
    "Evaluatie",
    "InterneRegelfout",
    "ParametersOntbreken",
    "RegelToepassingsFout",
    "bouw_uitkomst",
    "zaakwaarschuwingen",
]


class ParametersOntbreken(Exception):
    """The rule set has no value on the peildatum for some parameters its rules read then."""

    def __init__(self, namen: list[str]) -> None:
        super().__init__(", ".join(namen))
        self.namen = namen


@dataclass(frozen=True)
class Evaluatie:
    uitkomst: dict[str, Any]
    redenen: list[dict[str, Any]]
    mandaatbedrag: Decimal = Decimal("0.00")
    looptijd_maanden: int | None = None


def _uitvoer(spec: Any, bron: dict[str, Any], bedragen: frozenset[str]) -> Any:
    if isinstance(spec, str):
        waarde = bron.get(spec)
        if spec in bedragen and isinstance(waarde, int) and not isinstance(waarde, bool):
            waarde = Decimal(waarde)  # e.g. max(0, …): an amount is "0.00", never 0
        return json_waarde(waarde, geld=True)
    return {k: _uitvoer(v, bron, bedragen) for k, v in spec.items()}


def zaakwaarschuwingen(
    regelset: GecompileerdeRegelset, redenen: list[Reden]
) -> list[dict[str, Any]]:
    """The case's warnings, in the order of the reasons: those of the rules on the case, and
    those of rules on elements whose list the outcome does not show with its own warnings
    (with `betreft`, the element's id). So every warning of a rule that applied reaches the
    outcome; the compiler checks that the outcome shows `waarschuwingen` where needed."""
    getoond = regelset.lijsten_met_waarschuwingen
    uit: list[dict[str, Any]] = []
    for reden in redenen:
        feittype = reden.regel.feittype
        if feittype in getoond:
            continue
        for code, tekst_ in reden.waarschuwingen:
            waarschuwing: dict[str, Any] = {"code": code, "tekst": tekst_}
            if feittype != ZAAK:
                waarschuwing["betreft"] = reden.betreft
            uit.append(waarschuwing)
    return uit


def bouw_uitkomst(regelset: GecompileerdeRegelset, zaak: dict[str, Any]) -> dict[str, Any]:
    """The `uitkomst` of a decision as the rule set's `uitkomst` section describes it."""
    uitkomst: dict[str, Any] = {}
    for sleutel, spec in regelset.uitkomst.items():
        if isinstance(spec, Uitvoerlijst):
            bedragen = regelset.bedragnamen(spec.voorElke)
            uitkomst[sleutel] = [
                {k: _uitvoer(v, element, bedragen) for k, v in spec.velden.items()}
                for element in zaak.get(spec.voorElke) or []
            ]
        else:
            uitkomst[sleutel] = _uitvoer(spec, zaak, regelset.bedragnamen(ZAAK))
    return uitkomst


class Beslisser:
    """Evaluates cases for one compiled rule set (compiled into durable_rules once)."""

    def __init__(self, regelset: GecompileerdeRegelset) -> None:
        self.regelset = regelset
        self._engine = DurableRegelset(regelset)
        # Calendar functions read whole dated histories: bound once, not per peildatum.
        self._functies = functies_met_parameters(regelset.waarde_op, regelset.alle_waarden)
        self._basis: dict[dt.date, dict[str, Any]] = {}

    def _basis_op(self, peildatum: dt.date) -> dict[str, Any]:
        """The expression scope without the case, built once per peildatum (not per rule)."""
        if peildatum not in self._basis:
            if len(self._basis) > 4096:  # bounded, like the parameter cache
                self._basis.clear()
            parameters = self.regelset.parameters_op(peildatum)
            self._basis[peildatum] = {**HULP, **ALGEMEEN, **self._functies, **parameters}
        return self._basis[peildatum]

    def evalueer(
        self, gegevens: dict[str, Any], peildatum: dt.date, uitleg: bool = True
    ) -> Evaluatie:
        """Decide one case. `gegevens` is validated input with internal names (engine.input).

        With `uitleg=False` each reason is only `{regel}`: a replay that compares outcomes
        needs no sentences, and filling them is a quarter of the evaluation's cost.
        Raises ParametersOntbreken (no value on the peildatum), RegelToepassingsFout (a data
        gap or rule-author error: 422) or InterneRegelfout (a fault in the code: 500).
        """
        ontbrekend = self.regelset.ontbrekend_op_peildatum(peildatum)
        if ontbrekend:
            raise ParametersOntbreken(ontbrekend)
        zaak: dict[str, Any] = {"peildatum": peildatum, "waarschuwingen": []}
        for naam, waarde in gegevens.items():
            if naam in self.regelset.lijsten:
                zaak[naam] = [{**e, "waarschuwingen": []} for e in waarde]
            else:
                zaak[naam] = waarde
        werk = Werk(
            self.regelset, zaak, peildatum, self._basis_op(peildatum), self.regelset.parameters_op
        )
        self._engine.evalueer(werk)
        volgorde = sorted(werk.redenen, key=lambda r: (r.regel.stratum, r.regel.volgorde, r.index))
        zaak["waarschuwingen"] = zaakwaarschuwingen(self.regelset, volgorde)
        bedrag, looptijd = Decimal("0.00"), None
        if self.regelset.mandaatbedrag is not None:
            bedrag = Decimal(self.regelset.mandaatbedrag.evalueer(werk.scope(zaak)) or 0)
        if self.regelset.mandaatlooptijd is not None:
            looptijd = self.regelset.mandaatlooptijd.evalueer(werk.scope(zaak))
        return Evaluatie(
            bouw_uitkomst(self.regelset, zaak),
            [r.als_json() if uitleg else {"regel": r.regel.id} for r in volgorde],
            bedrag,
            None if looptijd is None else int(looptijd),
        )

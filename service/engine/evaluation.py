"""Evaluate one case against a compiled rule set: facts in, outcome and reasons out.

The durable_rules engine decides which rules apply; this module supplies the facts of
each stratum, applies a fired rule's effects (Decimal and date arithmetic in Python,
outside the engine's hot path) and records the reason with the values it used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from service.engine.compiled import ZAAK, GecompileerdeRegel, GecompileerdeRegelset
from service.engine.durable_runtime import DurableRegelset
from service.engine.presentation import json_waarde, vul_uitleg
from service.rulefiles.expressions import HULP
from service.rulefiles.functions import ALGEMEEN, functies_met_parameters
from service.rulefiles.model import Uitvoerlijst


class RegelToepassingsFout(Exception):
    """A rule could not be applied to this case (a data gap or a rule-author error)."""

    def __init__(self, regel_id: str, melding: str) -> None:
        super().__init__(f"{regel_id}: {melding}")
        self.regel_id = regel_id
        self.melding = melding


class ParametersOntbreken(Exception):
    """The rule set has no value for some parameters on the peildatum."""

    def __init__(self, namen: list[str]) -> None:
        super().__init__(", ".join(namen))
        self.namen = namen


@dataclass(frozen=True)
class Reden:
    regel: GecompileerdeRegel
    betreft: str | None
    index: int
    waarden: dict[str, Any]

    def als_json(self) -> dict[str, Any]:
        uit: dict[str, Any] = {
            "regel": self.regel.id,
            "titel": self.regel.titel,
            "grondslag": [g.model_dump(exclude_none=True) for g in self.regel.grondslag],
            "uitleg": vul_uitleg(self.regel.uitleg, self.waarden),
            "waarden": {k: json_waarde(v) for k, v in self.waarden.items()},
        }
        if self.betreft is not None:
            uit["betreft"] = self.betreft
        if self.regel.notitie:
            uit["notitie"] = self.regel.notitie.strip()
        return uit


@dataclass(frozen=True)
class Evaluatie:
    uitkomst: dict[str, Any]
    redenen: list[dict[str, Any]]
    mandaatbedrag: Decimal = Decimal("0.00")
    looptijd_maanden: int | None = None


def _feitwaarde(waarde: Any) -> Any:
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return float(waarde)  # comparisons only; all arithmetic stays Decimal
    if isinstance(waarde, bool | int | float | str):
        return waarde
    return None


@dataclass
class _Werk:
    zaak: dict[str, Any]
    parameters: dict[str, Any]
    basis: dict[str, Any]  # helpers, functions and parameters: the same for every rule
    redenen: list[Reden] = field(default_factory=list)
    gevuurd: set[tuple[str, str, int]] = field(default_factory=set)
    # Decision tables: per (fact type, group, element) the first matching row so far.
    kandidaten: dict[tuple[str, str, int], GecompileerdeRegel] = field(default_factory=dict)

    def scope(self, element: dict[str, Any]) -> dict[str, Any]:
        """What an expression sees: functions, parameters, the case, then the element."""
        scope = {**self.basis, **self.zaak}
        if element is not self.zaak:
            scope.update(element)
        return scope

    def elementen(self, feittype: str) -> list[dict[str, Any]]:
        if feittype == ZAAK:
            return [self.zaak]
        return list(self.zaak.get(feittype) or [])

    def feiten(
        self, regelset: GecompileerdeRegelset, stratum: int, sid: str
    ) -> list[dict[str, Any]]:
        uit = []
        for feittype, namen in regelset.stratumfeiten.get(stratum, {}).items():
            for index, element in enumerate(self.elementen(feittype)):
                feit: dict[str, Any] = {
                    "id": f"{stratum}.{feittype}.{index}",
                    "sid": sid,
                    "_t": feittype,
                    "_f": stratum,
                    "_i": index,
                }
                for naam in namen:
                    waarde = self._lees(naam, element)
                    if waarde is not None:
                        feit[naam] = waarde
                uit.append(feit)
        return uit

    def _lees(self, naam: str, element: dict[str, Any]) -> Any:
        if naam.startswith("_n_"):
            lijst = naam[3:]
            bron = element if lijst in element else self.zaak
            return len(bron.get(lijst) or [])
        for bron in (element, self.zaak, self.parameters):
            if naam in bron:
                return _feitwaarde(bron[naam])
        return None

    def vuur(self, regel: GecompileerdeRegel, feittype: str, index: int) -> None:
        # durable_rules activates a rule once per matching branch of an `of` condition;
        # a rule applies to an element once.
        sleutel = (regel.id, feittype, index)
        if sleutel in self.gevuurd:
            return
        self.gevuurd.add(sleutel)
        if regel.groep is not None:
            rij = (feittype, regel.groep, index)
            huidig = self.kandidaten.get(rij)
            if huidig is None or regel.volgorde < huidig.volgorde:
                self.kandidaten[rij] = regel
            return
        self.pas_toe(regel, feittype, index)

    def na_stratum(self, stratum: int) -> None:
        """Apply, per decision table and element, the first row whose conditions held."""
        for (feittype, _groep, index), regel in sorted(
            self.kandidaten.items(), key=lambda k: (k[1].volgorde, k[0][2])
        ):
            self.pas_toe(regel, feittype, index)
        self.kandidaten.clear()

    def pas_toe(self, regel: GecompileerdeRegel, feittype: str, index: int) -> None:
        element = self.elementen(feittype)[index]
        scope = self.scope(element)
        for naam, expressie in regel.effecten:
            if naam in element:
                raise RegelToepassingsFout(
                    regel.id, f"'{naam}' is al afgeleid door een andere regel (regelconflict)"
                )
            try:
                waarde = expressie.evalueer(scope)
            except RegelToepassingsFout:
                raise
            except Exception as fout:
                raise RegelToepassingsFout(
                    regel.id,
                    f"'{naam}: {expressie.tekst}' kon niet worden berekend ({_leesbaar(fout)})",
                ) from None
            element[naam] = waarde
            scope[naam] = waarde
        betreft = None
        if feittype != ZAAK:
            betreft = f"{feittype}[{index}]" if element.get("id") is None else str(element["id"])
        waarden = {n: scope.get(n) for n in regel.waardenamen if n in scope}
        self.redenen.append(Reden(regel, betreft, index, waarden))


def _leesbaar(fout: Exception) -> str:
    if isinstance(fout, TypeError) and "NoneType" in str(fout):
        return "een gebruikte waarde is onbekend"
    return str(fout) or type(fout).__name__


def _uitvoer(spec: Any, bron: dict[str, Any]) -> Any:
    if isinstance(spec, str):
        return json_waarde(bron.get(spec), geld=True)
    return {k: _uitvoer(v, bron) for k, v in spec.items()}


def bouw_uitkomst(regelset: GecompileerdeRegelset, zaak: dict[str, Any]) -> dict[str, Any]:
    uitkomst: dict[str, Any] = {}
    for sleutel, spec in regelset.uitkomst.items():
        if isinstance(spec, Uitvoerlijst):
            uitkomst[sleutel] = [
                {k: _uitvoer(v, element) for k, v in spec.velden.items()}
                for element in zaak.get(spec.voorElke) or []
            ]
        else:
            uitkomst[sleutel] = _uitvoer(spec, zaak)
    return uitkomst


class Beslisser:
    """Evaluates cases for one compiled rule set (compiled into durable_rules once)."""

    def __init__(self, regelset: GecompileerdeRegelset) -> None:
        self.regelset = regelset
        self._engine = DurableRegelset(regelset)
        self._basis: dict[dt.date, dict[str, Any]] = {}

    def _basis_op(self, peildatum: dt.date, parameters: dict[str, Any]) -> dict[str, Any]:
        """The expression scope without the case, built once per peildatum (not per rule)."""
        if peildatum not in self._basis:
            if len(self._basis) > 4096:  # bounded, like the parameter cache
                self._basis.clear()
            functies = functies_met_parameters(parameters)
            self._basis[peildatum] = {**HULP, **ALGEMEEN, **functies, **parameters}
        return self._basis[peildatum]

    def evalueer(
        self, gegevens: dict[str, Any], peildatum: dt.date, uitleg: bool = True
    ) -> Evaluatie:
        """`gegevens` is validated input with internal names (see engine.input).

        With `uitleg=False` each reason is only `{regel}`: a replay that compares outcomes
        needs no sentences, and filling them is a quarter of the evaluation's cost.
        """
        parameters, ontbrekend = self.regelset.parameters_op(peildatum)
        if ontbrekend:
            raise ParametersOntbreken(ontbrekend)
        zaak: dict[str, Any] = {"peildatum": peildatum}
        for naam, waarde in gegevens.items():
            zaak[naam] = [dict(e) for e in waarde] if naam in self.regelset.lijsten else waarde
        werk = _Werk(zaak, parameters, self._basis_op(peildatum, parameters))
        self._engine.evalueer(werk)
        volgorde = sorted(werk.redenen, key=lambda r: (r.regel.stratum, r.regel.volgorde, r.index))
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

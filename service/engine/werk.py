"""One evaluation in progress: the facts of each stratum in, a fired rule's effects applied.

durable_rules decides which rules apply; applying one happens here, in Python: the rule's
parameters are taken on the right date (the peildatum, or the date of the legal fact its
`geldendOp` names), its expressions are evaluated with exact Decimal and date arithmetic,
and its reason is recorded with the values, the dated parameters and any warnings.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from service.engine.compiled import ZAAK, GecompileerdeRegel, GecompileerdeRegelset
from service.engine.presentation import vul_uitleg
from service.engine.redenen import InterneRegelfout, Reden, RegelToepassingsFout
from service.rulefiles.calendar import KalenderFout
from service.rulefiles.expressions import ExpressieFout
from service.rulefiles.functions import stop_meldingen, verzamel_meldingen


def _feitwaarde(waarde: Any) -> Any:
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, decimal.Decimal):
        return float(waarde)  # comparisons only; all arithmetic stays Decimal
    if isinstance(waarde, bool | int | float | str):
        return waarde
    return None


def _leesbaar(fout: Exception) -> str | None:
    """A Dutch sentence for a data gap or rule-author error; None for a fault in the code."""
    if isinstance(fout, ExpressieFout | KalenderFout):
        return str(fout)
    if isinstance(fout, TypeError) and "NoneType" in str(fout):
        return "een gebruikte waarde is onbekend"
    if isinstance(fout, ZeroDivisionError | decimal.DivisionByZero | decimal.InvalidOperation):
        return "deling door nul of een ongeldige berekening"
    if isinstance(fout, OverflowError | ValueError):
        return "een datum of getal valt buiten het mogelijke bereik"
    if isinstance(fout, IndexError):  # e.g. vorderingen[0] of an empty list: a data gap
        return "een gevraagd element van een lijst bestaat niet (is de lijst leeg?)"
    return None


@dataclass
class Werk:
    """The case being evaluated (facts, derived values, reasons) for one rule set."""

    regelset: GecompileerdeRegelset
    zaak: dict[str, Any]
    peildatum: dt.date
    basis: dict[str, Any]  # helpers, functions and peildatum parameters: the same for every rule
    parameters_op: Callable[[dt.date], dict[str, Any]]
    redenen: list[Reden] = field(default_factory=list)
    gevuurd: set[tuple[str, str, int]] = field(default_factory=set)
    # Decision tables: per (fact type, group, element) the first matching row so far.
    kandidaten: dict[tuple[str, str, int], GecompileerdeRegel] = field(default_factory=dict)
    # The scope per element, kept while the case's own values do not change: building it
    # (a hundred names) for every rule application cost more than the rule itself.
    _scopes: dict[tuple[str, int], tuple[int, dict[str, Any]]] = field(default_factory=dict)
    _zaakversie: int = 0

    def scope(
        self, element: dict[str, Any], sleutel: tuple[str, int] | None = None
    ) -> dict[str, Any]:
        """What an expression sees: functions, parameters, the case, then the element."""
        if sleutel is not None:
            bewaard = self._scopes.get(sleutel)
            if bewaard is not None and bewaard[0] == self._zaakversie:
                return bewaard[1]
        scope = {**self.basis, **self.zaak}
        if element is not self.zaak:
            scope.update(element)
        if sleutel is not None:
            self._scopes[sleutel] = (self._zaakversie, scope)
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
        for bron in (element, self.zaak, self.basis):
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

    def _recht_op(self, regel: GecompileerdeRegel, scope: dict[str, Any]) -> dt.date | None:
        """Take the rule's parameters on the date of its legal fact (geldendOp), into `scope`."""
        if regel.geldend_op is None:
            return None
        datum = self._bereken(regel, "geldendOp", regel.geldend_op, scope)
        if not isinstance(datum, dt.date):
            raise RegelToepassingsFout(
                regel.id, f"geldendOp '{regel.geldend_op.tekst}' is onbekend voor dit geval"
            )
        waarden = self.parameters_op(datum)
        for naam in regel.parameters:
            if naam not in waarden:
                parameter = self.regelset.parameters[naam]
                raise RegelToepassingsFout(regel.id, parameter.waarom_geen_waarde(datum))
            scope[naam] = waarden[naam]
        return datum

    def _bereken(
        self,
        regel: GecompileerdeRegel,
        naam: str,
        expressie: Any,
        scope: dict[str, Any],
    ) -> Any:
        """The value of one expression; a data gap or rule-author error names the rule and
        the value (not the expression: the message reaches the client in a 422)."""
        try:
            return expressie.evalueer(scope)
        except RegelToepassingsFout:
            raise
        except Exception as fout:
            leesbaar = _leesbaar(fout)
            if leesbaar is None:
                raise InterneRegelfout(regel.id) from fout
            raise RegelToepassingsFout(
                regel.id, f"'{naam}' kon niet worden berekend ({leesbaar})"
            ) from None

    def pas_toe(self, regel: GecompileerdeRegel, feittype: str, index: int) -> None:
        element = self.elementen(feittype)[index]
        gedeeld = self.scope(element, (feittype, index))
        # A rule with geldendOp takes its parameters on another date: in its own copy, so the
        # next rule does not see them.
        scope = gedeeld if regel.geldend_op is None else dict(gedeeld)
        meldingen: list[tuple[str, str]] = []
        token = verzamel_meldingen(meldingen)
        try:
            geldend_op = self._recht_op(regel, scope)
            for naam, expressie in regel.effecten:
                if naam in element:
                    raise RegelToepassingsFout(
                        regel.id, f"'{naam}' is al afgeleid door een andere regel (regelconflict)"
                    )
                waarde = self._bereken(regel, naam, expressie, scope)
                element[naam] = waarde
                scope[naam] = waarde
                gedeeld[naam] = waarde
        finally:
            stop_meldingen(token)
            if feittype == ZAAK:  # every element sees the case's values: their scopes renew
                self._zaakversie += 1
        # A function's warning (e.g. an unconfirmed Atw day) names the term it concerns.
        meldingen = [(code, f"{regel.titel}: {tekst}") for code, tekst in meldingen]
        if regel.waarschuwing is not None:
            code, sjabloon = regel.waarschuwing
            meldingen.append((code, vul_uitleg(sjabloon, scope)))
        for code, tekst in meldingen:
            element.setdefault("waarschuwingen", []).append({"code": code, "tekst": tekst})
        betreft = None
        if feittype != ZAAK:
            betreft = f"{feittype}[{index}]" if element.get("id") is None else str(element["id"])
        waarden = {n: scope.get(n) for n in regel.waardenamen if n in scope}
        self.redenen.append(
            Reden(
                regel,
                betreft,
                index,
                waarden,
                self.regelset,
                self.peildatum,
                geldend_op,
                tuple(meldingen),
            )
        )

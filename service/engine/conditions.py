"""Rule conditions (`als`) → durable_rules condition documents.

A condition compares fields of one fact with each other or with a literal:
    regime == "awb"          peildatum > verjaringstermijnEinde
    bekend(aanmaningstermijnEinde)     aantal(aanmaningen) > 0
    verjaard                 niet verjaard        regime in ["awb", "invorderingswet"]
Anything needing arithmetic is derived first by a rule's `dan` and then compared.
Dates are compared as ISO strings (their order is the calendar order), amounts as
numbers: both are native comparisons in durable_rules.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from service.rulefiles.expressions import CONSTANTEN, ExpressieFout, ontleed

_OPERATOREN: dict[type[ast.cmpop], str] = {
    ast.Eq: "$eq",
    ast.NotEq: "$neq",
    ast.Lt: "$lt",
    ast.LtE: "$lte",
    ast.Gt: "$gt",
    ast.GtE: "$gte",
}
_TEGENGESTELD = {
    "$eq": "$neq",
    "$neq": "$eq",
    "$lt": "$gte",
    "$gte": "$lt",
    "$gt": "$lte",
    "$lte": "$gt",
}
_OMGEDRAAID = {
    "$eq": "$eq",
    "$neq": "$neq",
    "$lt": "$gt",
    "$gt": "$lt",
    "$lte": "$gte",
    "$gte": "$lte",
}


def aantal_veld(lijst: str) -> str:
    """The fact attribute that holds the length of a list field."""
    return f"_n_{lijst}"


def lijst_van(veld: str) -> str | None:
    """The list whose length a fact attribute holds (`aantal_veld` reversed), else None."""
    return veld.removeprefix("_n_") if veld.startswith("_n_") else None


@dataclass(frozen=True)
class Veld:
    naam: str


@dataclass(frozen=True)
class Waarde:
    waarde: Any


Operand = Veld | Waarde


@dataclass(frozen=True)
class Vergelijking:
    operator: str
    links: Veld
    rechts: Operand


@dataclass(frozen=True)
class Bestaat:
    naam: str
    bestaat: bool


@dataclass(frozen=True)
class En:
    delen: tuple[Conditie, ...]


@dataclass(frozen=True)
class Of:
    delen: tuple[Conditie, ...]


Conditie = Vergelijking | Bestaat | En | Of


def _operand(knoop: ast.expr, tekst: str) -> Operand:
    if isinstance(knoop, ast.Name):
        if knoop.id in CONSTANTEN:
            return Waarde(CONSTANTEN[knoop.id])
        return Veld(knoop.id)
    if isinstance(knoop, ast.Constant) and isinstance(knoop.value, (int, float, str, bool)):
        return Waarde(knoop.value)
    if (
        isinstance(knoop, ast.UnaryOp)
        and isinstance(knoop.op, ast.USub)
        and isinstance(knoop.operand, ast.Constant)
        and isinstance(knoop.operand.value, (int, float))
    ):
        return Waarde(-knoop.operand.value)
    if (
        isinstance(knoop, ast.Call)
        and isinstance(knoop.func, ast.Name)
        and knoop.func.id == "aantal"
        and len(knoop.args) == 1
        and isinstance(knoop.args[0], ast.Name)
    ):
        return Veld(aantal_veld(knoop.args[0].id))
    raise ExpressieFout(
        f"'{tekst}': vergelijk alleen velden en vaste waarden; reken eerst in 'dan' uit"
    )


def _vertaal(knoop: ast.expr, tekst: str) -> Conditie:
    if isinstance(knoop, ast.BoolOp):
        delen = tuple(_vertaal(d, tekst) for d in knoop.values)
        return En(delen) if isinstance(knoop.op, ast.And) else Of(delen)
    if isinstance(knoop, ast.UnaryOp) and isinstance(knoop.op, ast.Not):
        return ontken(_vertaal(knoop.operand, tekst))
    if isinstance(knoop, ast.Name) and knoop.id not in CONSTANTEN:
        return Vergelijking("$eq", Veld(knoop.id), Waarde(True))
    if (
        isinstance(knoop, ast.Call)
        and isinstance(knoop.func, ast.Name)
        and knoop.func.id in ("bekend", "onbekend")
        and len(knoop.args) == 1
        and isinstance(knoop.args[0], ast.Name)
    ):
        return Bestaat(knoop.args[0].id, knoop.func.id == "bekend")
    if isinstance(knoop, ast.Compare) and len(knoop.ops) == 1:
        return _vergelijking(knoop, tekst)
    raise ExpressieFout(
        f"'{tekst}' is geen voorwaarde: gebruik een vergelijking, bekend(x), onbekend(x), "
        "een ja/nee-veld of niet …"
    )


def _vergelijking(knoop: ast.Compare, tekst: str) -> Conditie:
    op_type = type(knoop.ops[0])
    links, rechts = _operand(knoop.left, tekst), knoop.comparators[0]
    if op_type in (ast.In, ast.NotIn):
        if not isinstance(links, Veld) or not isinstance(rechts, ast.List | ast.Tuple):
            raise ExpressieFout(f"'{tekst}': gebruik 'veld in [waarde, …]'")
        opties = [_operand(e, tekst) for e in rechts.elts]
        conditie = Of(tuple(Vergelijking("$eq", links, o) for o in opties))
        return conditie if op_type is ast.In else ontken(conditie)
    if op_type not in _OPERATOREN:
        raise ExpressieFout(f"'{tekst}': onbekende vergelijking")
    operator = _OPERATOREN[op_type]
    rechter = _operand(rechts, tekst)
    if isinstance(links, Waarde) and isinstance(rechter, Veld):
        links, rechter, operator = rechter, links, _OMGEDRAAID[operator]
    if not isinstance(links, Veld):
        raise ExpressieFout(f"'{tekst}': een vergelijking heeft minstens één veld nodig")
    if isinstance(rechter, Waarde) and rechter.waarde is None:
        if operator not in ("$eq", "$neq"):
            raise ExpressieFout(f"'{tekst}': met leeg kan alleen == of != ")
        return Bestaat(links.naam, operator == "$neq")
    return Vergelijking(operator, links, rechter)


def ontken(conditie: Conditie) -> Conditie:
    """The exact negation, treating an unknown field as 'the comparison does not hold'."""
    if isinstance(conditie, Bestaat):
        return Bestaat(conditie.naam, not conditie.bestaat)
    if isinstance(conditie, En):
        return Of(tuple(ontken(d) for d in conditie.delen))
    if isinstance(conditie, Of):
        return En(tuple(ontken(d) for d in conditie.delen))
    onbekend: list[Conditie] = [Bestaat(conditie.links.naam, False)]
    if isinstance(conditie.rechts, Veld):
        onbekend.append(Bestaat(conditie.rechts.naam, False))
    omgekeerd = Vergelijking(_TEGENGESTELD[conditie.operator], conditie.links, conditie.rechts)
    return Of((omgekeerd, *onbekend))


def vertaal_voorwaarde(tekst: str) -> Conditie:
    """Parse one `als` line into a condition; raise ExpressieFout for the author."""
    boom = ontleed(tekst)
    return _vertaal(boom.body, tekst)


def velden(conditie: Conditie) -> set[str]:
    if isinstance(conditie, En | Of):
        return set().union(*(velden(d) for d in conditie.delen))
    if isinstance(conditie, Bestaat):
        return {conditie.naam}
    namen = {conditie.links.naam}
    if isinstance(conditie.rechts, Veld):
        namen.add(conditie.rechts.naam)
    return namen


def _literal(waarde: Any) -> Any:
    if isinstance(waarde, float | Decimal):
        return float(waarde)
    return waarde


def naar_durable(conditie: Conditie) -> dict[str, Any]:
    """The durable_rules JSON condition for one fact (`m`)."""
    if isinstance(conditie, En):
        return {"$and": [naar_durable(d) for d in conditie.delen]}
    if isinstance(conditie, Of):
        return {"$or": [naar_durable(d) for d in conditie.delen]}
    if isinstance(conditie, Bestaat):
        return {"$ex" if conditie.bestaat else "$nex": {conditie.naam: 1}}
    rechts: Any = (
        {"$m": conditie.rechts.naam}
        if isinstance(conditie.rechts, Veld)
        else _literal(conditie.rechts.waarde)
    )
    return {conditie.operator: {conditie.links.naam: rechts}}

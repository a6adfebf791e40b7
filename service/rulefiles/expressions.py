"""The small expression language of rule files, compiled once to Python code.

Policy authors write expressions such as
    atw(verzenddatum + weken(betalingstermijnWeken), verzenddatum)
    laatste([a.verzenddatum for a in aanmaningen])
Only a whitelisted subset of Python syntax is accepted (names, literals, arithmetic,
comparisons, `en`/`of`/`niet`, `a if c else b`).
Numbers with a decimal point become `Decimal` (never float); `a.b` reads field `b` of a
list element. Nothing else is reachable: no attributes of Python objects, no builtins.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

NEDERLANDSE_WOORDEN = {"niet": "not", "en": "and", "of": "or"}
CONSTANTEN: dict[str, Any] = {"waar": True, "onwaar": False, "leeg": None}

_TOEGESTAAN: tuple[type[ast.AST], ...] = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.In,
    ast.NotIn,
    ast.Call,
    ast.Name,
    ast.Load,
    ast.Store,
    ast.Constant,
    ast.Attribute,
    ast.List,
    ast.Tuple,
    ast.ListComp,
    ast.GeneratorExp,
    ast.comprehension,
    ast.IfExp,
    ast.Subscript,
)


class ExpressieFout(ValueError):
    """An expression a policy author wrote that cannot be used."""


def vertaal_nederlands(tekst: str) -> str:
    """Replace the Dutch words niet/en/of by Python's, outside strings."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(tekst).readline))
    except (tokenize.TokenError, SyntaxError) as fout:
        raise ExpressieFout(f"kan '{tekst}' niet lezen: {fout}") from None
    uit = [
        t._replace(string=NEDERLANDSE_WOORDEN[t.string])
        if t.type == tokenize.NAME and t.string in NEDERLANDSE_WOORDEN
        else t
        for t in tokens
    ]
    return tokenize.untokenize(uit).strip()


_TEKST = re.compile(r"\"[^\"]*\"|'[^']*'")
_KOMMAGETAL = re.compile(r"(?<![\w.])(?<!\d,)(\d{1,3}(?:\.\d{3})+|\d+),(\d+)(?![\w.]|,\d)")
"""A Dutch decimal number: 0,5 or 1.000,50 — a comma between digits, no space, not a list
of numbers (1,5,9). Python would read it as two numbers."""


def _in_lijst(tekst: str, positie: int) -> bool:
    """Whether the innermost bracket open at `positie` is a list's `[`."""
    open_: list[str] = []
    for teken in tekst[:positie]:
        if teken in "([{":
            open_.append(teken)
        elif teken in ")]}" and open_:
            open_.pop()
    return bool(open_) and open_[-1] == "["


def _decimale_komma(tekst: str) -> str | None:
    """The advice to write a Dutch decimal number with a point (the whole expression, so a
    minus sign or the context stays as written); None if there is none. Not inside a text,
    and not in a list, where [10,20] are two numbers."""
    teksten = [(m.start(), m.end()) for m in _TEKST.finditer(tekst)]
    gevonden = [
        m
        for m in _KOMMAGETAL.finditer(tekst)
        if not any(begin <= m.start() < einde for begin, einde in teksten)
        and not _in_lijst(tekst, m.start())
    ]
    if not gevonden:
        return None
    verbeterd = tekst
    for m in reversed(gevonden):
        punt = f"{m[1].replace('.', '')}.{m[2]}"
        verbeterd = verbeterd[: m.start()] + punt + verbeterd[m.end() :]
    zonder = ", zonder punten tussen de duizendtallen" if any("." in m[1] for m in gevonden) else ""
    return (
        f"schrijf '{verbeterd}': een decimaal getal met een punt{zonder}, niet met een komma "
        "(twee getallen: zet een spatie na de komma)"
    )


def ontleed(tekst: str) -> ast.Expression:
    """Parse and whitelist-check an expression; raise ExpressieFout for the author."""
    advies = _decimale_komma(tekst)
    if advies is not None:
        raise ExpressieFout(f"'{tekst}': {advies}")
    bron = vertaal_nederlands(tekst)
    try:
        boom = ast.parse(bron, mode="eval")
    except SyntaxError as fout:
        raise ExpressieFout(f"'{tekst}' is geen geldige uitdrukking ({fout.msg})") from None
    for knoop in ast.walk(boom):
        if not isinstance(knoop, _TOEGESTAAN):
            raise ExpressieFout(
                f"'{tekst}': {type(knoop).__name__} is niet toegestaan in een uitdrukking"
            )
        if isinstance(knoop, ast.Attribute) and knoop.attr.startswith("_"):
            raise ExpressieFout(f"'{tekst}': veldnaam {knoop.attr!r} is niet toegestaan")
        if isinstance(knoop, ast.Name) and knoop.id.startswith("_"):
            raise ExpressieFout(f"'{tekst}': naam {knoop.id!r} is niet toegestaan")
        if isinstance(knoop, ast.Call) and (not isinstance(knoop.func, ast.Name) or knoop.keywords):
            raise ExpressieFout(f"'{tekst}': alleen functies met naam en gewone argumenten")
    return boom


class _NaarPython(ast.NodeTransformer):
    """Decimals for decimal literals, dict access for fields of list elements."""

    def __init__(self, bron: str) -> None:
        self.bron = bron

    def visit_Constant(self, knoop: ast.Constant) -> ast.AST:
        if isinstance(knoop.value, float):
            tekst = ast.get_source_segment(self.bron, knoop) or repr(knoop.value)
            return ast.copy_location(
                ast.Call(ast.Name("_Decimal", ast.Load()), [ast.Constant(tekst)], []), knoop
            )
        return knoop

    def visit_BinOp(self, knoop: ast.BinOp) -> ast.AST:
        # Division is always exact decimal division: 0 / 12 must not become a float.
        self.generic_visit(knoop)
        if isinstance(knoop.op, ast.Div):
            return ast.copy_location(
                ast.Call(ast.Name("_deel", ast.Load()), [knoop.left, knoop.right], []), knoop
            )
        return knoop

    def visit_Attribute(self, knoop: ast.Attribute) -> ast.AST:
        waarde = self.visit(knoop.value)
        return ast.copy_location(
            ast.Call(ast.Name("_veld", ast.Load()), [waarde, ast.Constant(knoop.attr)], []),
            knoop,
        )


def _deel(teller: Any, noemer: Any) -> Decimal:
    return Decimal(teller) / Decimal(noemer)


def _veld(element: Any, naam: str) -> Any:
    if not isinstance(element, Mapping):
        raise ExpressieFout(f"'.{naam}' kan alleen op een element van een lijst")
    return element.get(naam)


@dataclass(frozen=True)
class Expressie:
    """A compiled expression: evaluate with a scope of names → values."""

    tekst: str
    namen: frozenset[str]
    functies: frozenset[str]
    boom: ast.Expression  # the parsed expression, for the type check
    _code: Any

    def evalueer(self, scope: dict[str, Any]) -> Any:
        # The scope is used as globals so that comprehensions see every name
        # (a comprehension's own scope cannot see an eval's locals).
        return eval(self._code, scope)


HULP: dict[str, Any] = {
    "_Decimal": Decimal,
    "_veld": _veld,
    "_deel": _deel,
    "__builtins__": {},
    **CONSTANTEN,
}


def compileer(tekst: str) -> Expressie:
    """Compile an expression text; raise ExpressieFout with a message for the author."""
    if not isinstance(tekst, str) or not tekst.strip():
        raise ExpressieFout("lege uitdrukking")
    boom = ontleed(tekst)
    aanroepen = [k.func for k in ast.walk(boom) if isinstance(k, ast.Call)]
    functies = {f.id for f in aanroepen if isinstance(f, ast.Name)}
    func_knopen = {id(f) for f in aanroepen}
    lokaal: set[str] = set()
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.comprehension):
            lokaal |= {d.id for d in ast.walk(knoop.target) if isinstance(d, ast.Name)}
    namen = (
        {
            k.id
            for k in ast.walk(boom)
            if isinstance(k, ast.Name) and isinstance(k.ctx, ast.Load) and id(k) not in func_knopen
        }
        - lokaal
        - set(CONSTANTEN)
    )
    bron = vertaal_nederlands(tekst)
    python = ast.fix_missing_locations(_NaarPython(bron).visit(ontleed(tekst)))
    code = compile(python, "<regel>", "eval")
    return Expressie(tekst, frozenset(namen), frozenset(functies), boom, code)

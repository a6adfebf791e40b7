"""Type-check one expression of a rule file: find `datum + 14` before a case does.

`typeer` walks the parsed expression (the same tree the compiler turns into code) with the
types of the names in scope and returns the expression's type, or raises Typefout with a
message for the policy author. Unknown names and functions are reported elsewhere (the
compiler's name check); here they count as "onbekend" and are not checked further.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from service.rulefiles.expressions import CONSTANTEN
from service.rulefiles.typen import (
    DATUM,
    GEHEEL,
    GETAL,
    HANDTEKENINGEN,
    JANEE,
    LEEG,
    ONBEKEND,
    TEKST,
    TERMIJN,
    Type,
    Typefout,
    getaltype,
    lijst,
    verenig,
    vergelijkbaar,
)

_TOEVOEGING = "— gebruik dagen(n), weken(n), maanden(n) of jaren(n) om bij een datum op te tellen"


def _optellen(links: Type, rechts: Type, aftrekken: bool) -> Type:
    paar = {links.soort, rechts.soort}
    if "datum" in paar:
        ander = rechts if links.soort == "datum" else links
        if ander.soort == "termijn" and not (aftrekken and links.soort == "termijn"):
            return DATUM
        if ander.soort == "datum":
            raise Typefout("twee datums kunnen niet bij elkaar worden opgeteld of afgetrokken")
        raise Typefout(f"een datum {'min' if aftrekken else 'plus'} {ander} kan niet {_TOEVOEGING}")
    if paar == {"termijn"}:
        return TERMIJN
    if links.getal and rechts.getal:
        return getaltype(links, rechts)
    if paar == {"lijst"} and not aftrekken:
        return verenig(links, rechts, "lijsten samenvoegen")
    if paar == {"tekst"} and not aftrekken:
        return TEKST
    raise Typefout(f"{links} {'min' if aftrekken else 'plus'} {rechts} kan niet")


def _rekenen(op: ast.operator, links: Type, rechts: Type) -> Type:
    if links.vrij or rechts.vrij:
        return ONBEKEND
    if isinstance(op, ast.Add | ast.Sub):
        return _optellen(links, rechts, isinstance(op, ast.Sub))
    if isinstance(op, ast.Mult):
        if {links.soort, rechts.soort} <= {"termijn", "geheelGetal"} and "termijn" in (
            links.soort,
            rechts.soort,
        ):
            return TERMIJN
        if links.getal and rechts.getal:
            if links.soort == rechts.soort == "bedrag":
                raise Typefout("een bedrag maal een bedrag kan niet — vermenigvuldig met een getal")
            return getaltype(links, rechts)
        raise Typefout(f"{links} maal {rechts} kan niet")
    if isinstance(op, ast.Div):
        if links.getal and rechts.getal:
            if links.soort == "bedrag" and rechts.soort != "bedrag":
                return links
            return GETAL
        raise Typefout(f"{links} gedeeld door {rechts} kan niet")
    raise Typefout("deze bewerking kan niet")  # pragma: no cover - the whitelist has no other


class _Typeerder:
    def __init__(self, namen: Mapping[str, Type]) -> None:
        self.namen = dict(namen)

    def typeer(self, knoop: ast.AST) -> Type:
        methode = getattr(self, f"_{type(knoop).__name__}", None)
        return methode(knoop) if methode else ONBEKEND

    def _Expression(self, k: ast.Expression) -> Type:
        return self.typeer(k.body)

    def _Constant(self, k: ast.Constant) -> Type:
        if k.value is None:
            return LEEG
        if isinstance(k.value, bool):
            return JANEE
        if isinstance(k.value, int):
            return GEHEEL
        if isinstance(k.value, float):
            return Type("getal", letterlijk=repr(k.value))
        if isinstance(k.value, str):
            return Type("tekst", keuzes=frozenset({k.value}))
        return ONBEKEND

    def _Name(self, k: ast.Name) -> Type:
        if k.id in CONSTANTEN:
            return LEEG if CONSTANTEN[k.id] is None else JANEE
        return self.namen.get(k.id, ONBEKEND)

    def _BinOp(self, k: ast.BinOp) -> Type:
        return _rekenen(k.op, self.typeer(k.left), self.typeer(k.right))

    def _UnaryOp(self, k: ast.UnaryOp) -> Type:
        binnen = self.typeer(k.operand)
        if isinstance(k.op, ast.Not):
            return JANEE
        if not binnen.vrij and not binnen.getal:
            raise Typefout(f"min {binnen} kan niet")
        if binnen.letterlijk is not None and isinstance(k.op, ast.USub):
            return Type(binnen.soort, letterlijk=f"-{binnen.letterlijk}")
        return binnen

    def _BoolOp(self, k: ast.BoolOp) -> Type:
        soorten = [self.typeer(v) for v in k.values]
        return JANEE if all(s.soort == "jaNee" for s in soorten) else ONBEKEND

    def _Compare(self, k: ast.Compare) -> Type:
        links = self.typeer(k.left)
        for op, rechts_knoop in zip(k.ops, k.comparators, strict=True):
            rechts = self.typeer(rechts_knoop)
            if isinstance(op, ast.In | ast.NotIn):
                rechts = rechts.element or ONBEKEND if rechts.soort == "lijst" else ONBEKEND
            waarom = vergelijkbaar(links, rechts) or vergelijkbaar(rechts, links)
            if waarom:
                raise Typefout(waarom)
            links = rechts
        return JANEE

    def _IfExp(self, k: ast.IfExp) -> Type:
        self.typeer(k.test)
        return verenig(self.typeer(k.body), self.typeer(k.orelse), "'… if … else …'")

    def _Call(self, k: ast.Call) -> Type:
        args = [self.typeer(a) for a in k.args]
        if not isinstance(k.func, ast.Name) or k.func.id not in HANDTEKENINGEN:
            return ONBEKEND
        try:
            return HANDTEKENINGEN[k.func.id](args)
        except Typefout as fout:
            raise Typefout(f"{k.func.id}(…): {fout}") from None

    def _Attribute(self, k: ast.Attribute) -> Type:
        basis = self.typeer(k.value)
        if basis.soort != "record":
            return ONBEKEND
        veld = basis.veld(k.attr)
        if veld is None:
            raise Typefout(
                f"'{k.attr}' is geen veld van dit element — velden: "
                + ", ".join(n for n, _ in basis.velden or ())
            )
        return veld

    def _Subscript(self, k: ast.Subscript) -> Type:
        basis = self.typeer(k.value)
        self.typeer(k.slice)
        return basis.element or ONBEKEND if basis.soort in ("lijst", "tabel") else ONBEKEND

    def _List(self, k: ast.List | ast.Tuple) -> Type:
        element = ONBEKEND
        for e in k.elts:
            element = verenig(element, self.typeer(e), "elementen van een lijst")
        return lijst(element)

    _Tuple = _List

    def _ListComp(self, k: ast.ListComp | ast.GeneratorExp) -> Type:
        binnen = _Typeerder(self.namen)
        for generator in k.generators:
            bron = binnen.typeer(generator.iter)
            if not bron.vrij and bron.soort != "lijst":
                raise Typefout(f"'for … in' loopt over een lijst, niet over {bron}")
            if isinstance(generator.target, ast.Name):
                binnen.namen[generator.target.id] = bron.element or ONBEKEND
            for voorwaarde in generator.ifs:
                binnen.typeer(voorwaarde)
        return lijst(binnen.typeer(k.elt))

    _GeneratorExp = _ListComp


def typeer(boom: ast.AST, namen: Mapping[str, Type]) -> Type:
    """The type of a parsed expression given the types of the names in scope; raise Typefout."""
    return _Typeerder(namen).typeer(boom)


__all__ = ["GEHEEL", "Type", "Typefout", "typeer"]

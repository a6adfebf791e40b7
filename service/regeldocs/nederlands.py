"""The expression language of rule files, written out in Dutch for jurists.

Generic: every operator and function has one Dutch phrasing, and every name becomes a
noun phrase (see woorden.py), so a new rule needs no new text here. A function this
module does not know (added later to the language) is still written out, as
"de uitkomst van <naam> met …". Types (datum, bedrag, …) only choose between phrasings
("ligt op of vóór" for dates, "is ten hoogste" for numbers).

    peildatum <= betalingstermijnEinde
    → de peildatum ligt op of vóór het einde van de betalingstermijn
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from decimal import Decimal

from service.regeldocs.functies import EENHEID_ENKELVOUD, functie_als_tekst
from service.regeldocs.woorden import naam_als_tekst, woorden, zelfstandig
from service.rulefiles.expressions import CONSTANTEN, ExpressieFout, ontleed, vertaal_nederlands

Typen = dict[str, str]

_DATUM_VERGELIJKING = {
    ast.Lt: "ligt vóór",
    ast.LtE: "ligt op of vóór",
    ast.Gt: "ligt na",
    ast.GtE: "ligt op of na",
    ast.Eq: "is",
    ast.NotEq: "is niet",
}
_VERGELIJKING = {
    ast.Lt: "is kleiner dan",
    ast.LtE: "is ten hoogste",
    ast.Gt: "is groter dan",
    ast.GtE: "is ten minste",
    ast.Eq: "is",
    ast.NotEq: "is niet",
}
_REKEN = {ast.Add: "plus", ast.Sub: "min", ast.Mult: "maal", ast.Div: "gedeeld door"}
_CONSTANTE_TEKST = {"waar": "ja", "onwaar": "nee", "leeg": "onbekend"}


def getal(waarde: int | Decimal | float) -> str:
    """A number the Dutch way: 0.95 → 0,95; 1500 → 1.500."""
    tekst = f"{Decimal(str(waarde)):,f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


class Vertaler:
    """Writes expressions of one rule set out in Dutch; `typen` maps names to their type."""

    def __init__(self, typen: Typen) -> None:
        self.typen = dict(typen)
        self._lokaal: dict[str, str] = {}  # comprehension variables → the list they run over
        self._bron = ""  # the expression being written out (for numbers exactly as written)

    # ------------------------------------------------------------------ public

    def voorwaarde(self, tekst: str) -> str:
        """A condition (`als`) as a Dutch clause."""
        return self._veilig(tekst, lambda k: self._zin(k))

    def uitdrukking(self, tekst: str) -> str:
        """An expression (`dan`) as a Dutch noun phrase."""
        return self._veilig(tekst, lambda k: self._np(k))

    def naam(self, naam: str) -> str:
        return naam_als_tekst(naam, self.typen.get(naam))

    def type_van(self, tekst: str) -> str | None:
        try:
            return self._type(ontleed(tekst).body)
        except ExpressieFout:
            return None

    def _veilig(self, tekst: str, vertaal: Callable[[ast.expr], str]) -> str:
        try:
            boom = ontleed(tekst)
        except ExpressieFout:
            return tekst
        self._lokaal = {}
        self._bron = vertaal_nederlands(tekst)
        return vertaal(boom.body)

    # ------------------------------------------------------------------ types

    def _type(self, k: ast.expr) -> str | None:
        if isinstance(k, ast.Constant):
            if isinstance(k.value, bool):
                return "jaNee"
            return "tekst" if isinstance(k.value, str) else "getal"
        if isinstance(k, ast.Name):
            if k.id in ("waar", "onwaar"):
                return "jaNee"
            return self.typen.get(k.id)
        if isinstance(k, ast.Compare | ast.BoolOp) or (
            isinstance(k, ast.UnaryOp) and isinstance(k.op, ast.Not)
        ):
            return "jaNee"
        if isinstance(k, ast.BinOp):
            links, rechts = self._type(k.left), self._type(k.right)
            if "datum" in (links, rechts):
                both = links == rechts == "datum" and isinstance(k.op, ast.Sub)
                return "getal" if both else "datum"
            if "lijst" in (links, rechts):
                return "lijst"
            return "bedrag" if "bedrag" in (links, rechts) else "getal"
        if isinstance(k, ast.Call) and isinstance(k.func, ast.Name):
            return self._functietype(k.func.id, k.args)
        if isinstance(k, ast.List | ast.ListComp | ast.Tuple):
            return "lijst"
        if isinstance(k, ast.IfExp):
            return self._type(k.body) or self._type(k.orelse)
        if isinstance(k, ast.Attribute):
            return self.typen.get(k.attr)
        return None

    def _functietype(self, naam: str, args: list[ast.expr]) -> str | None:
        if naam in EENHEID_ENKELVOUD:
            return "duur"
        if naam in ("atw", "doorStuiting"):
            return "datum"
        if naam in ("bekend", "onbekend", "lopendOp"):
            return "jaNee"
        if naam in ("aantal", "dagenInPerioden", "naarBovenGeheel"):
            return "getal"
        if naam.startswith("afronden"):
            return "bedrag"
        if naam in ("laatste", "eerste", "min", "max", "som", "ofAnders") and args:
            eerste = args[0]
            if isinstance(eerste, ast.ListComp):
                return self._type_in_lijst(eerste)
            return self._type(eerste) or (self._type(args[1]) if len(args) > 1 else None)
        return None

    def _type_in_lijst(self, k: ast.ListComp) -> str | None:
        element = k.elt
        if isinstance(element, ast.Attribute):
            return self.typen.get(element.attr)
        return None

    # ------------------------------------------------------------------ clauses

    def _zin(self, k: ast.expr) -> str:
        """A yes/no expression as a clause."""
        if isinstance(k, ast.BoolOp):
            woord = " en " if isinstance(k.op, ast.And) else " of "
            delen = [self._zin(d) for d in k.values]
            if len(delen) > 2 or any(isinstance(d, ast.BoolOp) for d in k.values):
                delen = [
                    f"({d})" if isinstance(v, ast.BoolOp) else d
                    for d, v in zip(delen, k.values, strict=True)
                ]
            return woord.join(delen)
        if isinstance(k, ast.UnaryOp) and isinstance(k.op, ast.Not):
            binnen = k.operand
            if isinstance(binnen, ast.Name | ast.Attribute):
                return f"er is geen sprake van {self._np(binnen)}"
            return f"het is niet zo dat {self._zin(binnen)}"
        if isinstance(k, ast.Compare):
            return self._vergelijking(k)
        if isinstance(k, ast.Name | ast.Attribute):
            return f"er is sprake van {self._np(k)}"
        if isinstance(k, ast.Call) and isinstance(k.func, ast.Name):
            naam, args = k.func.id, k.args
            if naam in ("bekend", "onbekend") and len(args) == 1:
                return f"{self._np(args[0])} is {naam}"
            if naam == "lopendOp" and len(args) == 2:
                return f"een van {self._np(args[0])} loopt op {self._np(args[1])}"
        return f"{self._np(k)} is ja"

    def _vergelijking(self, k: ast.Compare) -> str:
        delen = []
        links = k.left
        for operator, rechts in zip(k.ops, k.comparators, strict=True):
            delen.append(self._twee(links, operator, rechts))
            links = rechts
        return " en ".join(delen)

    def _twee(self, links: ast.expr, operator: ast.cmpop, rechts: ast.expr) -> str:
        if isinstance(operator, ast.In | ast.NotIn):
            woord = "is een van" if isinstance(operator, ast.In) else "is geen van"
            return f"{self._np(links)} {woord}: {self._np(rechts)}"
        datum = "datum" in (self._type(links), self._type(rechts))
        woorden_ = _DATUM_VERGELIJKING if datum else _VERGELIJKING
        if isinstance(operator, ast.Eq) and self._type(rechts) == "jaNee":
            return f"{self._np(links)} is {self._np(rechts)}"
        return f"{self._operand(links)} {woorden_[type(operator)]} {self._operand(rechts)}"

    def _operand(self, k: ast.expr) -> str:
        """A phrase used inside a larger one: bracketed when it has commas of its own."""
        tekst = self._np(k)
        eenvoudig = isinstance(k, ast.Constant | ast.Name | ast.List | ast.Tuple)
        return f"({tekst})" if "," in tekst and not eenvoudig else tekst

    # ------------------------------------------------------------------ noun phrases

    def _np(self, k: ast.expr) -> str:
        if isinstance(k, ast.Constant):
            if isinstance(k.value, float):  # as written: 0.00 stays 0,00
                return getal(Decimal(ast.get_source_segment(self._bron, k) or repr(k.value)))
            return self._constante(k.value)
        if isinstance(k, ast.Name):
            if k.id in CONSTANTEN:
                return _CONSTANTE_TEKST.get(k.id, k.id)
            if k.id in self._lokaal:
                return f"elk element van {self._lokaal[k.id]}"
            return self.naam(k.id)
        if isinstance(k, ast.Attribute):
            veld = naam_als_tekst(k.attr, self.typen.get(k.attr))
            if isinstance(k.value, ast.Name) and k.value.id in self._lokaal:
                return veld
            return f"{veld} van {self._np(k.value)}"
        if isinstance(k, ast.Subscript):
            return self._element(k)
        if isinstance(k, ast.BinOp):
            return self._rekensom(k)
        if isinstance(k, ast.UnaryOp):
            if isinstance(k.op, ast.USub):
                return f"min {self._np(k.operand)}"
            return f"niet ({self._zin(k.operand)})"
        if isinstance(k, ast.Call) and isinstance(k.func, ast.Name):
            return self._functie(k.func.id, k.args)
        if isinstance(k, ast.List | ast.Tuple):
            return ", ".join(self._np(e) for e in k.elts) or "geen"
        if isinstance(k, ast.ListComp):
            return self._lijst(k)
        if isinstance(k, ast.IfExp):
            return f"{self._np(k.body)} als {self._zin(k.test)}, en anders {self._np(k.orelse)}"
        if isinstance(k, ast.Compare | ast.BoolOp):
            return f"of {self._zin(k)} (ja of nee)"
        return ast.unparse(k)

    def _constante(self, waarde: object) -> str:
        if isinstance(waarde, bool):
            return "ja" if waarde else "nee"
        if isinstance(waarde, int | float | Decimal):
            return getal(waarde)
        return f"„{waarde}”"

    def _element(self, k: ast.Subscript) -> str:
        index = k.slice
        if isinstance(index, ast.Constant) and isinstance(index.value, int):
            rang = {0: "het eerste element", -1: "het laatste element"}
            plaats = rang.get(index.value, f"element {index.value + 1}")
            return f"{plaats} van {self._np(k.value)}"
        return f"de waarde bij {self._np(index)} in {self._np(k.value)}"

    def _rekensom(self, k: ast.BinOp) -> str:
        links, rechts = self._type(k.left), self._type(k.right)
        if links == "datum" and rechts == "duur" and isinstance(k.op, ast.Add | ast.Sub):
            richting = "na" if isinstance(k.op, ast.Add) else "vóór"
            return f"{self._np(k.right)} {richting} {self._np(k.left)}"
        if links == "lijst" and isinstance(k.op, ast.Add):
            return f"{self._np(k.left)}, aangevuld met {self._np(k.right)}"
        woord = _REKEN.get(type(k.op), "?")
        return f"{self._deel(k.left, k.op)} {woord} {self._deel(k.right, k.op)}"

    def _deel(self, k: ast.expr, buiten: ast.operator) -> str:
        tekst = self._operand(k)
        if isinstance(k, ast.BinOp) and not (
            isinstance(buiten, ast.Add) and isinstance(k.op, ast.Add | ast.Sub)
        ):
            return f"({tekst})"
        return tekst

    def _lijst(self, k: ast.ListComp) -> str:
        generator = k.generators[0]
        bron = self._np(generator.iter)
        if isinstance(generator.target, ast.Name):
            self._lokaal[generator.target.id] = bron
        element = self._np(k.elt)
        filters = "".join(f", als {self._zin(voorwaarde)}" for voorwaarde in generator.ifs)
        return f"{element} van elk element van {bron}{filters}"

    def _functie(self, naam: str, args: list[ast.expr]) -> str:
        return functie_als_tekst(self, naam, args)


def lijstnaam_enkelvoud(naam: str) -> str:
    """A list's name for "voor elk(e) …": the words of the name, as written."""
    return zelfstandig(woorden(naam))

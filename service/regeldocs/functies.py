"""How each function of the rule language reads in Dutch (one phrasing per function).

A function this module does not know still reads as "de uitkomst van <naam> met …".
"""

from __future__ import annotations

import ast
from typing import Any

from service.regeldocs.woorden import eenheid_van, woorden

EENHEID_ENKELVOUD = {"dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}


def _duur(v: Any, eenheid: str, args: list[ast.expr]) -> str:
    if len(args) != 1:
        return f"een aantal {eenheid}"
    arg = args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, int):
        return f"{arg.value} {EENHEID_ENKELVOUD[eenheid] if arg.value == 1 else eenheid}"
    tekst: str = v._np(arg)
    if (isinstance(arg, ast.Name) and eenheid_van(arg.id) == eenheid) or tekst.endswith(
        f" in {eenheid}"
    ):
        return tekst
    return f"{tekst} {eenheid}"


def functie_als_tekst(v: Any, naam: str, args: list[ast.expr]) -> str:
    """A call of a rule-language function as a Dutch noun phrase; `v` is the Vertaler."""
    a = [v._np(x) for x in args]
    if naam in EENHEID_ENKELVOUD:
        return _duur(v, naam, args)
    if naam == "atw" and len(a) == 2:
        return (
            f"{a[0]}, zo nodig verlengd volgens de Algemene termijnenwet "
            f"(termijn gerekend vanaf {a[1]})"
        )
    if naam in ("laatste", "eerste") and len(a) == 1:
        soort = "datum" if v._functietype(naam, args) == "datum" else "waarde"
        return f"de {naam} {soort} uit {a[0]}"
    if naam in ("min", "max"):
        woord = "kleinste" if naam == "min" else "grootste"
        return f"de {woord} van: {' en '.join(a)}" if len(a) > 1 else f"de {woord} uit {a[0]}"
    if naam == "som" and len(a) == 1:
        return f"de som van {a[0]}"
    if naam == "aantal" and len(a) == 1:
        if isinstance(args[0], ast.Name):
            return f"het aantal {' '.join(woorden(args[0].id))}"
        return f"het aantal van {a[0]}"
    if naam in ("bekend", "onbekend") and len(a) == 1:
        return f"of {a[0]} {naam} is"
    if naam == "ofAnders" and len(a) == 2:
        return f"{a[0]}, of als die onbekend is: {a[1]}"
    if naam == "afronden" and len(a) == 1:
        return f"{a[0]}, afgerond op hele centen (de helft naar boven)"
    if naam == "afrondenNaarBeneden" and len(a) == 1:
        return f"{a[0]}, naar beneden afgerond op hele centen"
    if naam == "afrondenNaarBoven" and len(a) == 1:
        return f"{a[0]}, naar boven afgerond op hele centen"
    if naam == "naarBovenGeheel" and len(a) == 1:
        return f"{a[0]}, naar boven afgerond op een geheel getal"
    if naam == "lopendOp" and len(a) == 2:
        return f"of een van {a[0]} loopt op {a[1]}"
    if naam == "dagenInPerioden" and len(a) == 4:
        return (
            f"het aantal dagen van {a[0]} binnen de periode van {a[1]} tot en met {a[2]} "
            f"(een periode zonder einde telt tot {a[3]})"
        )
    if naam == "doorStuiting" and len(a) == 4:
        return (
            f"de laatste datum uit {a[2]} die de termijn van {a[0]} tot en met {a[1]} "
            f"stuitte (elke stuiting laat een nieuwe termijn van {a[3]} lopen)"
        )
    if naam == "verdeelNaarRang" and len(a) == 3:
        return (
            f"{a[0]}, verdeeld over {a[1]} in de rangorde {a[2]} "
            "(binnen een rang naar verhouding van het openstaande bedrag)"
        )
    if naam == "staffel" and len(a) == 6:
        return (
            f"{a[1]} plus {a[2]} voor elke volle {a[3]} waarmee {a[0]} boven {a[4]} uitkomt, "
            f"ten hoogste {a[5]}"
        )
    if naam == "samengesteldeRente" and len(a) == 11:
        return (
            f"de samengestelde rente over {a[0]} van {a[1]} tot {a[2]} tegen {a[3]} "
            f"({a[4]} dagen per jaar, rente bij de hoofdsom na elke {a[5]}, geen rente onder "
            f"{a[6]}), met de betalingen {a[7]} toegerekend in de volgorde {a[10]}"
        )
    if naam == "rentePerBetaling" and len(a) == 12:
        return (
            f"de enkelvoudige rente per betaling over {a[0]} vanaf {a[1]} tegen {a[4]} "
            f"(dagtelling {a[5]}, vervaldag {a[2]}, afgerond op {a[7]}, bij de laatste "
            f"betaling niet als die ten hoogste {a[6]} is), met de betalingen {a[8]} "
            f"toegerekend in de volgorde {a[11]}"
        )
    if naam == "toerekenen" and len(a) == 5:
        return (
            f"{a[0]}, toegerekend aan {a[1]} in de volgorde {a[2]} "
            f"(naar verhouding: {a[3]}; per onderdeel over alle vorderingen: {a[4]})"
        )
    return f"de uitkomst van {naam} met {', '.join(a) or 'niets'}"

"""How values appear to people (Dutch explanations) and to clients (JSON)."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from service.rulefiles.termijn import Termijn

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
CENT = Decimal("0.01")


def json_waarde(waarde: Any, geld: bool = False) -> Any:
    """A JSON value: dates ISO, amounts as strings with two decimals (geld) or exact."""
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, Termijn):
        return str(waarde)
    if isinstance(waarde, Decimal):
        if geld:
            return str(waarde.quantize(CENT, rounding=ROUND_HALF_UP))
        return str(waarde)
    if isinstance(waarde, Mapping):
        return {k: json_waarde(v, geld) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [json_waarde(v, geld) for v in waarde]
    return waarde


def _getal(waarde: Decimal, decimalen: int | None = None) -> str:
    if decimalen is not None:
        waarde = waarde.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    tekst = f"{waarde:,f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def tekst(waarde: Any, opmaak: str = "") -> str:
    """A value in a Dutch sentence: 16 februari 2026, € 1.482,38, ja/nee."""
    if waarde is None:
        return "onbekend"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.date):
        return f"{waarde.day} {MAANDEN[waarde.month - 1]} {waarde.year}"
    if isinstance(waarde, Decimal | int) and opmaak == "bedrag":
        return "€ " + _getal(Decimal(waarde), 2)
    if isinstance(waarde, Decimal | int) and opmaak == "bedrag4":  # an unrounded intermediate
        return "€ " + _getal(Decimal(waarde), 4)
    if isinstance(waarde, Decimal | int) and opmaak == "procent":
        return _getal((Decimal(waarde) * 100).normalize()) + " %"
    if isinstance(waarde, Decimal):
        return _getal(waarde)
    if isinstance(waarde, list | tuple):
        return ", ".join(tekst(w, opmaak) for w in waarde) or "geen"
    if isinstance(waarde, Mapping):  # e.g. one share of a division: "X € 40,32"
        return " ".join(tekst(w, opmaak) for w in waarde.values())
    return str(waarde)


Sjabloon = tuple[tuple[str, str | None, str], ...]


def ontleed_uitleg(sjabloon: str) -> Sjabloon:
    """Split an explanation template once (at compile time): (text, value name, format)."""
    return tuple(
        (tekst_ervoor, naam, opmaak or "")
        for tekst_ervoor, naam, opmaak, _ in string.Formatter().parse(sjabloon.strip())
    )


def vul_uitleg(
    sjabloon: Sjabloon, waarden: Mapping[str, Any], gedateerd: Mapping[str, str] | None = None
) -> str:
    """Fill a parsed template with the values a rule used; an unknown value reads 'onbekend'.

    `{naam:gedateerd}` shows a parameter with the period its value is law:
    "6 weken, geldig vanaf 2009-07-01".
    """
    delen = []
    for tekst_ervoor, naam, opmaak in sjabloon:
        delen.append(tekst_ervoor)
        if naam is None:
            continue
        if opmaak == "gedateerd" and gedateerd and naam in gedateerd:
            delen.append(gedateerd[naam])
        else:
            delen.append(tekst(waarden.get(naam), "" if opmaak == "gedateerd" else opmaak))
    return "".join(delen)

"""How values appear to people (Dutch explanations) and to clients (JSON)."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from service.rulefiles.opmaak import tekst
from service.rulefiles.termijn import Termijn

__all__ = ["json_waarde", "ontleed_uitleg", "tekst", "vul_uitleg"]

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

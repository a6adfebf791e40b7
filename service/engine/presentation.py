"""How values appear to people (Dutch explanations) and to clients (JSON)."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from service.rulefiles.opmaak import tekst
from service.rulefiles.termijn import Termijn

__all__ = ["json_waarde", "meervoud", "ontleed_uitleg", "sjabloonnaam", "tekst", "vul_uitleg"]

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


def sjabloonnaam(veld: str) -> str:
    """The value a template field reads: `dagtelling.jaar` reads `dagtelling`."""
    return veld.split(".", 1)[0]


def meervoud(opmaak: str) -> tuple[str, str] | None:
    """`{n:termijn|termijnen}`: the count with the singular or the plural word."""
    enkelvoud, streep, meer = opmaak.partition("|")
    if not streep or not enkelvoud.strip() or not meer.strip() or "|" in meer:
        return None
    return enkelvoud.strip(), meer.strip()


def _waarde(waarden: Mapping[str, Any], veld: str) -> Any:
    """A template field's value; `naam.sleutel` is one entry of a record or table."""
    naam, *sleutels = veld.split(".")
    waarde = waarden.get(naam)
    for sleutel in sleutels:
        waarde = waarde.get(sleutel) if isinstance(waarde, Mapping) else None
    return waarde


def vul_uitleg(
    sjabloon: Sjabloon,
    waarden: Mapping[str, Any],
    gedateerd: Mapping[str, str] | None = None,
    centen: bool = False,
) -> str:
    """Fill a parsed template with the values a rule used; an unknown value reads 'onbekend'.

    `{naam:gedateerd}` shows a parameter with the period its value is law:
    "6 weken, geldig vanaf 2009-07-01"; `{naam.sleutel}` one entry of a record or table;
    `{aantal:termijn|termijnen}` the count with its word: "1 termijn", "3 termijnen".
    With `centen` (a letter to the debtor) an unrounded amount (`bedrag4`) shows in cents.
    """
    delen = []
    for tekst_ervoor, naam, opmaak in sjabloon:
        delen.append(tekst_ervoor)
        if naam is None:
            continue
        if centen and opmaak == "bedrag4":
            opmaak = "bedrag"
        woorden = meervoud(opmaak)
        waarde = _waarde(waarden, naam)
        if opmaak == "gedateerd" and gedateerd and naam in gedateerd:
            delen.append(gedateerd[naam])
        elif woorden is not None:
            woord = woorden[0] if waarde == 1 else woorden[1]
            delen.append(f"{tekst(waarde)} {woord}")
        else:
            delen.append(tekst(waarde, "" if opmaak == "gedateerd" else opmaak))
    return "".join(delen)


OPMAKEN = frozenset({"", "bedrag", "bedrag4", "procent", "gedateerd"})
"""The formats a template may name after a colon ({x:bedrag}); besides counts ({n:a|b})."""


def sjabloonnamen(tekst: str) -> set[str]:
    """The names a template text uses (`{x}`, `{x:bedrag}`, `{tabel.sleutel}` → tabel)."""
    return {sjabloonnaam(naam) for _, naam, _, _ in string.Formatter().parse(tekst) if naam}


def opmaken(tekst: str) -> list[tuple[str, str]]:
    """Each name of a template text with the format it asks ('' for none)."""
    delen = string.Formatter().parse(tekst)
    return [(sjabloonnaam(naam), opmaak or "") for _, naam, opmaak, _ in delen if naam]

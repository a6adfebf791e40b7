"""Values in Dutch sentences: 16 februari 2026, € 1.482,38, 95 %, ja/nee, 6 weken.

One formatter for explanations, letters, the werkbank and the mandate register's reasons;
amounts are rounded half-up (never Python's default half-even) when they are shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

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
    if isinstance(waarde, Mapping):
        paren = list(waarde.items())
        if len(paren) <= 2:  # e.g. one share of a division: "X € 40,32"
            return " ".join(tekst(w, opmaak) for _, w in paren)
        # A record: its first value names it, the rest with their labels:
        # "V1: kosten € 19,00, rente € 50,00, hoofdsom € 221,00".
        (_, naam), rest = paren[0], paren[1:]
        return f"{tekst(naam)}: " + ", ".join(f"{k} {tekst(w, opmaak)}" for k, w in rest)
    return str(waarde)


def euro(bedrag: Decimal | int) -> str:
    """€ 1.482,38 (rounded half-up to cents)."""
    return tekst(Decimal(bedrag), "bedrag")

"""Check a parameter value against its declared type and turn it into the value rules use.

Written for policy staff: a problem names what is wrong and what to write instead
(`'2,5' is geen getal — gebruik een punt als decimaalteken: 2.5`). Numbers become exact
Decimals (a YAML 0.1 goes through its text, never through binary floating point), a
`termijn` becomes a Termijn ("6 weken"), dates in lists are checked to exist.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from service.rulefiles.parametermodel import Parameter
from service.rulefiles.termijn import lees_termijn

Pad = tuple[str | int, ...]
_GETAL = re.compile(r"^-?\d+(\.\d+)?$")
_DATUM = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


class Waardefout(ValueError):
    """A value that does not fit its type; `pad` leads from the value to the wrong part."""

    def __init__(self, pad: Pad, melding: str) -> None:
        super().__init__(melding)
        self.pad = pad
        self.melding = melding


def _getal(waarde: Any, wat: str) -> Decimal:
    if isinstance(waarde, bool):
        raise Waardefout((), f"'{waarde}' is geen {wat} — schrijf cijfers, bv. 3 of 0.95")
    if isinstance(waarde, int):
        return Decimal(waarde)
    if isinstance(waarde, float):
        return Decimal(repr(waarde))
    if isinstance(waarde, str) and _GETAL.match(waarde.strip()):
        return Decimal(waarde.strip())
    if isinstance(waarde, str) and re.match(r"^-?\d+,\d+$", waarde.strip()):
        punt = waarde.strip().replace(",", ".")
        raise Waardefout(
            (), f"'{waarde}' is geen {wat} — gebruik een punt als decimaalteken: {punt}"
        )
    raise Waardefout((), f"'{waarde}' is geen {wat} — schrijf cijfers, bv. 3 of 0.95")


def _geheel(waarde: Any) -> int:
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, str) and re.match(r"^-?\d+$", waarde.strip()):
        return int(waarde)
    raise Waardefout((), f"'{waarde}' is geen geheel getal — schrijf cijfers, bv. 6")


def _datum(waarde: Any) -> dt.date:
    if isinstance(waarde, dt.date) and not isinstance(waarde, dt.datetime):
        return waarde
    if isinstance(waarde, str) and _DATUM.match(waarde.strip()):
        try:
            jaar, maand, dag = (int(d) for d in waarde.strip().split("-"))
            return dt.date(jaar, maand, dag)
        except ValueError:
            raise Waardefout(
                (), f"'{waarde}' is geen bestaande datum — controleer maand en dag (JJJJ-MM-DD)"
            ) from None
    raise Waardefout((), f"'{waarde}' is geen datum — schrijf JJJJ-MM-DD, bv. 2026-07-01")


def lees_enkelvoudig(type: str, waarde: Any) -> Any:
    """One value of a simple type; raise Waardefout."""
    if type == "geheelGetal":
        return _geheel(waarde)
    if type == "getal":
        return _getal(waarde, "getal")
    if type == "factor":
        getal = _getal(waarde, "factor")
        if getal < 0:
            raise Waardefout((), f"'{waarde}': een factor is niet negatief")
        return getal
    if type == "percentage":
        getal = _getal(waarde, "percentage")
        if not 0 <= getal <= 100:
            raise Waardefout((), f"'{waarde}': een percentage ligt tussen 0 en 100 (4.5 = 4,5 %)")
        return getal
    if type == "bedrag":
        getal = _getal(waarde, "bedrag")
        try:
            te_veel = getal != getal.quantize(Decimal("0.01"))
        except InvalidOperation:
            te_veel = True
        if getal < 0 or te_veel:
            raise Waardefout(
                (),
                f"'{waarde}': een bedrag in euro is niet negatief en heeft hoogstens 2 decimalen",
            )
        return getal
    if type == "datum":
        return _datum(waarde)
    if type == "tekst":
        if not isinstance(waarde, str):
            raise Waardefout(
                (), f"'{waarde}' is geen tekst — zet de waarde tussen aanhalingstekens"
            )
        return waarde
    if type == "jaNee":
        if not isinstance(waarde, bool):
            raise Waardefout((), f"'{waarde}' is geen ja/nee-waarde — schrijf true of false")
        return waarde
    if type == "termijn":
        try:
            return lees_termijn(waarde)
        except ValueError as fout:
            raise Waardefout((), str(fout)) from None
    raise Waardefout((), f"onbekend type '{type}'")  # pragma: no cover - the model allows no other


def _element(parameter: Parameter, i: int, element: Any) -> Any:
    if parameter.velden is None:
        try:
            return lees_enkelvoudig(parameter.elementtype or "tekst", element)
        except Waardefout as fout:
            raise Waardefout((i, *fout.pad), fout.melding) from None
    if not isinstance(element, dict):
        raise Waardefout(
            (i,), f"element {i + 1} is geen record met velden {', '.join(parameter.velden)}"
        )
    onbekend = sorted(set(element) - set(parameter.velden))
    if onbekend:
        raise Waardefout(
            (i, onbekend[0]),
            f"onbekend veld '{onbekend[0]}' — toegestaan: {', '.join(parameter.velden)}",
        )
    uit = {}
    for naam, type in parameter.velden.items():
        if naam not in element or element[naam] is None:
            continue
        try:
            uit[naam] = lees_enkelvoudig(type, element[naam])
        except Waardefout as fout:
            raise Waardefout((i, naam), fout.melding) from None
    return uit


def lees_waarde(parameter: Parameter, waarde: Any) -> Any:
    """The value as rules use it; raise Waardefout naming the part that does not fit."""
    if parameter.type == "keuze":
        keuzes = parameter.keuzes or []
        if waarde not in keuzes:
            raise Waardefout((), f"'{waarde}' is geen van de keuzes: {', '.join(keuzes)}")
        return waarde
    if parameter.type == "lijst":
        if not isinstance(waarde, list):
            raise Waardefout((), "verwacht een lijst (elementen met '- ')")
        return [_element(parameter, i, e) for i, e in enumerate(waarde)]
    if parameter.type == "tabel":
        if not isinstance(waarde, dict):
            raise Waardefout((), "verwacht een tabel (naam: waarde)")
        uit = {}
        for sleutel, w in waarde.items():
            try:
                uit[str(sleutel)] = lees_enkelvoudig(parameter.waardetype or "tekst", w)
            except Waardefout as fout:
                raise Waardefout((sleutel, *fout.pad), fout.melding) from None
        return uit
    return lees_enkelvoudig(parameter.type, waarde)

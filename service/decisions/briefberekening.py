"""A decision's calculation and data as a letter shows them to the debtor.

The reasons of a decision are for the officer: exact, with unrounded intermediate amounts
(`€ 1.331,4250`). A letter repeats each reason's explanation from its rule's template with
the values the reason recorded, every amount in euro and cents, as the model mededeling
does; the computation itself is not touched. The data used are listed under the short
Dutch names (`label`) of the rule set's input fields, with amounts, dates and yes/no in
words.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from service.engine.compiled import ZAAK, GecompileerdeRegelset
from service.engine.presentation import tekst, vul_uitleg
from service.rulefiles.model import Invoerveld
from service.rulefiles.typen import ONBEKEND, Type


def _getypeerd(waarde: Any, soort: Type) -> Any:
    """A value of a stored reason (JSON) as the rule saw it: Decimal, date, list, record."""
    try:
        if waarde is None or isinstance(waarde, bool):
            return waarde
        if soort.getal and isinstance(waarde, str | int):
            return Decimal(str(waarde))
        if soort.soort == "datum" and isinstance(waarde, str):
            return dt.date.fromisoformat(waarde)
    except (InvalidOperation, ValueError):
        return waarde  # not what the type says (another version of the rule set): as stored
    if soort.soort == "lijst" and isinstance(waarde, list):
        return [_getypeerd(w, soort.element or ONBEKEND) for w in waarde]
    if soort.soort in ("record", "tabel") and isinstance(waarde, dict):
        return {
            k: _getypeerd(v, (soort.veld(k) if soort.velden else soort.element) or ONBEKEND)
            for k, v in waarde.items()
        }
    return waarde


def _keuzevelden(velden: dict[str, Invoerveld]) -> dict[str, Invoerveld]:
    """The choice fields, at every level, by their name in the rules."""
    keuzes: dict[str, Invoerveld] = {}
    for naam, veld in velden.items():
        if veld.type == "keuze":
            keuzes[veld.intern or naam] = veld
        keuzes.update(_keuzevelden(veld.velden or {}))
    return keuzes


def uitleg_in_centen(reden: dict[str, Any], regelset: GecompileerdeRegelset) -> str:
    """The reason's explanation with its amounts in euro and cents (its own text when the
    rule is not in this rule set)."""
    regel = next((r for r in regelset.regels if r.id == reden.get("regel")), None)
    if regel is None:
        return str(reden.get("uitleg", ""))
    typen = {**regelset.typen.get(ZAAK, {}), **regelset.typen.get(regel.feittype, {})}
    keuzes = _keuzevelden(regelset.invoer)
    waarden = {
        naam: _getypeerd(waarde, typen.get(naam, ONBEKEND))
        for naam, waarde in (reden.get("waarden") or {}).items()
    }
    for naam, waarde in waarden.items():
        if naam in keuzes and isinstance(waarde, str):
            # In running text: "het maximum voor gehuwd of samenwonend, met kinderen".
            woorden = _keuze(waarde, keuzes[naam])
            waarden[naam] = woorden[:1].lower() + woorden[1:] if woorden[1:2].islower() else woorden
    gedateerd: dict[str, list[str]] = {}
    for parameter in reden.get("parameters") or []:
        gedateerd.setdefault(parameter["naam"], []).append(parameter["weergave"])
    weergave = {naam: "; ".join(teksten) for naam, teksten in gedateerd.items()}
    return vul_uitleg(regel.uitleg, waarden, weergave, centen=True)


def _keuze(waarde: Any, veld: Invoerveld) -> str:
    """A choice value as the rule file names it for citizens (`waardelabels`); without a
    label its words: 'gehuwdMetKinderen' → 'gehuwd met kinderen'."""
    label = (veld.waardelabels or {}).get(str(waarde))
    if label is not None:
        return label
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", str(waarde)).lower()


def _waarde(waarde: Any, veld: Invoerveld | None) -> str:
    soort = veld.type if veld is not None else ""
    if veld is not None and soort == "keuze":
        return _keuze(waarde, veld)
    try:
        if soort == "bedrag":
            return tekst(Decimal(str(waarde)), "bedrag")
        if soort in ("getal", "geheelGetal"):
            return tekst(Decimal(str(waarde)))
        if soort == "datum":
            return tekst(dt.date.fromisoformat(str(waarde)))
    except (InvalidOperation, ValueError):
        return str(waarde)
    return tekst(waarde)


def gebruikte_gegevens(
    gegevens: dict[str, Any], velden: dict[str, Invoerveld]
) -> list[dict[str, Any]]:
    """The data as given, one row per field: {label, waarde} or, for a list or object,
    {label, elementen} with the rows of each element."""
    rijen: list[dict[str, Any]] = []
    for naam, waarde in gegevens.items():
        if waarde is None:  # null: not given
            continue
        veld = velden.get(naam)
        label = (veld.label or veld.omschrijving or naam) if veld is not None else naam
        binnen = (veld.velden or {}) if veld is not None else {}
        rij: dict[str, Any] = {"label": label, "waarde": None, "elementen": None}
        if isinstance(waarde, list) and waarde and all(isinstance(e, dict) for e in waarde):
            rij["elementen"] = [gebruikte_gegevens(e, binnen) for e in waarde]
        elif isinstance(waarde, dict):
            rij["elementen"] = [gebruikte_gegevens(waarde, binnen)]
        elif isinstance(waarde, list):
            rij["waarde"] = ", ".join(_waarde(w, None) for w in waarde) or "geen"
        else:
            rij["waarde"] = _waarde(waarde, veld)
        rijen.append(rij)
    return rijen

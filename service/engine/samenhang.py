"""Checks across the fields of one level of the input: what a field's type cannot say.

Each returns problems in the shape of the 400's `invalidParams` ({name, reason, code}),
checked on the input as sent (before defaults), all at once with the type checks.
"""

from __future__ import annotations

from typing import Any

from service.rulefiles.model import Invoerveld

Probleem = dict[str, str]


def _probleem(naam: str, reden: str, code: str) -> Probleem:
    return {"name": naam, "reason": reden, "code": code}


def _uniek(waarde: list[Any], veld: Invoerveld, pad: str) -> list[Probleem]:
    """`uniek: id` on a list: no two elements with the same value of that field."""
    gezien: dict[Any, int] = {}
    uit = []
    for i, element in enumerate(waarde):
        sleutel = element.get(veld.uniek) if isinstance(element, dict) else None
        if sleutel is None or not isinstance(sleutel, str | int):
            continue
        if sleutel in gezien:
            uit.append(
                _probleem(
                    f"{pad}[{i}].{veld.uniek}",
                    f"'{sleutel}' komt al voor bij element {gezien[sleutel]}; geef elk element "
                    f"een eigen {veld.uniek}",
                    "uniek",
                )
            )
        gezien.setdefault(sleutel, i)
    return uit


def _veld(
    gegeven: dict[str, Any], naam: str, veld: Invoerveld, velden: dict[str, Invoerveld], pad: str
) -> list[Probleem]:
    waarde = gegeven.get(naam)
    uit = []
    for ander in veld.nietSamenMet or []:
        if gegeven.get(ander) is not None:
            uit.append(
                _probleem(f"{pad}.{naam}", f"geef {naam} of {ander}, niet allebei", "nietSamenMet")
            )
    for ander, toegestaan in (veld.alleenBij or {}).items():
        andere_waarde = gegeven.get(ander)
        if andere_waarde is None and ander in velden:
            andere_waarde = velden[ander].standaard
        if andere_waarde not in toegestaan:
            uit.append(
                _probleem(
                    f"{pad}.{naam}",
                    f"alleen bij {ander} {' of '.join(toegestaan)} (hier: {andere_waarde})",
                    "alleenBij",
                )
            )
    vroeger = gegeven.get(veld.nietVoor) if veld.nietVoor else None
    # Dates as sent (JJJJ-MM-DD compare as text); an invalid one is reported by the type check.
    if (
        isinstance(waarde, str)
        and isinstance(vroeger, str)
        and len(waarde) == len(vroeger) == 10
        and waarde < vroeger
    ):
        uit.append(
            _probleem(
                f"{pad}.{naam}",
                f"{naam} ({waarde}) ligt vóór {veld.nietVoor} ({vroeger})",
                "nietVoor",
            )
        )
    return uit


def samenhangproblemen(gegeven: Any, velden: dict[str, Invoerveld], pad: str) -> list[Probleem]:
    """Fields given where they do not belong (a soortAanslag under the Awb regime), given
    together where only one may be, a date before the date it follows, a repeated id."""
    if not isinstance(gegeven, dict):
        return []
    problemen: list[Probleem] = []
    for naam, veld in velden.items():
        waarde = gegeven.get(naam)
        if veld.type == "lijst" and isinstance(waarde, list):
            for i, element in enumerate(waarde):
                problemen += samenhangproblemen(element, veld.velden or {}, f"{pad}.{naam}[{i}]")
            if veld.uniek:
                problemen += _uniek(waarde, veld, f"{pad}.{naam}")
        if veld.type == "object":
            problemen += samenhangproblemen(waarde, veld.velden or {}, f"{pad}.{naam}")
        if waarde is not None:
            problemen += _veld(gegeven, naam, veld, velden, pad)
    return problemen

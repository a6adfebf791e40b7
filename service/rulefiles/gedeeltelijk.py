"""A file with broken rules or parameters, loaded without them, so the rest is still checked.

A misspelt key in one rule would make its whole file unreadable: every other rule of that
file, and every rule set importing it, would go unchecked until it was fixed, so a policy
author fixes one thing, runs the check and finds the next. Instead a rule or parameter that
does not validate is left out — its problems are reported at their own lines — and stands in
for what it would define: a rule's placeholder keeps its id, its level (`voorElke`) and the
names it derives (of unknown type), a broken parameter keeps its name. The checks of the
rest (names, types, imports) run as usual, and a rule set with a placeholder is never
compiled. Only a problem outside the rules and parameters (the header, `invoer`, `uitkomst`)
still stops the file as a whole.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from service.rulefiles.model import Regel, Regelmodule, Regelset
from service.rulefiles.parametermodel import Parameter, Parameterbestand
from service.rulefiles.validatie import pad

OVERGESLAGEN = (
    "verdere controles van dit bestand (namen, typen) zijn overgeslagen tot de andere "
    "meldingen over dit bestand zijn opgelost"
)


class _ModuleZonderRegels(Regelmodule):
    """A module whose every rule is broken: still a module, for the checks of its importers."""

    regels: list[Regel] = Field(default_factory=list)


class _ZonderParameters(Parameterbestand):
    """A parameter file whose every parameter is broken (their names stay known)."""

    parameters: dict[str, Parameter] = Field(default_factory=dict)


_ZONDER_MINIMUM: dict[type[BaseModel], type[BaseModel]] = {
    Regelmodule: _ModuleZonderRegels,
    Parameterbestand: _ZonderParameters,
}


@dataclass(frozen=True)
class Deel:
    """A file without its broken parts: the model, and which rules and parameters were left out."""

    model: BaseModel
    kapotte_regels: frozenset[int]
    kapotte_parameters: frozenset[str]


def _als_bedoeld(velden: dict[Any, Any]) -> dict[Any, Any]:
    """The keys of a rule, a misspelt one read as the known key it most resembles (`dann`
    as `dan`), unless that key is there too — the suggestion the author is given."""
    uit = dict(velden)
    for sleutel, waarde in velden.items():
        if isinstance(sleutel, str) and sleutel not in Regel.model_fields:
            gelijk = difflib.get_close_matches(sleutel, list(Regel.model_fields), n=1, cutoff=0.75)
            if gelijk and gelijk[0] not in velden:
                uit[gelijk[0]] = waarde
    return uit


def _plaatshouder(ruw: Any, index: int, fout_in: set[str | int | None]) -> Regel:
    """What a broken rule defines, as far as it can be read: id, level, group, derived names."""
    velden = _als_bedoeld(ruw) if isinstance(ruw, dict) else {}

    def tekst(sleutel: str) -> str | None:
        waarde = velden.get(sleutel)
        return waarde if isinstance(waarde, str) and sleutel not in fout_in else None

    dan = velden.get("dan")
    return Regel.model_construct(
        id=tekst("id") or f"regel {index + 1}",
        titel="",
        grondslag=[],
        voorElke=tekst("voorElke"),
        groep=tekst("groep"),
        als=[],
        geldendOp=None,
        dan={naam: "" for naam in dan if isinstance(naam, str)} if isinstance(dan, dict) else {},
        waarschuwing=None,
        uitleg="",
        notitie=None,
    )


def zonder_kapotte_delen(
    model: type[BaseModel], data: Any, validatie: ValidationError
) -> Deel | None:
    """The file without the rules or parameters that have errors; None when an error lies
    elsewhere (then nothing of the file can be trusted)."""
    regels: dict[int, set[str | int | None]] = {}
    parameters: set[str] = set()
    for fout in validatie.errors():
        plek = pad(fout["loc"], modelnamen=True)
        regel = plek[1] if plek[:1] == ("regels",) and len(plek) >= 2 else None
        if model in (Regelset, Regelmodule) and isinstance(regel, int):
            regels.setdefault(regel, set()).add(plek[2] if len(plek) > 2 else None)
            continue
        if model is Parameterbestand and plek[:1] == ("parameters",) and len(plek) >= 2:
            parameters.add(str(plek[1]))
            continue
        return None
    kopie = dict(data)
    if regels:
        kopie["regels"] = [r for i, r in enumerate(data["regels"]) if i not in regels]
    if parameters:
        kopie["parameters"] = {n: p for n, p in data["parameters"].items() if n not in parameters}
    try:
        geldig = _ZONDER_MINIMUM.get(model, model).model_validate(kopie)
    except ValidationError:
        return None
    if regels:
        assert isinstance(geldig, Regelset | Regelmodule)
        goede = iter(geldig.regels)
        alle = [
            _plaatshouder(ruw, i, regels[i]) if i in regels else next(goede)
            for i, ruw in enumerate(data["regels"])
        ]
        geldig = geldig.model_copy(update={"regels": alle})
    return Deel(geldig, frozenset(regels), frozenset(parameters))

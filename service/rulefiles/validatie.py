"""Pydantic validation errors in words for people: one translation for rule files, the
mandate register and API input, so a policy author and a case-system developer read the
same Dutch sentence for the same mistake."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from service.rulefiles.probleem import Probleem
from service.rulefiles.yamlsource import YamlDocument

_DATUMFOUTEN = {
    "date_parsing",
    "date_from_datetime_parsing",
    "date_type",
    "date_from_datetime_inexact",
}
_TYPELABELS = {"str", "int", "bool", "float", "decimal", "date", "none", "list", "dict"}
_LABELBEGIN = (
    "function-",
    "dict[",
    "list[",
    "tagged-union",
    "lax-or-strict",
    "json-or-python",
    "constrained-",
    "literal[",
    "union[",
)


def is_typelabel(stap: str | int, modelnamen: bool = False) -> bool:
    """Pydantic puts union members and validators in the error path; they are not keys.

    With `modelnamen`, a capitalised step is a model of a union too (rule files and the
    register write every key in lowerCamelCase; API input may not, so it keeps them).
    """
    if isinstance(stap, int):
        return False
    if modelnamen and stap[:1].isupper():
        return True
    return stap in _TYPELABELS or stap.startswith(_LABELBEGIN)


def pad(loc: Sequence[str | int], modelnamen: bool = False) -> tuple[str | int, ...]:
    """The path of keys and indexes in the document, without pydantic's type labels."""
    return tuple(stap for stap in loc if not is_typelabel(stap, modelnamen))


def _als_json(waarde: Any) -> Any:
    """A value as its author wrote it in JSON or YAML: true, false, null."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    return "null" if waarde is None else waarde


def melding(fout: Any, api: bool = False) -> str:
    """One validation error as a Dutch sentence (what is wrong — what to do where useful).

    `api`: the words of a JSON request (object, field) rather than of a YAML file (block).
    """
    soort, tekst = fout["type"], str(fout["msg"])
    invoer = _als_json(fout.get("input"))
    ctx = fout.get("ctx") or {}
    if soort == "invalid_key" and isinstance(invoer, int | float):
        return (
            f"'{invoer}' staat los achter een komma — is dit een getal met een decimale komma? "
            "Schrijf een punt (2.5) of zet de waarde tussen aanhalingstekens"
        )
    if soort in _DATUMFOUTEN:
        return f"'{invoer}' is geen bestaande datum — schrijf JJJJ-MM-DD met een bestaande maand en dag"
    vast = {
        "missing": "verplicht veld ontbreekt",
        "extra_forbidden": "onbekend veld"
        if api
        else "onbekend veld (tikfout?) — toegestaan zijn alleen de velden uit het schema",
        "string_pattern_mismatch": "heeft niet de vereiste vorm"
        if api
        else f"heeft niet de vereiste vorm ({ctx.get('pattern')})",
        "literal_error": "kies uit: " + str(ctx.get("expected", "")).replace(" or ", " of "),
        "decimal_parsing": f"'{invoer}' is geen getal — schrijf bv. 10000.00 (punt als decimaalteken)",
        "decimal_type": f"'{invoer}' is geen getal — schrijf bv. 10000.00",
        "int_parsing": f"'{invoer}' is geen geheel getal",
        "int_type": f"'{invoer}' is geen geheel getal",
        "bool_parsing": f"'{invoer}' is geen ja/nee-waarde — schrijf true of false",
        "bool_type": f"'{invoer}' is geen ja/nee-waarde — schrijf true of false",
        "string_type": "verwacht een tekst",
        "string_unicode": "geen geldige tekst: een los surrogaatteken (\\ud800-\\udfff) is geen "
        "Unicode-teken",
        "greater_than_equal": "mag niet negatief zijn"
        if str(ctx.get("ge")) == "0"
        else f"mag niet kleiner zijn dan {ctx.get('ge')}",
        "less_than_equal": f"mag niet groter zijn dan {ctx.get('le')}",
        "decimal_max_places": f"hoogstens {ctx.get('decimal_places')} decimalen",
        "decimal_max_digits": f"te veel cijfers: hoogstens {ctx.get('max_digits')}",
        "decimal_whole_digits": f"te veel cijfers voor de komma: hoogstens {ctx.get('whole_digits')}",
        "string_too_long": f"te lang: hoogstens {ctx.get('max_length')} tekens",
        "string_too_short": f"te kort: minstens {ctx.get('min_length')} teken(s)",
        "finite_number": "geen eindig getal",
        "model_type": "verwacht een object" if api else "verwacht een blok met velden",
        "model_attributes_type": "verwacht een object" if api else "verwacht een blok met velden",
        "dict_type": "verwacht een object"
        if api
        else "verwacht een blok met velden (naam: waarde)",
        "list_type": "verwacht een lijst",
        "too_short": "leeg: geef minstens één element" if ctx.get("min_length") == 1 else "te kort",
        "too_long": f"te veel: hoogstens {ctx.get('max_length')}",
    }
    if soort == "value_error":
        return tekst.removeprefix("Value error, ")
    return vast.get(soort, tekst)


@functools.cache
def veldnamen(*modellen: type[BaseModel]) -> frozenset[str]:
    """Every key the models know, by alias, from their JSON schema (for suggestions)."""
    namen: set[str] = set()

    def verzamel(knoop: Any) -> None:
        if isinstance(knoop, dict):
            if isinstance(knoop.get("properties"), dict):
                namen.update(knoop["properties"])
            for waarde in knoop.values():
                verzamel(waarde)
        elif isinstance(knoop, list):
            for waarde in knoop:
                verzamel(waarde)

    for model in modellen:
        verzamel(model.model_json_schema(by_alias=True))
    return frozenset(namen)


def _bedoeld(fout: Any, veldnamen: Iterable[str]) -> str:
    """For an unknown key: the known key it most resembles, as a suggestion."""
    if fout["type"] != "extra_forbidden" or not fout["loc"]:
        return ""
    onbekend = str(fout["loc"][-1])
    namen = {naam.lower(): naam for naam in veldnamen}
    gelijk = difflib.get_close_matches(onbekend.lower(), namen, n=1, cutoff=0.75)
    return f"onbekend veld — bedoelt u '{namen[gelijk[0]]}'?" if gelijk else ""


def problemen(
    naam: str,
    document: YamlDocument,
    validatie: ValidationError,
    id_bij: Callable[[tuple[str | int, ...]], tuple[str, int]],
    veldnamen: Iterable[str] = (),
) -> list[Probleem]:
    """Every validation error of one file, at its line, once per path.

    `id_bij` gives the id a path belongs to (a rule id, a parameter name) and how many of the
    path's first steps that id stands for; the message names the rest of the path as the
    author wrote it (keys only: the line number already points at the list element).
    `veldnamen` are the known keys, for a suggestion when a key is misspelt.
    """
    uit: list[Probleem] = []
    gezien: set[tuple[str | int, ...]] = set()
    for fout in validatie.errors():
        plek = pad(fout["loc"], modelnamen=True)
        if plek in gezien:  # the alternatives of one union: the first says enough
            continue
        gezien.add(plek)
        id_, gedekt = id_bij(plek)
        rest = ".".join(str(s) for s in plek[gedekt:] if not isinstance(s, int))
        uit.append(
            Probleem(
                naam,
                document.regelnummer_van(plek, sleutel=fout["type"] == "extra_forbidden"),
                id_,
                f"{rest + ': ' if rest else ''}{_bedoeld(fout, veldnamen) or melding(fout)}",
            )
        )
    return uit


def invoerproblemen(fouten: Iterable[Any], voorvoegsel: str = "") -> list[dict[str, str]]:
    """Validation errors of API input as invalidParams: [{name, reason, code}]."""
    uit = []
    for fout in fouten:
        naam = voorvoegsel
        for stap in pad(fout["loc"]):
            naam += f"[{stap}]" if isinstance(stap, int) else (f".{stap}" if naam else str(stap))
        uit.append(
            {"name": naam or "body", "reason": melding(fout, api=True), "code": str(fout["type"])}
        )
    return uit

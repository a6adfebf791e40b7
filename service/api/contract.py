"""The typed contract: per soort, JSON Schemas of `gegevens` and `uitkomst`, from the rule sets.

Nothing here knows a soort by name. The input schema follows a rule set's `invoer`
declaration (the same declaration `service.engine.input` validates with); the output
schema follows its `uitkomst` section, with the type the compiler's type check gave every
name it shows (`GecompileerdeRegelset.typen`). A new rule set (a new soort, or a new
version) gets its schemas by being loaded: no code change.

How values look in JSON (PRODUCT.md): amounts and other decimals are strings with exactly
two decimals in an outcome, and a string or a number in the input; dates `YYYY-MM-DD`; a
termijn as text ("6 weken"); `waarschuwingen` a list of `{code, tekst}`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from service.engine.compiled import ZAAK, GecompileerdeRegelset
from service.engine.input import DATUM_PATROON, MAX_ELEMENTEN
from service.engine.library import Regelbibliotheek
from service.rulefiles.model import Invoerveld, Uitvoerlijst
from service.rulefiles.typen import Type

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
GEEN_STUURTEKENS = r"^[^\x00-\x1f\x7f]*$"
BEDRAG_IN = r"^[0-9]{1,13}(\.[0-9]{1,2})?$"
GETAL_IN = r"^-?[0-9]{1,18}(\.[0-9]{1,18})?$"
TWEE_DECIMALEN = r"^-?[0-9]+\.[0-9]{2}$"


def pascal(soort: str) -> str:
    """`beslagvrije-voet` → `BeslagvrijeVoet` (component names are UpperCamelCase, ADR)."""
    return "".join(deel[:1].upper() + deel[1:] for deel in re.split(r"[^A-Za-z0-9]+", soort))


# ----------------------------------------------------------------------------- input


def _invoerveld(veld: Invoerveld) -> dict[str, Any]:
    """The JSON Schema of one input field, as strict as `engine.input` or stricter."""
    schema: dict[str, Any]
    if veld.type == "tekst":
        schema = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": GEEN_STUURTEKENS}
    elif veld.type == "bedrag":
        schema = {
            "anyOf": [
                {"type": "string", "pattern": BEDRAG_IN},
                {"type": "number", "minimum": 0},
            ],
            "examples": ["1482.38"],
        }
    elif veld.type == "getal":
        schema = {"anyOf": [{"type": "string", "pattern": GETAL_IN}, {"type": "number"}]}
    elif veld.type == "datum":
        schema = {"type": "string", "format": "date", "pattern": DATUM_PATROON}
    elif veld.type == "geheelGetal":
        schema = {"type": "integer"}
    elif veld.type == "jaNee":
        schema = {"type": "boolean"}
    elif veld.type == "keuze":
        schema = {"type": "string", "enum": list(veld.waarden or [])}
    elif veld.type == "object":
        schema = invoer_schema(veld.velden or {}, veld.minstensEenVan)
    else:  # lijst
        schema = {
            "type": "array",
            "minItems": veld.minElementen or 0,
            "maxItems": veld.maxElementen or MAX_ELEMENTEN,
            "items": invoer_schema(veld.velden or {}, veld.minstensEenVan),
        }
    omschrijving = _omschrijving(veld)
    if omschrijving:
        schema["description"] = omschrijving
    if veld.standaard is not None and not veld.alleenBij:
        # Not with alleenBij: generated clients send defaults, and the field is refused
        # where it does not belong (the default applies there only).
        schema["default"] = veld.standaard
    return schema


def _omschrijving(veld: Invoerveld) -> str:
    delen = [veld.omschrijving.strip()] if veld.omschrijving.strip() else []
    for ander, waarden in (veld.alleenBij or {}).items():
        delen.append(f"Alleen bij {ander} {' of '.join(waarden)}.")
    if veld.nietSamenMet:
        delen.append(f"Niet samen met {', '.join(veld.nietSamenMet)}.")
    if veld.standaardVeld:
        delen.append(f"Ontbreekt het, dan geldt {veld.standaardVeld}.")
    if veld.standaard is not None and veld.alleenBij:
        delen.append(f"Standaard: {_als_regeltaal(veld.standaard)}.")
    return " ".join(delen)


def _als_regeltaal(waarde: Any) -> str:
    """A default as the rule language writes it: waar/onwaar, not Python's True/False."""
    if isinstance(waarde, bool):
        return "waar" if waarde else "onwaar"
    return str(waarde)


def invoer_schema(
    velden: dict[str, Invoerveld], minstens_een_van: list[str] | None = None
) -> dict[str, Any]:
    """The schema of one level of `gegevens` (an object; unknown fields are refused)."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {naam: _invoerveld(veld) for naam, veld in velden.items()},
        "additionalProperties": False,
    }
    verplicht = [naam for naam, veld in velden.items() if veld.verplicht]
    if verplicht:
        schema["required"] = verplicht
    if minstens_een_van:
        schema["description"] = f"Geef minstens één van: {', '.join(minstens_een_van)}."
    return schema


# ----------------------------------------------------------------------------- output


def _leeg(schema: dict[str, Any]) -> dict[str, Any]:
    """The same schema, also allowing null (a value the rules did not derive)."""
    soort = schema.get("type")
    if isinstance(soort, str) and "enum" not in schema:
        return {**schema, "type": [soort, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def type_schema(t: Type) -> dict[str, Any]:
    """The JSON Schema of a value of type `t` as the outcome renders it (presentation.json_waarde)."""
    if t.soort in ("bedrag", "getal"):
        return {"type": "string", "pattern": TWEE_DECIMALEN, "examples": ["1482.38"]}
    if t.soort == "geheelGetal":
        return {"type": "integer"}
    if t.soort == "datum":
        return {"type": "string", "format": "date"}
    if t.soort == "termijn":
        return {"type": "string", "examples": ["6 weken"]}
    if t.soort == "jaNee":
        return {"type": "boolean"}
    if t.soort == "tekst":
        return {"type": "string", "enum": sorted(t.keuzes)} if t.keuzes else {"type": "string"}
    if t.soort == "lijst":
        element = t.element
        items = {} if element is None or element.vrij else type_schema(element)
        return {"type": "array", "items": items}
    if t.soort == "record":
        velden = dict(t.velden or ())
        return {
            "type": "object",
            "properties": {n: _leeg(type_schema(v)) for n, v in velden.items()},
            "required": sorted(velden),
        }
    if t.soort == "tabel":
        waarde = t.element
        return {
            "type": "object",
            "additionalProperties": {} if waarde is None or waarde.vrij else type_schema(waarde),
        }
    return {}


WAARSCHUWINGEN = {
    "type": "array",
    "description": "Wat de lezer moet weten (open vraag, onbevestigde kalenderdag); kan leeg zijn.",
    "items": {
        "type": "object",
        "properties": {
            "code": {"type": "string"},
            "tekst": {"type": "string"},
            "betreft": {
                "type": "string",
                "description": "Het element (bv. de vordering) waarover de waarschuwing gaat, "
                "als de uitkomst dat element niet met eigen waarschuwingen toont.",
            },
        },
        "required": ["code", "tekst"],
    },
}


class _Niveau:
    """The names a part of the outcome reads: their types, and which are never null."""

    def __init__(self, regelset: GecompileerdeRegelset, lijst: str | None) -> None:
        self.typen = dict(regelset.typen.get(ZAAK, {}))
        invoer = dict(regelset.invoer)
        if lijst is not None:
            self.typen |= regelset.typen.get(lijst, {})
            invoer = dict(regelset.lijsten.get(lijst, {}))
        self.altijd = {"peildatum"} | {
            veld.intern or naam
            for naam, veld in invoer.items()
            if veld.verplicht or veld.standaard is not None or veld.type == "lijst"
        }

    def schema(self, naam: str) -> dict[str, Any]:
        if naam == "waarschuwingen":
            return WAARSCHUWINGEN
        t = self.typen.get(naam)
        schema = type_schema(t) if t is not None else {}
        return schema if naam in self.altijd or not schema else _leeg(schema)


def _object(velden: dict[str, Any], niveau: _Niveau) -> dict[str, Any]:
    eigenschappen = {
        sleutel: niveau.schema(spec) if isinstance(spec, str) else _object(spec, niveau)
        for sleutel, spec in velden.items()
    }
    return {"type": "object", "properties": eigenschappen, "required": list(eigenschappen)}


def uitkomst_schema(regelset: GecompileerdeRegelset) -> dict[str, Any]:
    """The schema of `uitkomst` for one rule set: every key of its `uitkomst` section."""
    eigenschappen: dict[str, Any] = {}
    zaak = _Niveau(regelset, None)
    for sleutel, spec in regelset.uitkomst.items():
        if isinstance(spec, Uitvoerlijst):
            element = _object(dict(spec.velden), _Niveau(regelset, spec.voorElke))
            eigenschappen[sleutel] = {"type": "array", "items": element}
        elif isinstance(spec, str):
            eigenschappen[sleutel] = zaak.schema(spec)
        else:
            eigenschappen[sleutel] = _object(dict(spec), zaak)
    return {"type": "object", "properties": eigenschappen, "required": list(eigenschappen)}


# ----------------------------------------------------------------------------- per soort


def _een(schemas: Iterable[dict[str, Any]], titel: str) -> dict[str, Any]:
    """One schema for the versions of a soort: the same one, or any of the different ones."""
    verschillend: dict[str, dict[str, Any]] = {}
    for schema in schemas:
        verschillend.setdefault(json.dumps(schema, sort_keys=True), schema)
    if len(verschillend) == 1:
        (enig,) = verschillend.values()
        return {"title": titel, **enig}
    return {"title": titel, "anyOf": list(verschillend.values())}


def contract(bibliotheek: Regelbibliotheek) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Per soort (sorted): the schema of its `gegevens` and of its `uitkomst`.

    A soort with several loaded versions whose schemas differ gets `anyOf` of them (which
    one applies follows from the peildatum).
    """
    uit: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for soort in bibliotheek.soorten:
        versies = sorted(
            (r for r in bibliotheek.regelsets if r.naam == soort), key=lambda r: r.geldig_vanaf
        )
        naam = pascal(soort)
        uit[soort] = (
            _een((invoer_schema(r.invoer) for r in versies), f"{naam}Gegevens"),
            _een((uitkomst_schema(r) for r in versies), f"{naam}Uitkomst"),
        )
    return uit


def als_document(schema: dict[str, Any]) -> dict[str, Any]:
    """A standalone JSON Schema document (2020-12) of a contract schema."""
    return {"$schema": JSON_SCHEMA, **schema}

"""The published OpenAPI document: FastAPI's, made to follow the NL API Design Rules and typed.

What FastAPI does not do by itself, done here once per rule-set generation:
- `servers` names the major version (`/v1`) and the paths are relative to it;
- every error is `application/problem+json` only, and FastAPI's default 422
  (`HTTPValidationError`, which this service never sends: invalid input is a 400) is gone;
- every operation documents 400 (unknown query parameters are refused everywhere), an
  operation with a body also 415;
- every response documents the `API-Version` header;
- `gegevens` and `uitkomst` are typed per soort (`service.api.contract`): the request body
  and every decision are `oneOf` the per-soort shapes, discriminated by `soort`;
- `info.description` lists the soorten of the loaded rule sets.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from service import __version__
from service.api.contract import contract, pascal
from service.engine.library import Regelbibliotheek
from service.herladen.wacht import actuele_omgeving

VERSIEPAD = "/v1"
SCHEMAS = "#/components/schemas/"
PROBLEEM = {"application/problem+json": {"schema": {"$ref": f"{SCHEMAS}Probleem"}}}
STANDAARD_FOUTEN = {
    "400": "Ongeldig verzoek (ook: een onbekende queryparameter); invalidParams noemt elk probleem.",
    "415": "Het verzoek is geen application/json (of een ander type dat deze operatie aanneemt).",
}


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The document for the rule sets loaded now (rebuilt after a reload changes them)."""
    bibliotheek: Regelbibliotheek = actuele_omgeving(app.state).bibliotheek
    sleutel = tuple(sorted(r.hash for r in bibliotheek.regelsets))
    bewaard = getattr(app.state, "openapi_bewaard", None)
    if bewaard is not None and bewaard[0] == sleutel:
        return bewaard[1]  # type: ignore[no-any-return]
    document = get_openapi(
        title=app.title,
        version=app.version,
        description=_beschrijving(app.description, bibliotheek),
        routes=app.routes,
        contact=app.contact,
        license_info=app.license_info,
        servers=[{"url": VERSIEPAD, "description": "Deze service, versie 1 van de API"}],
        tags=app.openapi_tags,
    )
    _onder_versiepad(document)
    _alleen_problemen(document)
    _standaardfouten(document)
    _versieheader(document)
    _getypeerd(document, bibliotheek)
    _nederlands(document)
    app.state.openapi_bewaard = (sleutel, document)
    return document


def _beschrijving(inleiding: str, bibliotheek: Regelbibliotheek) -> str:
    """The introduction and the soorten of the loaded rule sets (a new one appears by itself),
    each with the title of its newest version."""
    titels: dict[str, str] = {}
    for r in sorted(bibliotheek.regelsets, key=lambda r: r.geldig_vanaf):
        titels[r.naam] = r.titel
    soorten = "\n".join(f"- `{naam}`: {titel}" for naam, titel in sorted(titels.items()))
    return f"{inleiding}\n\nSoorten beslissing (`soort`):\n\n{soorten}"


def _operaties(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (methode, operatie)
        for pad in document["paths"].values()
        for methode, operatie in pad.items()
        if methode in ("get", "put", "post", "delete", "patch")
    ]


_STANDAARDTEKSTEN = {"Successful Response": "Gelukt", "Validation Error": "Ongeldig verzoek"}


def _nederlands(document: dict[str, Any]) -> None:
    """FastAPI's own English response descriptions in Dutch, like the rest of the document."""
    for _, operatie in _operaties(document):
        for antwoord in operatie.get("responses", {}).values():
            tekst = antwoord.get("description")
            if tekst in _STANDAARDTEKSTEN:
                antwoord["description"] = _STANDAARDTEKSTEN[tekst]


def _onder_versiepad(document: dict[str, Any]) -> None:
    """Paths relative to the server URL `/v1` (the major version lives in `servers`)."""
    document["paths"] = {
        pad.removeprefix(VERSIEPAD) or "/": inhoud for pad, inhoud in document["paths"].items()
    }


def _alleen_problemen(document: dict[str, Any]) -> None:
    for _, operatie in _operaties(document):
        antwoorden = operatie.get("responses", {})
        for status in list(antwoorden):
            if not status.startswith(("4", "5")):
                continue
            inhoud = antwoorden[status].get("content", {})
            if "application/problem+json" not in inhoud:
                del antwoorden[status]  # FastAPI's HTTPValidationError: never sent
                continue
            antwoorden[status]["content"] = {
                k: v for k, v in inhoud.items() if k == "application/problem+json"
            }
    schemas = document.get("components", {}).get("schemas", {})
    for naam in ("HTTPValidationError", "ValidationError"):
        schemas.pop(naam, None)


def _standaardfouten(document: dict[str, Any]) -> None:
    for _, operatie in _operaties(document):
        antwoorden = operatie.setdefault("responses", {})
        nodig = ["400", "415"] if "requestBody" in operatie else ["400"]
        for status in nodig:
            antwoorden.setdefault(
                status,
                {"description": STANDAARD_FOUTEN[status], "content": copy.deepcopy(PROBLEEM)},
            )
        operatie["responses"] = dict(sorted(antwoorden.items()))


def _versieheader(document: dict[str, Any]) -> None:
    document.setdefault("components", {})["headers"] = {
        "API-Version": {
            "description": "Versie van de API (semver).",
            "schema": {"type": "string", "example": __version__},
        },
    }
    for _, operatie in _operaties(document):
        for antwoord in operatie.get("responses", {}).values():
            antwoord.setdefault("headers", {})["API-Version"] = {
                "$ref": "#/components/headers/API-Version"
            }


def _getypeerd(document: dict[str, Any], bibliotheek: Regelbibliotheek) -> None:
    """`BeslissingVerzoek` and `BeslissingUit` become `oneOf` their per-soort shapes.

    Every reference to them (request body, responses, the page of results) follows.
    """
    schemas = document["components"]["schemas"]
    verzoek, uit = schemas["BeslissingVerzoek"], schemas["BeslissingUit"]
    verzoeken: dict[str, str] = {}
    beslissingen: dict[str, str] = {}
    for soort, (gegevens, uitkomst) in contract(bibliotheek).items():
        naam = pascal(soort)
        schemas[f"{naam}Gegevens"] = gegevens
        schemas[f"{naam}Uitkomst"] = uitkomst
        schemas[f"{naam}BeslissingVerzoek"] = _met(
            verzoek, soort, "gegevens", f"{naam}BeslissingVerzoek", f"{naam}Gegevens"
        )
        schemas[f"{naam}Beslissing"] = _met(
            uit, soort, "uitkomst", f"{naam}Beslissing", f"{naam}Uitkomst"
        )
        verzoeken[soort] = f"{SCHEMAS}{naam}BeslissingVerzoek"
        beslissingen[soort] = f"{SCHEMAS}{naam}Beslissing"
    schemas["BeslissingVerzoek"] = _unie(
        verzoeken, "Verzoek om een beslissing; `soort` kiest de vorm van `gegevens`."
    )
    schemas["BeslissingUit"] = _unie(
        beslissingen, "Een beslissing; `soort` bepaalt de vorm van `uitkomst`."
    )
    document["components"]["schemas"] = dict(sorted(schemas.items()))


def _met(basis: dict[str, Any], soort: str, veld: str, naam: str, ref: str) -> dict[str, Any]:
    """A copy of the generic shape for one soort: `soort` fixed, `veld` typed by `ref`."""
    schema = copy.deepcopy(basis)
    schema["title"] = naam
    schema["properties"]["soort"] = {
        "type": "string",
        "enum": [soort],
        "description": "Soort beslissing.",
    }
    beschrijving = schema["properties"][veld].get("description")
    schema["properties"][veld] = {"$ref": f"{SCHEMAS}{ref}"}
    if beschrijving:
        schema["properties"][veld]["description"] = beschrijving
    return schema


def _unie(per_soort: dict[str, str], beschrijving: str) -> dict[str, Any]:
    return {
        "description": beschrijving,
        "oneOf": [{"$ref": ref} for ref in per_soort.values()],
        "discriminator": {"propertyName": "soort", "mapping": per_soort},
    }

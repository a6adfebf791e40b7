"""A stored decision in the v1 shape (BeslissingUit), rendered once with orjson.

The decision path renders its answer on the CPU thread and sends the bytes as they are:
no pydantic model is built for a response that the service itself assembled, and
FastAPI does not validate it a second time. `tests/api/test_weergave.py` keeps this
output equal to the pydantic model's for every rule test case.
"""

from __future__ import annotations

from typing import Any

import orjson

from service.storage import repository
from service.storage.models import Beoordeling, Beslissing

_OPTIES = orjson.OPT_UTC_Z  # as pydantic writes an aware UTC timestamp: ...Z


def _grondslag(g: dict[str, Any]) -> dict[str, Any]:
    return {
        "regeling": g["regeling"],
        "artikel": g["artikel"],
        "lid": g.get("lid"),
        "url": g.get("url"),
    }


def _reden(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "regel": r["regel"],
        "titel": r["titel"],
        "grondslag": [_grondslag(g) for g in r["grondslag"]],
        "uitleg": r["uitleg"],
        "waarden": r["waarden"],
        "betreft": r.get("betreft"),
        "notitie": r.get("notitie"),
    }


def als_json(b: Beslissing, beoordeling: Beoordeling | None) -> dict[str, Any]:
    """The decision as BeslissingUit's fields (dates and timestamps still Python objects)."""
    mandaat = b.mandaat
    return {
        "id": b.id,
        "soort": b.soort,
        "peildatum": b.peildatum,
        "zaakreferentie": b.zaakreferentie,
        "behandelaar": b.behandelaar,
        "aangemaaktOp": b.aangemaakt_op,
        "uitkomst": b.uitkomst,
        "redenen": [_reden(r) for r in b.redenen],
        "regelset": {"naam": b.regelset_naam, "versie": b.regelset_versie, "hash": b.regelset_hash},
        "mandaat": {
            "vereisteRol": mandaat.get("vereisteRol"),
            "bedrag": mandaat["bedrag"],
            "behandelaarBevoegd": mandaat["behandelaarBevoegd"],
            "looptijdMaanden": mandaat.get("looptijdMaanden"),
            "mandaatregister": mandaat["mandaatregister"],
        },
        "beoordeling": {
            "vereist": b.beoordeling_vereist,
            "reden": b.beoordeling_reden,
            "status": repository.status_van(b, beoordeling),
        },
    }


def als_bytes(b: Beslissing, beoordeling: Beoordeling | None) -> bytes:
    """The JSON body of a decision (POST and GET /v1/beslissingen/{id})."""
    return orjson.dumps(als_json(b, beoordeling), option=_OPTIES)

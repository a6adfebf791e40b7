"""A stored decision in the v1 shape (BeslissingUit), rendered once with orjson.

The decision path renders its answer on the CPU thread and sends the bytes as they are:
no pydantic model is built for a response the service assembled itself, and FastAPI does
not validate it a second time (pydantic's validate-and-dump took four times as long).
The shape follows the response models in `service.api.schemas`, read once at import:
every field in model order, an absent optional field as its default (null), unknown keys
left out, nested models (reasons, legal bases) alike. `tests/api/test_weergave.py` keeps
this output equal to pydantic's for every rule test case.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any

import orjson
from pydantic import BaseModel

from service.api.schemas import MandaatUit, RedenUit
from service.decisions.inzage import Inzage

_OPTIES = orjson.OPT_UTC_Z  # as pydantic writes an aware UTC timestamp: ...Z
_VERPLICHT = object()
Vormer = Callable[[dict[str, Any]], dict[str, Any]]


def _model_in(annotatie: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model inside `M`, `M | None`, `list[M]` or `list[M] | None`; and whether a list."""
    argumenten = typing.get_args(annotatie)
    if typing.get_origin(annotatie) in (typing.Union, types.UnionType):
        andere = [a for a in argumenten if a is not type(None)]
        return _model_in(andere[0]) if len(andere) == 1 else (None, False)
    if typing.get_origin(annotatie) is list and argumenten:
        model, _ = _model_in(argumenten[0])
        return model, model is not None
    if isinstance(annotatie, type) and issubclass(annotatie, BaseModel):
        return annotatie, False
    return None, False


def vormer(model: type[BaseModel]) -> Vormer:
    """A function that puts a dict in `model`'s output shape (no validation, no copy of
    leaf values)."""
    velden: list[tuple[str, Any, Vormer | None, bool]] = []
    for naam, veld in model.model_fields.items():
        genest, lijst = _model_in(veld.annotation)
        standaard = (
            _VERPLICHT if veld.is_required() else veld.get_default(call_default_factory=True)
        )
        velden.append((naam, standaard, vormer(genest) if genest else None, lijst))

    def vorm(waarde: dict[str, Any]) -> dict[str, Any]:
        uit = {}
        for naam, standaard, sub, lijst in velden:
            w = waarde[naam] if standaard is _VERPLICHT else waarde.get(naam, standaard)
            if sub is not None and w is not None:
                w = [sub(x) for x in w] if lijst else sub(w)
            uit[naam] = w
        return uit

    return vorm


_reden = vormer(RedenUit)
_mandaat = vormer(MandaatUit)


def als_json(gelezen: Inzage) -> dict[str, Any]:
    """The decision as BeslissingUit's fields (dates and timestamps still Python objects)."""
    b = gelezen.beslissing
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
        "mandaat": _mandaat(b.mandaat),
        "beoordeling": {
            "vereist": b.beoordeling_vereist,
            "reden": b.beoordeling_reden,
            "status": gelezen.status,
        },
    }


def als_bytes(gelezen: Inzage) -> bytes:
    """The JSON body of a decision (POST and GET /v1/beslissingen/{id})."""
    return orjson.dumps(als_json(gelezen), option=_OPTIES)

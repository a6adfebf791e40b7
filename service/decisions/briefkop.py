"""What every letter reads of its decision: its head, and the claims as they were given."""

from __future__ import annotations

from typing import Any

from service.engine.input import zonder_null
from service.storage.models import Beslissing


def over_de_beslissing(b: Beslissing) -> dict[str, Any]:
    """What every letter says of the decision it comes from (kenmerk, date, rule set)."""
    return {
        "id": b.id,
        "soort": b.soort,
        "zaakreferentie": b.zaakreferentie,
        "peildatum": b.peildatum.isoformat(),
        "behandelaar": b.behandelaar,
        "regelset": f"{b.regelset_naam} {b.regelset_versie}",
    }


def invoer_per_vordering(b: Beslissing) -> dict[str, dict[str, Any]]:
    """The claims of the decision's input by id, without their `null` fields: null means
    "not given" there too (`"regime": null` is the standaard awb, not a regime None)."""
    gegevens = zonder_null(b.gegevens) or {}
    return {str(v.get("id")): v for v in gegevens.get("vorderingen") or []}

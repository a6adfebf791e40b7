"""The head of every letter: which decision it comes from."""

from __future__ import annotations

from typing import Any

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

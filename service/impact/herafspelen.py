"""Replay stored decisions under candidate rules: decide again, compare, count.

The stored decision is the "before": its outcome and the rules that applied, as stored.
The candidate decides from the stored input on the stored peildatum, exactly as the
service would (same validation, same choice of rule set by validity), so a 400 or 422
it would now answer is counted as "no longer decidable", with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from service.decisions.service import evalueer, kies_regelset
from service.engine.library import Regelbibliotheek
from service.errors import ServiceFout
from service.impact.vergelijking import tel_niet_beslisbaar, tel_vergelijking

_POSITIE = re.compile(r"\[\d+\]")
_DATUM = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def reden_van(fout: ServiceFout) -> str:
    """A reason that groups alike cases: dates and list positions are left out."""
    reden = _DATUM.sub("…", fout.detail)
    problemen = fout.extra.get("invalidParams") or []
    if problemen:
        namen = sorted(
            {f"{_POSITIE.sub('[]', str(p.get('name')))}: {p.get('reason')}" for p in problemen}
        )
        reden = f"{reden} {'; '.join(namen)}"
    return reden


class Herafspeler:
    """Replays rows (id, soort, peildatum, gegevens, uitkomst, rule ids) into a Telling."""

    def __init__(self, kandidaat: Regelbibliotheek) -> None:
        self.kandidaat = kandidaat

    def speel(self, rij: Sequence[Any], telling: dict[str, Any]) -> bool:
        """Replay one stored decision; True if its outcome changed."""
        beslissing_id, soort, peildatum, gegevens, uitkomst, voor = rij
        if isinstance(peildatum, str):
            peildatum = dt.date.fromisoformat(peildatum)
        try:
            geladen = kies_regelset(self.kandidaat, soort, peildatum)
            evaluatie = evalueer(geladen, gegevens, peildatum, uitleg=False)
        except ServiceFout as fout:
            tel_niet_beslisbaar(telling, beslissing_id, soort, fout.status, reden_van(fout), voor)
            return False
        except Exception as fout:  # an engine fault must not end the whole analysis
            tel_niet_beslisbaar(
                telling, beslissing_id, soort, 500, f"interne fout ({type(fout).__name__})", voor
            )
            return False
        na = {r["regel"] for r in evaluatie.redenen}
        return tel_vergelijking(
            telling,
            (beslissing_id, soort, peildatum.isoformat()),
            (uitkomst, evaluatie.uitkomst),
            (voor, na),
        )

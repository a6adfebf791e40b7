"""The mededeling beslagvrije voet (Rv 475i lid 2-5; IW 19 lid 9), from a stored decision."""

from __future__ import annotations

from typing import Any

from service.decisions.briefberekening import gebruikte_gegevens, uitleg_in_centen
from service.decisions.briefgrondslag import IW, RV, ref
from service.decisions.briefkop import over_de_beslissing
from service.engine.compiled import GecompileerdeRegelset
from service.errors import NietVerwerkbaar
from service.storage.models import Beslissing


def mededeling_bvv(b: Beslissing, regelset: GecompileerdeRegelset) -> dict[str, Any]:
    """The mededeling of the beslagvrije voet: amount, calculation, data used, 4-week term;
    amounts in euro and cents, the data under their Dutch names (briefberekening)."""
    termijn = regelset.waarde_op("bvvMeldingstermijn", b.peildatum)
    if termijn is None:
        raise NietVerwerkbaar(
            "De regelset kent geen meldingstermijn (bvvMeldingstermijn) op de peildatum."
        )
    u = b.uitkomst
    return {
        "dagtekening": b.peildatum.isoformat(),
        "beslagvrijeVoet": u.get("beslagvrijeVoet"),
        "afloscapaciteit": u.get("afloscapaciteit"),
        "maximumBeslagvrijeVoet": u.get("maximumBeslagvrijeVoet"),
        "verdeling": u.get("verdeling") or [],
        "berekening": [
            {
                "titel": r["titel"],
                "uitleg": uitleg_in_centen(r, regelset),
                "grondslag": r.get("grondslag", []),
            }
            for r in b.redenen
        ],
        "gegevens": gebruikte_gegevens(b.gegevens, regelset.invoer),
        "meldingstermijn": str(termijn),
        "meldingstermijnEinde": (b.peildatum + termijn).isoformat(),
        "grondslag": [
            ref("Wetboek van Burgerlijke Rechtsvordering", "475i", RV),
            ref("Wetboek van Burgerlijke Rechtsvordering", "475da", RV),
            ref("Wetboek van Burgerlijke Rechtsvordering", "475db", RV),
            ref("Wetboek van Burgerlijke Rechtsvordering", "475dc", RV),
            ref("Invorderingswet 1990", "19", IW, "9"),
        ],
        "beslissing": over_de_beslissing(b),
    }

"""Every problem of a decision request at once, also when part of it is already refused.

The envelope (soort, peildatum, behandelaar, …) is checked first and `gegevens` only against
the rule set of the soort; without this module a mistake in the envelope would hide every
mistake in `gegevens`, and a missing behandelaar every other problem. Here the rest of the
request is checked as far as it can be: the behandelaar for this principal, the soort, and
`gegevens` under the rule set valid on the peildatum (today when the peildatum itself is
wrong). Nothing is stored or evaluated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from service.decisions.context import Omgeving
from service.decisions.principals import Principal
from service.decisions.service import kies_regelset, vandaag
from service.decisions.toegang import behandelaar_voor
from service.engine.input import Invoerfout
from service.errors import NietVerwerkbaar, OngeldigVerzoek, Verboden

ALLE_FOUTEN = "Het verzoek bevat fouten; zie invalidParams."


def _datum(waarde: Any) -> dt.date | None:
    if isinstance(waarde, dt.date):
        return waarde
    if isinstance(waarde, str) and len(waarde) == 10:
        try:
            return dt.date.fromisoformat(waarde)
        except ValueError:
            return None
    return None


def _behandelaar(omgeving: Omgeving, principal: Principal, gevraagd: Any) -> list[dict[str, str]]:
    try:
        behandelaar_voor(principal, gevraagd or None, omgeving.principals)
    except OngeldigVerzoek as fout:
        return list(fout.extra.get("invalidParams", []))
    except Verboden:  # not a problem of the input: the 403 follows once the input is right
        return []
    return []


def verzoekproblemen(
    omgeving: Omgeving,
    principal: Principal | None,
    verzoek: Mapping[str, Any],
    al_gemeld: Collection[str] = (),
) -> list[dict[str, str]]:
    """The problems of a request (its JSON object) besides `al_gemeld`, as invalidParams.

    `al_gemeld`: the top-level fields already reported (their own values are not checked
    again). `principal`: check the behandelaar for it; None when that is done already.
    """
    uit: list[dict[str, str]] = []
    if principal is not None and "behandelaar" not in al_gemeld:
        gevraagd = verzoek.get("behandelaar")
        uit += _behandelaar(omgeving, principal, gevraagd if isinstance(gevraagd, str) else None)
    soort = verzoek.get("soort")
    if not isinstance(soort, str) or "soort" in al_gemeld:
        return uit
    peildatum = None if "peildatum" in al_gemeld else _datum(verzoek.get("peildatum"))
    try:
        geladen = kies_regelset(omgeving.bibliotheek, soort, peildatum or vandaag())
    except OngeldigVerzoek as fout:  # an unknown soort
        return uit + list(fout.extra.get("invalidParams", []))
    except NietVerwerkbaar:  # no version on that date: that answer comes once the rest is right
        return uit
    gegevens = verzoek.get("gegevens")
    if isinstance(gegevens, dict) and "gegevens" not in al_gemeld:
        try:
            geladen.invoer.lees(gegevens)
        except Invoerfout as fout:
            uit += fout.problemen
    return uit


def met_alle_problemen(
    fout: OngeldigVerzoek, omgeving: Omgeving, verzoek: Mapping[str, Any]
) -> OngeldigVerzoek:
    """`fout` (a refused behandelaar) with the problems of soort and gegevens added."""
    extra = verzoekproblemen(omgeving, None, verzoek, ("behandelaar",))
    if not extra:
        return fout
    eerder = list(fout.extra.get("invalidParams", []))
    return OngeldigVerzoek(ALLE_FOUTEN, invalidParams=eerder + extra)

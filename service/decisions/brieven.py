"""Letters to the debtor from a stored decision: aanmaning, dwangbevel, mededeling bvv.

This service decides *whether* a letter may be made and gathers *what* it says: the
decision (read through `inzage`, so access is decided by `toegang` and the read is audited),
its amounts, the terms from the rule set's parameters (never from a template) and the legal
references. Rendering to HTML or PDF is done above this layer (`service.documenten`).

A letter exists only for a decision that needs no review or was approved (409 otherwise),
and only where the decision supports it (404 otherwise):
- aanmaning: a `termijnen` decision with a claim whose next step is an aanmaning, or a
  `verschuldigd-bedrag` decision with an aanmaning in its input (that aanmaning's costs);
- dwangbevel: a `termijnen` decision whose next step is a dwangbevel, or a
  `verschuldigd-bedrag` decision past the aanmaningstermijn;
- mededeling-beslagvrije-voet: a `beslagvrije-voet` decision.
The amounts of a `verschuldigd-bedrag` decision can be added to a `termijnen` letter with
`bedragen` (its id).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from service.decisions import inzage
from service.decisions.briefinhoud import (
    aanmaning_uit_termijnen,
    aanmaning_uit_verschuldigd,
    dwangbevel_uit_termijnen,
    dwangbevel_uit_verschuldigd,
)
from service.decisions.briefmededeling import mededeling_bvv
from service.decisions.briefsamenhang import passende_bedragen
from service.decisions.context import Omgeving
from service.decisions.inzage import Inzage
from service.decisions.principals import Principal
from service.engine.compiled import GecompileerdeRegelset
from service.errors import Conflict, NietGevonden, NietVerwerkbaar, OngeldigVerzoek
from service.storage.models import Beslissing

DOCUMENTEN = ("aanmaning", "dwangbevel", "mededeling-beslagvrije-voet")
UITGEGEVEN = ("nietVereist", "goedgekeurd")


@dataclass(frozen=True)
class Brief:
    """A letter's content: `naam` is its template, `inhoud` everything it shows."""

    naam: str
    titel: str
    inhoud: dict[str, Any]


def _uitgegeven(gelezen: Inzage) -> None:
    if gelezen.status not in UITGEGEVEN:
        uitleg = {
            "open": "wacht nog op collegiale toets",
            "afgekeurd": "is bij de collegiale toets afgekeurd",
        }.get(gelezen.status, f"heeft status {gelezen.status}")
        raise Conflict(f"Geen brief: de beslissing {uitleg}.")


def regelset_van(omgeving: Omgeving, gelezen: Inzage) -> GecompileerdeRegelset:
    """The rule set the decision was taken with (its parameters give the letter's terms)."""
    b = gelezen.beslissing
    geladen = omgeving.bibliotheek.op_hash(b.soort, b.regelset_hash)
    if geladen is None:
        geladen = omgeving.bibliotheek.voor(b.soort, b.peildatum)
    return geladen.regelset


def _bedragen(
    omgeving: Omgeving, sessie: Session, principal: Principal, bedragen_id: str | None
) -> Inzage | None:
    """The verschuldigd-bedrag decision whose amounts go into a termijnen letter."""
    if bedragen_id is None:
        return None
    gelezen = inzage.lees(omgeving, sessie, principal, bedragen_id, "Bedragen voor een brief")
    if gelezen.beslissing.soort != "verschuldigd-bedrag":
        raise OngeldigVerzoek(
            "'bedragen' moet een beslissing van soort verschuldigd-bedrag zijn.",
            invalidParams=[
                {"name": "bedragen", "reason": "geen verschuldigd-bedrag", "code": "soort"}
            ],
        )
    _uitgegeven(gelezen)
    return gelezen


def beschikbare(omgeving: Omgeving, gelezen: Inzage) -> list[str]:
    """The letters this decision gives as it is, without `bedragen` (links in the werkbank):
    each one is made and dropped when it would be refused (404 or 409)."""
    if gelezen.status not in UITGEGEVEN:
        return []
    regelset = regelset_van(omgeving, gelezen)
    kunnen = []
    for naam in DOCUMENTEN:
        try:
            _inhoud(naam, gelezen.beslissing, regelset, None)
        except (NietGevonden, Conflict, NietVerwerkbaar):
            continue
        kunnen.append(naam)
    return kunnen


def met_bedragen(gelezen: Inzage) -> list[str]:
    """The letters of a termijnen decision that can take the amounts of a verschuldigd-bedrag
    decision (`bedragen`): those whose act is the next step of a claim (a tax or toeslag
    letter needs them)."""
    b = gelezen.beslissing
    if gelezen.status not in UITGEGEVEN or b.soort != "termijnen":
        return []
    acties = {v.get("volgendeStap", {}).get("actie") for v in b.uitkomst.get("vorderingen", [])}
    return [n for n in ("aanmaning", "dwangbevel") if n in acties]


def _inhoud(
    naam: str,
    b: Beslissing,
    regelset: GecompileerdeRegelset,
    bedragen: dict[str, dict[str, Any]] | None,
) -> Brief:
    if naam == "mededeling-beslagvrije-voet" and b.soort == "beslagvrije-voet":
        return Brief(naam, "Mededeling beslagvrije voet", mededeling_bvv(b, regelset))
    if naam == "aanmaning" and b.soort == "termijnen":
        return Brief(naam, "Aanmaning", aanmaning_uit_termijnen(b, regelset, bedragen))
    if naam == "aanmaning" and b.soort == "verschuldigd-bedrag":
        return Brief(naam, "Aanmaning", aanmaning_uit_verschuldigd(b, regelset))
    if naam == "dwangbevel" and b.soort == "termijnen":
        return Brief(naam, "Dwangbevel", dwangbevel_uit_termijnen(b, bedragen))
    if naam == "dwangbevel" and b.soort == "verschuldigd-bedrag":
        return Brief(naam, "Dwangbevel", dwangbevel_uit_verschuldigd(b))
    raise NietGevonden(f"Een beslissing van soort {b.soort} geeft geen {naam}.")


def brief(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    beslissing_id: str,
    naam: str,
    bedragen_id: str | None = None,
) -> Brief:
    """The content of letter `naam` for a decision the principal may see.

    Raises NietGevonden (404: no such decision or letter), Verboden (403), Conflict (409:
    the decision awaits review or was rejected, or the amounts of `bedragen` belong to
    another case, day or claim) and OngeldigVerzoek (400: `bedragen` is no
    verschuldigd-bedrag decision, or the letter is not from a termijnen decision).
    """
    if naam not in DOCUMENTEN:
        raise NietGevonden(f"Onbekend document '{naam}'; kies uit {', '.join(DOCUMENTEN)}.")
    gelezen = inzage.lees(omgeving, sessie, principal, beslissing_id, f"Document {naam} opgemaakt")
    _uitgegeven(gelezen)
    b = gelezen.beslissing
    regelset = regelset_van(omgeving, gelezen)
    gelezen_bedragen = _bedragen(omgeving, sessie, principal, bedragen_id)
    bedragen = None
    if gelezen_bedragen is not None:
        if b.soort != "termijnen":
            raise OngeldigVerzoek(
                f"'bedragen' hoort bij een brief uit een termijnen-beslissing; een beslissing "
                f"van soort {b.soort} brengt haar eigen bedragen mee.",
                invalidParams=[
                    {"name": "bedragen", "reason": "alleen bij termijnen", "code": "soort"}
                ],
            )
        bedragen = passende_bedragen(b, gelezen_bedragen.beslissing, naam)
    return _inhoud(naam, b, regelset, bedragen)

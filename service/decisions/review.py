"""Collegial review (four eyes): another person, with at least the required mandate role."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Literal

from sqlmodel import Session

from service.decisions.context import Omgeving, auditrecord
from service.decisions.principals import Principal
from service.errors import Conflict, NietGevonden, OngeldigVerzoek, ServiceFout, Verboden
from service.storage import repository
from service.storage.models import Beoordeling, Beslissing, nu

Oordeel = Literal["akkoord", "afgekeurd"]


def zichtbare_beslissing(
    omgeving: Omgeving, sessie: Session, principal: Principal, beslissing_id: str, actie: str
) -> Beslissing:
    """The decision if it exists and the principal may see it (a refusal is audited)."""
    beslissing = repository.haal(sessie, beslissing_id)
    if beslissing is None:
        raise NietGevonden(f"Beslissing {beslissing_id} bestaat niet.")
    if not repository.mag_zien(beslissing, omgeving.zichtbaarheid(principal)):
        repository.bewaar(
            sessie, auditrecord(principal, actie, "Geweigerd: buiten mandaat", 403, beslissing.id)
        )
        raise Verboden("Deze beslissing valt buiten uw mandaat.")
    return beslissing


def _controleer(
    omgeving: Omgeving,
    principal: Principal,
    beslissing: Beslissing,
    beoordeling: Beoordeling | None,
    oordeel: Oordeel,
    toelichting: str | None,
) -> None:
    if principal.rol != "medewerker":
        raise Verboden("Alleen medewerkers met mandaat beoordelen beslissingen.")
    if not beslissing.beoordeling_vereist or beoordeling is not None:
        status = repository.status_van(beslissing, beoordeling)
        raise Conflict(f"Deze beslissing wacht niet op een beoordeling (status: {status}).")
    if principal.id in (beslissing.behandelaar, beslissing.aangemaakt_door):
        raise Verboden("Niemand beoordeelt zijn eigen beslissing (vier ogen).")
    vereist = beslissing.vereiste_rol
    if vereist is None:
        raise Verboden(
            "Geen rol in het mandaatregister dekt dit bedrag: escaleren buiten de service."
        )
    if omgeving.register.rang(principal.mandaatrol) < omgeving.register.rang(vereist):
        raise Verboden(f"Voor deze beslissing is ten minste de rol {vereist} nodig.")
    if oordeel == "afgekeurd" and not (toelichting or "").strip():
        raise OngeldigVerzoek(
            "Een afkeuring heeft een toelichting nodig.",
            invalidParams=[
                {"name": "toelichting", "reason": "verplicht bij afgekeurd", "code": "missing"}
            ],
        )


def beoordeel(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    beslissing_id: str,
    oordeel: Oordeel,
    toelichting: str | None,
) -> Beoordeling:
    """Record a verdict; exactly one verdict per decision counts (a unique constraint)."""
    beslissing = zichtbare_beslissing(omgeving, sessie, principal, beslissing_id, "beoordelen")
    huidig = repository.beoordeling_van(sessie, beslissing.id)
    try:
        _controleer(omgeving, principal, beslissing, huidig, oordeel, toelichting)
    except ServiceFout as fout:
        repository.bewaar(
            sessie,
            auditrecord(
                principal, "beoordelen", f"Geweigerd: {fout.detail}", fout.status, beslissing.id
            ),
        )
        raise
    beoordeling = Beoordeling(
        id=str(uuid.uuid4()),
        beslissing_id=beslissing.id,
        oordeel=oordeel,
        toelichting=(toelichting or "").strip() or None,
        beoordelaar=principal.id,
        beoordelaar_rol=principal.mandaatrol,
        beoordeeld_op=nu(),
    )
    nieuwe_status = repository.status_van(beslissing, beoordeling)
    audit = auditrecord(
        principal,
        "beoordelen",
        f"Beoordeeld: {oordeel}",
        201,
        beslissing.id,
        oud={"status": "open"},
        nieuw={"status": nieuwe_status},
    )
    if not repository.bewaar(sessie, beoordeling, audit):
        repository.bewaar(
            sessie,
            auditrecord(
                principal,
                "beoordelen",
                "Geweigerd: een ander oordeel was eerder",
                409,
                beslissing.id,
            ),
        )
        raise Conflict("Een andere beoordelaar was net eerder; deze beslissing is al beoordeeld.")
    return beoordeling


def beoordelingen(
    omgeving: Omgeving, sessie: Session, principal: Principal, beslissing_id: str
) -> Sequence[Beoordeling]:
    beslissing = zichtbare_beslissing(omgeving, sessie, principal, beslissing_id, "lezen")
    huidig = repository.beoordeling_van(sessie, beslissing.id)
    return [huidig] if huidig else []

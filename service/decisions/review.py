"""Collegial review (four eyes): another person, with at least the required mandate role."""

from __future__ import annotations

import uuid
from typing import Literal

from sqlmodel import Session

from service.decisions import toegang
from service.decisions.abonnementen import bij_einde_beoordeling
from service.decisions.audit import auditrecord
from service.decisions.context import Omgeving
from service.decisions.inzage import verwerking, zichtbare_beslissing
from service.decisions.principals import Principal
from service.errors import Conflict, OngeldigVerzoek, ServiceFout
from service.storage import repository
from service.storage.models import Beoordeling, Beslissing, nu
from service.zgw.bezorging import wek

Oordeel = Literal["akkoord", "afgekeurd"]


def _controleer(
    omgeving: Omgeving,
    principal: Principal,
    beslissing: Beslissing,
    beoordeling: Beoordeling | None,
    oordeel: Oordeel,
    toelichting: str | None,
) -> None:
    bezwaar = toegang.beoordelingsbezwaar(omgeving.register, principal, beslissing, beoordeling)
    if bezwaar is not None:
        raise bezwaar
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
    """Record a verdict; exactly one verdict per decision counts (a unique constraint).

    Who may give it is `toegang.beoordelingsbezwaar`; a rejection needs a toelichting
    (OngeldigVerzoek, 400). Every refusal is audited. Raises 403, 404, 409 as ServiceFout.
    """
    with verwerking(omgeving, principal, "Beslissing beoordelen") as v:
        beslissing = zichtbare_beslissing(
            omgeving, sessie, principal, beslissing_id, "beoordelen", v
        )
        return _beoordeel(omgeving, sessie, principal, beslissing, oordeel, toelichting)


def _beoordeel(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    beslissing: Beslissing,
    oordeel: Oordeel,
    toelichting: str | None,
) -> Beoordeling:
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
    # The notifications go in the same transaction as the verdict (an outbox): never one
    # without the other, and delivered after the commit, off the request path.
    uitgaand = bij_einde_beoordeling(omgeving, sessie, beslissing, beoordeling)
    if not repository.bewaar(sessie, beoordeling, audit, *uitgaand):
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
    if uitgaand:
        wek()
    return beoordeling

"""Subscriptions to notifications (after the ZGW Notificaties API) and the notifications a
finished review puts in the outbox.

A subscriber gets notifications only about decisions it may see (`toegang.mag_zien` of the
subscribing principal, judged when the notification is made), and manages only its own
subscriptions.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from service.decisions import toegang
from service.decisions.context import Omgeving
from service.decisions.principals import Principal
from service.errors import NietGevonden, OngeldigVerzoek
from service.storage import notificaties as opslag
from service.storage import repository
from service.storage.models import Abonnement, Beoordeling, Beslissing, Notificatiebezorging
from service.zgw.notificatie import FILTERBAAR, KANAAL, einde_beoordeling, nieuw_geheim, past


def _controleer_kanalen(kanalen: list[dict[str, Any]]) -> None:
    problemen = []
    for i, kanaal in enumerate(kanalen):
        if kanaal.get("naam") != KANAAL:
            problemen.append(
                {"name": f"kanalen[{i}].naam", "reason": f"kies uit: {KANAAL}", "code": "enum"}
            )
        for sleutel in kanaal.get("filters") or {}:
            if sleutel not in FILTERBAAR:
                problemen.append(
                    {
                        "name": f"kanalen[{i}].filters.{sleutel}",
                        "reason": f"kies uit: {', '.join(FILTERBAAR)}",
                        "code": "enum",
                    }
                )
    if problemen:
        raise OngeldigVerzoek(
            "De kanalen zijn niet geldig; zie invalidParams.", invalidParams=problemen
        )


def maak(
    sessie: Session,
    principal: Principal,
    callback_url: str,
    auth: str | None,
    kanalen: list[dict[str, Any]],
) -> Abonnement:
    """A new subscription of `principal`, with a fresh signing secret (returned once)."""
    _controleer_kanalen(kanalen)
    abonnement = Abonnement(
        id=str(uuid.uuid4()),
        eigenaar=principal.id,
        callback_url=callback_url,
        auth=auth,
        geheim=nieuw_geheim(),
        kanalen=kanalen,
    )
    repository.bewaar(sessie, abonnement)
    return abonnement


def eigen(sessie: Session, principal: Principal) -> Sequence[Abonnement]:
    return opslag.abonnementen(sessie, principal.id)


def haal(sessie: Session, principal: Principal, abonnement_id: str) -> Abonnement:
    """One of the principal's own subscriptions (another's is as if it did not exist: 404)."""
    abonnement = opslag.abonnement(sessie, abonnement_id)
    if abonnement is None or abonnement.eigenaar != principal.id:
        raise NietGevonden(f"Abonnement {abonnement_id} bestaat niet.")
    return abonnement


def verwijder(sessie: Session, principal: Principal, abonnement_id: str) -> None:
    haal(sessie, principal, abonnement_id)
    opslag.verwijder_abonnement(sessie, abonnement_id)


def bij_einde_beoordeling(
    omgeving: Omgeving, sessie: Session, beslissing: Beslissing, beoordeling: Beoordeling
) -> list[Notificatiebezorging]:
    """The outbox rows for a finished review: one per subscription that wants it and whose
    owner may see the decision. Stored with the verdict, delivered in the background."""
    status = repository.status_van(beslissing, beoordeling)
    inhoud, kenmerken = einde_beoordeling(
        omgeving.publieke_url,
        beslissing.id,
        beoordeling.id,
        beslissing.soort,
        status,
        beslissing.zaakreferentie,
        beoordeling.beoordeeld_op,
    )
    rijen = []
    for abonnement in opslag.abonnementen(sessie):
        eigenaar = omgeving.principals.op_id(abonnement.eigenaar)
        if eigenaar is None or not past(abonnement.kanalen, KANAAL, kenmerken):
            continue
        if not toegang.mag_zien(omgeving.register, eigenaar, beslissing):
            continue
        rijen.append(
            Notificatiebezorging(id=str(uuid.uuid4()), abonnement_id=abonnement.id, inhoud=inhoud)
        )
    return rijen

"""A decision as a ZGW `besluit`, for the case system to register on its zaak.

Only a decision that is final: it needed no review, or it was approved. An open or
rejected decision is no besluit yet (409). The read is audited and logged like any read.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from service.decisions.audit import auditrecord
from service.decisions.context import Omgeving
from service.decisions.inzage import verwerking, zichtbare_beslissing
from service.decisions.principals import Principal
from service.errors import Conflict, NietVerwerkbaar
from service.storage import repository
from service.zgw.besluit import als_besluit


def zgw_besluit(
    omgeving: Omgeving, sessie: Session, principal: Principal, beslissing_id: str
) -> dict[str, Any]:
    """The Besluiten API `besluit` of a final decision.

    Raises NietGevonden (404), Verboden (403), Conflict (409: awaiting review or rejected)
    and NietVerwerkbaar (422: the organisation file has no besluittype for this soort).
    """
    with verwerking(omgeving, principal, "ZGW-besluit opstellen") as v:
        beslissing = zichtbare_beslissing(omgeving, sessie, principal, beslissing_id, "lezen", v)
        beoordeling = repository.beoordeling_van(sessie, beslissing.id)
        status = repository.status_van(beslissing, beoordeling)
        if status not in ("nietVereist", "goedgekeurd"):
            raise Conflict(
                f"Alleen een definitieve beslissing is een besluit; deze is {status} "
                "(wacht op of kreeg een afkeuring bij de collegiale toets)."
            )
        besluittype = omgeving.organisatie.zgw.besluittypen.get(beslissing.soort)
        if besluittype is None:
            raise NietVerwerkbaar(
                f"Het organisatiebestand noemt geen besluittype voor soort {beslissing.soort}."
            )
        goedgekeurd = (
            (beoordeling.beoordelaar, beoordeling.beoordeeld_op)
            if beoordeling is not None and status == "goedgekeurd"
            else None
        )
        besluit = als_besluit(beslissing, str(besluittype), omgeving.organisatie, goedgekeurd)
        repository.bewaar(
            sessie, auditrecord(principal, "lezen", "ZGW-besluit opgesteld", 200, beslissing.id)
        )
        return besluit

"""A decision: case input, outcome, reasons with their legal basis, mandate, rule-set
version, the review form (only for who may review it) and the audit trail."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Path, Request
from sqlmodel import Session
from starlette.responses import RedirectResponse, Response

from service.decisions import brieven, inzage, toegang
from service.decisions.context import Omgeving
from service.decisions.principals import Principal
from service.decisions.review import beoordeel
from service.errors import OngeldigVerzoek, ServiceFout
from service.werkbank.afhankelijkheden import CsrfGecontroleerd, Ingelogd, OmgevingDep, SessieDep
from service.werkbank.weergave import meld, toon

router = APIRouter()
# The same ids as the API accepts (service.api.schemas.ID_PATROON).
BeslissingId = Annotated[str, Path(pattern=r"^[A-Za-z0-9._-]{1,64}$")]
# Texts never hold control characters (PostgreSQL refuses NUL); as the API's `Tekst`.
GEEN_STUURTEKENS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def waarschuwingen(uitkomst: Any, betreft: str | None = None) -> list[tuple[str | None, Any]]:
    """Every `waarschuwingen` entry anywhere in an outcome, with the id of its claim."""
    gevonden: list[tuple[str | None, Any]] = []
    if isinstance(uitkomst, dict):
        eigen_id = uitkomst.get("id", betreft)
        for sleutel, waarde in uitkomst.items():
            if sleutel == "waarschuwingen" and isinstance(waarde, list):
                gevonden += [
                    (w.get("betreft", eigen_id) if isinstance(w, dict) else eigen_id, w)
                    for w in waarde
                ]
            else:
                gevonden += waarschuwingen(waarde, eigen_id)
    elif isinstance(uitkomst, list):
        for element in uitkomst:
            gevonden += waarschuwingen(element, betreft)
    return gevonden


def _pagina(
    request: Request,
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    beslissing_id: str,
    status_code: int = 200,
    fout: ServiceFout | None = None,
    toelichting: str = "",
) -> Response:
    gelezen = inzage.lees(omgeving, sessie, principal, beslissing_id, "Gelezen in de werkbank")
    bezwaar = toegang.beoordelingsbezwaar(
        omgeving.register, principal, gelezen.beslissing, gelezen.beoordeling
    )
    return toon(
        request,
        "beslissing.html",
        status_code=status_code,
        b=gelezen.beslissing,
        beoordeling=gelezen.beoordeling,
        status=gelezen.status,
        bezwaar=bezwaar,
        fout=fout,
        toelichting_fout=isinstance(fout, OngeldigVerzoek),
        toelichting=toelichting,
        waarschuwingen=waarschuwingen(gelezen.beslissing.uitkomst),
        notities=[
            (r["regel"], r["notitie"]) for r in gelezen.beslissing.redenen if r.get("notitie")
        ],
        audittrail=inzage.audittrail(omgeving, sessie, principal, beslissing_id),
        brieven=brieven.beschikbare(omgeving, gelezen),
        met_bedragen=brieven.met_bedragen(gelezen),
    )


@router.get("/beslissingen/{beslissing_id}", name="beslissing")
async def beslissing(
    request: Request,
    beslissing_id: BeslissingId,
    principal: Ingelogd,
    sessie: SessieDep,
    omgeving: OmgevingDep,
) -> Response:
    """The decision page; 403/404 as the API when the person may not see it."""
    return _pagina(request, omgeving, sessie, principal, beslissing_id)


@router.post(
    "/beslissingen/{beslissing_id}/beoordeling",
    name="beoordeel",
    dependencies=[CsrfGecontroleerd],
)
async def post_beoordeling(
    request: Request,
    beslissing_id: BeslissingId,
    principal: Ingelogd,
    sessie: SessieDep,
    omgeving: OmgevingDep,
    oordeel: Annotated[Literal["akkoord", "afgekeurd"], Form()],
    toelichting: Annotated[str, Form(max_length=4000, pattern=GEEN_STUURTEKENS)] = "",
) -> Response:
    """Akkoord / Afkeuren: the same service (and rules) as POST /v1/…/beoordelingen.

    Success: back to the decision with a confirmation. Refused (400 no toelichting for a
    rejection, 403, 409): the decision again, with the reason and the status code.
    """
    try:
        beoordeel(omgeving, sessie, principal, beslissing_id, oordeel, toelichting)
    except ServiceFout as fout:
        if fout.status == 404:
            raise
        return _pagina(
            request, omgeving, sessie, principal, beslissing_id, fout.status, fout, toelichting
        )
    meld(
        request,
        "Uw oordeel is vastgelegd: " + ("akkoord." if oordeel == "akkoord" else "afgekeurd."),
    )
    return RedirectResponse(request.url_for("beslissing", beslissing_id=beslissing_id).path, 303)

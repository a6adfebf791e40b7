"""/v1/beslissingen/{id}/documenten/{naam}: a letter from a decision, as HTML or PDF."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query, Request
from starlette.responses import Response

from service.api.dependencies import BeslissingIdPad, OmgevingDep, SessionDep
from service.api.problems import fouten
from service.api.schemas import ID_PATROON
from service.api.security import PrincipalDep
from service.decisions import brieven
from service.documenten import Opmaak
from service.errors import NietAanvaardbaar

router = APIRouter(prefix="/beslissingen", tags=["documenten"])
HTML, PDF = "text/html", "application/pdf"
Documentnaam = Literal["aanmaning", "dwangbevel", "mededeling-beslagvrije-voet"]


def onderhandel(accept: str | None) -> str:
    """text/html or application/pdf from an Accept header (none or */*: HTML); else 406."""
    if not accept:
        return HTML
    keuzes = []
    for i, deel in enumerate(accept.split(",")):
        type_, *parameters = (p.strip() for p in deel.split(";"))
        q = 1.0
        for p in parameters:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        keuzes.append((-q, i, type_.lower()))
    for min_q, _, type_ in sorted(keuzes):
        if min_q >= 0:
            continue
        if type_ in (HTML, "text/*", "*/*"):
            return HTML
        if type_ in (PDF, "application/*"):
            return PDF
    raise NietAanvaardbaar(f"Dit document is er als {HTML} of {PDF}.")


@router.get(
    "/{beslissingId}/documenten/{naam}",
    operation_id="haalDocument",
    summary="Een brief bij een beslissing: aanmaning, dwangbevel of mededeling beslagvrije voet",
    description=(
        "Kies met de Accept-header tussen text/html en application/pdf. Alleen voor een "
        "beslissing zonder collegiale toets of die is goedgekeurd (anders 409). Met "
        "`bedragen` (het id van een beslissing verschuldigd-bedrag) krijgt een aanmaning of "
        "dwangbevel bij een termijnen-beslissing de rente en kosten; die beslissing moet "
        "dezelfde vorderingen (regime, datum, bedrag) en zaak hebben en berekend zijn op de "
        "peildatum van de termijnen-beslissing (anders 409 met elk verschil in `verschillen`)."
    ),
    response_class=Response,
    responses={
        200: {
            "description": "De brief.",
            "content": {
                HTML: {"schema": {"type": "string"}},
                PDF: {"schema": {"type": "string", "format": "binary"}},
            },
        },
        **fouten(
            400,
            401,
            403,
            404,
            406,
            409,
            422,
            500,
            anders={
                409: "Geen brief: de beslissing wacht op collegiale toets of is afgekeurd, de "
                "bedragen van `bedragen` passen niet bij de brief (`verschillen` noemt elk "
                "verschil), of een bedrag of handeling die de brief noemt ontbreekt.",
            },
        ),
    },
)
async def document(
    beslissingId: BeslissingIdPad,
    naam: Annotated[Documentnaam, Path(description="Welke brief.")],
    principal: PrincipalDep,
    sessie: SessionDep,
    omgeving: OmgevingDep,
    request: Request,
    bedragen: Annotated[
        str | None,
        Query(pattern=ID_PATROON, description="Id van een beslissing verschuldigd-bedrag."),
    ] = None,
    accept: Annotated[str | None, Header(max_length=500)] = None,
) -> Response:
    mediatype = onderhandel(accept)
    brief = brieven.brief(omgeving, sessie, principal, beslissingId, naam, bedragen)
    sessie.close()  # its connection back to the pool before the letter waits for its PDF
    opmaak = Opmaak(request.app.state.regelmap / "brieven")
    if mediatype == PDF:
        return Response(
            await opmaak.pdf(brief),
            media_type=PDF,
            headers={"Content-Disposition": f'inline; filename="{naam}-{beslissingId}.pdf"'},
        )
    return Response(opmaak.html(brief), media_type=f"{HTML}; charset=utf-8")

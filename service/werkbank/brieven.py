"""Letters in the werkbank: the same letter as the API gives, as a page or a PDF.

The content and every check (access through `toegang`, review status 409, whether the
decision gives this letter) come from `service.decisions.brieven`; the layout from the
templates in rules/brieven/. The style sheet is served as a file, because the werkbank's
Content-Security-Policy allows no inline styles.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from service.decisions import brieven
from service.documenten import Opmaak
from service.werkbank.afhankelijkheden import Ingelogd, OmgevingDep, SessieDep
from service.werkbank.beslissing import BeslissingId

router = APIRouter()
Documentnaam = Literal["aanmaning", "dwangbevel", "mededeling-beslagvrije-voet"]


def _opmaak(request: Request) -> Opmaak:
    return Opmaak(request.app.state.regelmap / "brieven")


@router.get("/brieven/brief.css", name="briefstijl")
async def stijl(request: Request, _principal: Ingelogd) -> Response:
    return Response(_opmaak(request).stijl(), media_type="text/css; charset=utf-8")


@router.get("/beslissingen/{beslissing_id}/documenten/{naam}", name="brief")
async def brief(
    request: Request,
    beslissing_id: BeslissingId,
    naam: Annotated[Documentnaam, Path()],
    principal: Ingelogd,
    sessie: SessieDep,
    omgeving: OmgevingDep,
    formaat: Annotated[Literal["html", "pdf"], Query()] = "html",
    bedragen: Annotated[str | None, Query(max_length=64, pattern=r"^[0-9a-fA-F-]*$")] = None,
) -> Response:
    """The letter as a page (or PDF), with the amounts of `bedragen` (the id of a
    verschuldigd-bedrag decision) when given; 400/403/404/409 as the API."""
    inhoud = brieven.brief(omgeving, sessie, principal, beslissing_id, naam, bedragen or None)
    sessie.close()  # its connection back to the pool before the letter waits for its PDF
    opmaak = _opmaak(request)
    if formaat == "pdf":
        return Response(
            await opmaak.pdf(inhoud),
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{naam}-{beslissing_id}.pdf"'},
        )
    stijl_url = request.url_for("briefstijl").path
    return Response(opmaak.html(inhoud, stijl_url), media_type="text/html; charset=utf-8")

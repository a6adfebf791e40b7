"""'Mijn beslissingen': the decisions this person handles (a system: requested), with their
review status, newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from service.decisions import inzage
from service.werkbank.afhankelijkheden import Ingelogd, OmgevingDep, SessieDep
from service.werkbank.weergave import toon

router = APIRouter()
PAGINAGROOTTE = 25


@router.get("/mijn-beslissingen", name="mijn_beslissingen")
async def mijn_beslissingen(
    request: Request,
    principal: Ingelogd,
    sessie: SessieDep,
    omgeving: OmgevingDep,
    status: Annotated[inzage.Status | None, Query()] = None,
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    rijen, totaal = inzage.zoek(
        omgeving,
        sessie,
        principal,
        status=status,
        alleen_eigen=True,
        offset=(pagina - 1) * PAGINAGROOTTE,
        limit=PAGINAGROOTTE,
    )
    return toon(
        request,
        "mijn.html",
        rijen=rijen,
        totaal=totaal,
        pagina=pagina,
        paginas=max(1, -(-totaal // PAGINAGROOTTE)),
        status=status,
    )

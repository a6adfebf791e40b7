"""'Te beoordelen' (the home page): decisions awaiting review that this person may review."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from service.decisions import inzage, toegang
from service.werkbank.afhankelijkheden import Ingelogd, OmgevingDep, SessieDep
from service.werkbank.weergave import toon

router = APIRouter()
MAXIMUM = 200


@router.get("/", name="te_beoordelen")
async def te_beoordelen(
    request: Request,
    principal: Ingelogd,
    sessie: SessieDep,
    omgeving: OmgevingDep,
    soort: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """Oldest first; never the person's own decisions; only within its mandate role."""
    soorten = omgeving.bibliotheek.soorten
    gekozen = soort if soort in soorten else None
    rijen, totaal = inzage.te_beoordelen(omgeving, sessie, principal, gekozen, MAXIMUM)
    return toon(
        request,
        "beoordelen.html",
        rijen=rijen,
        totaal=totaal,
        maximum=MAXIMUM,
        soorten=soorten,
        gekozen=gekozen,
        beoordeelt=toegang.wachtrij(omgeving.register, principal) is not None,
    )

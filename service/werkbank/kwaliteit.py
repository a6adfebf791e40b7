"""'Kwaliteit (PDCA)': approval and rejection rates per kind and per rule over time, and
the review sample of the mandate register. For teamleiders and policy staff."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from service.decisions import kwaliteit as cijfers
from service.werkbank import grafiek
from service.werkbank.afhankelijkheden import Ingelogd, OmgevingDep, SessieDep
from service.werkbank.weergave import toon

router = APIRouter()
AANTAL = {"maand": 12, "week": 13}


@router.get("/kwaliteit", name="kwaliteit")
async def kwaliteit(
    request: Request,
    principal: Ingelogd,
    sessie: SessieDep,
    omgeving: OmgevingDep,
    per: Annotated[Literal["maand", "week"], Query()] = "maand",
) -> Response:
    """403 for anyone but teamleiders (and up) and policy staff."""
    gegevens = cijfers.kwaliteit(omgeving, sessie, principal, per, AANTAL[per])
    labels = [p.label for p in gegevens.perioden]
    return toon(
        request,
        "kwaliteit.html",
        k=gegevens,
        per=per,
        grafieken_soort=[grafiek.percentages(r, labels) for r in gegevens.per_soort],
        grafieken_regel=[grafiek.percentages(r, labels, klein=True) for r in gegevens.per_regel],
    )

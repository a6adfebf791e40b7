"""/v1/regelsets and /v1/health."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.dependencies import OmgevingDep
from service.api.problems import fouten
from service.api.schemas import Gezondheid, RegelsetUit
from service.api.security import PrincipalDep

router = APIRouter()


@router.get(
    "/regelsets",
    operation_id="lijstRegelsets",
    summary="De geladen regelsets: naam, versie, geldigheid en inhoudshash",
    response_model=list[RegelsetUit],
    responses=fouten(401, 500),
    tags=["regelsets"],
)
async def regelsets(principal: PrincipalDep, omgeving: OmgevingDep) -> list[RegelsetUit]:
    bibliotheek = omgeving.bibliotheek
    return [
        RegelsetUit(
            naam=r.naam,
            versie=r.versie,
            titel=r.titel,
            doel=r.doel.strip(),
            eigenaar=r.eigenaar,
            geldigVanaf=r.geldig_vanaf,
            geldigTot=r.geldig_tot,
            hash=r.hash,
            menselijkeTussenkomst=r.menselijke_tussenkomst,
            bestanden=list(r.bestanden),
            regels=[regel.id for regel in sorted(r.regels, key=lambda x: (x.stratum, x.volgorde))],
        )
        for r in sorted(bibliotheek.regelsets, key=lambda r: (r.naam, r.geldig_vanaf))
    ]


@router.get(
    "/health",
    operation_id="gezondheid",
    summary="Draait de service (zonder authenticatie)",
    response_model=Gezondheid,
    tags=["beheer"],
)
async def gezondheid(omgeving: OmgevingDep) -> Gezondheid:
    return Gezondheid(status="ok", regelsets=len(omgeving.bibliotheek.regelsets))

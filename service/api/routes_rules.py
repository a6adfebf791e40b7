"""/v1/regelsets and /v1/health."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query

from service.api.contract import als_document, invoer_schema, uitkomst_schema
from service.api.dependencies import OmgevingDep
from service.api.problems import fouten
from service.api.schemas import Gezondheid, RegelsetMetSchemas, RegelsetUit
from service.api.security import PrincipalDep
from service.decisions.service import vandaag
from service.engine.compiled import GecompileerdeRegelset
from service.engine.input import Datum
from service.engine.library import GeenGeldigeRegelset, OnbekendeSoort
from service.errors import NietGevonden

router = APIRouter()


def _uit(r: GecompileerdeRegelset) -> RegelsetUit:
    return RegelsetUit(
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
    return [_uit(r) for r in sorted(bibliotheek.regelsets, key=lambda r: (r.naam, r.geldig_vanaf))]


@router.get(
    "/regelsets/{soort}",
    operation_id="haalRegelset",
    summary="De regelset van een soort die geldt op de peildatum, met het schema van zijn gegevens",
    response_model=RegelsetMetSchemas,
    responses=fouten(401, 404, 500),
    tags=["regelsets"],
)
async def regelset(
    soort: Annotated[str, Path(pattern=r"^[a-z][a-z-]{0,63}$", description="Soort beslissing.")],
    principal: PrincipalDep,
    omgeving: OmgevingDep,
    peildatum: Annotated[Datum | None, Query(description="Standaard vandaag (JJJJ-MM-DD).")] = None,
) -> RegelsetMetSchemas:
    """`invoerSchema` is het JSON Schema van `gegevens` voor een POST /v1/beslissingen van deze
    soort op die peildatum; `uitkomstSchema` dat van de `uitkomst` (beide uit de regels)."""
    datum: dt.date = peildatum or vandaag()
    try:
        geladen = omgeving.bibliotheek.voor(soort, datum)
    except OnbekendeSoort:
        raise NietGevonden(
            f"Onbekende soort '{soort}'. Bekend: {', '.join(omgeving.bibliotheek.soorten)}."
        ) from None
    except GeenGeldigeRegelset:
        raise NietGevonden(f"Geen regelset '{soort}' geldig op {datum.isoformat()}.") from None
    r = geladen.regelset
    return RegelsetMetSchemas(
        **_uit(r).model_dump(),
        invoerSchema=als_document(invoer_schema(r.invoer)),
        uitkomstSchema=als_document(uitkomst_schema(r)),
    )


@router.get(
    "/health",
    operation_id="gezondheid",
    summary="Draait de service (zonder authenticatie)",
    response_model=Gezondheid,
    tags=["beheer"],
)
async def gezondheid(omgeving: OmgevingDep) -> Gezondheid:
    return Gezondheid(status="ok", regelsets=len(omgeving.bibliotheek.regelsets))

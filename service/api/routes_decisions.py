"""/v1/beslissingen: take a decision, read one, list them."""

from __future__ import annotations

import time
from typing import Annotated
from urllib.parse import urlencode

import structlog
from fastapi import APIRouter, Header, Query, Request, Response, status

from service.api.dependencies import BibliotheekDep, SessionDep
from service.api.problems import fouten
from service.api.schemas import BeslissingenPagina, BeslissingUit, BeslissingVerzoek
from service.api.security import PrincipalDep
from service.decisions.service import Verzoek, neem_beslissing
from service.errors import NietGevonden
from service.storage import repository
from service.storage.models import Beslissing

router = APIRouter(prefix="/beslissingen", tags=["beslissingen"])
log = structlog.get_logger()


def als_uit(b: Beslissing) -> BeslissingUit:
    return BeslissingUit.model_validate(
        {
            "id": b.id,
            "soort": b.soort,
            "peildatum": b.peildatum,
            "zaakreferentie": b.zaakreferentie,
            "behandelaar": b.behandelaar,
            "aangemaaktOp": b.aangemaakt_op,
            "uitkomst": b.uitkomst,
            "redenen": b.redenen,
            "regelset": {
                "naam": b.regelset_naam,
                "versie": b.regelset_versie,
                "hash": b.regelset_hash,
            },
        }
    )


@router.post(
    "",
    operation_id="neemBeslissing",
    summary="Neem een beslissing over een zaak",
    status_code=status.HTTP_201_CREATED,
    response_model=BeslissingUit,
    responses={
        200: {
            "model": BeslissingUit,
            "description": "Herhaald verzoek met dezelfde "
            "Idempotency-Key: de eerder opgeslagen beslissing.",
        },
        **fouten(400, 401, 403, 422, 500),
    },
)
async def neem(
    verzoek: BeslissingVerzoek,
    principal: PrincipalDep,
    sessie: SessionDep,
    bibliotheek: BibliotheekDep,
    request: Request,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=200,
            description="Zelfde sleutel en zelfde verzoek: dezelfde beslissing.",
        ),
    ] = None,
) -> BeslissingUit:
    begin = time.perf_counter()
    beslissing, nieuw = neem_beslissing(
        bibliotheek,
        sessie,
        principal,
        Verzoek(
            verzoek.soort,
            verzoek.peildatum,
            verzoek.zaakreferentie,
            verzoek.behandelaar,
            verzoek.gegevens,
        ),
        idempotency_key or None,
    )
    response.headers["Location"] = f"/v1/beslissingen/{beslissing.id}"
    if not nieuw:
        response.status_code = status.HTTP_200_OK
    log.info(
        "beslissing",
        id=beslissing.id,
        soort=beslissing.soort,
        nieuw=nieuw,
        regelset=beslissing.regelset_versie,
        duur_ms=round((time.perf_counter() - begin) * 1e3, 2),
    )
    return als_uit(beslissing)


@router.get(
    "/{beslissingId}",
    operation_id="haalBeslissing",
    summary="Een opgeslagen beslissing",
    response_model=BeslissingUit,
    responses=fouten(401, 404, 500),
)
async def haal(beslissingId: str, principal: PrincipalDep, sessie: SessionDep) -> BeslissingUit:
    beslissing = repository.haal(sessie, beslissingId)
    if beslissing is None:
        raise NietGevonden(f"Beslissing {beslissingId} bestaat niet.")
    return als_uit(beslissing)


@router.get(
    "",
    operation_id="zoekBeslissingen",
    summary="Beslissingen, nieuwste eerst, gefilterd en gepagineerd",
    response_model=BeslissingenPagina,
    responses=fouten(400, 401, 500),
)
async def zoek(
    principal: PrincipalDep,
    sessie: SessionDep,
    request: Request,
    soort: Annotated[str | None, Query(max_length=64)] = None,
    behandelaar: Annotated[str | None, Query(max_length=100)] = None,
    pagina: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    paginaGrootte: Annotated[int, Query(ge=1, le=100)] = 20,
) -> BeslissingenPagina:
    gevonden, totaal = repository.zoek(
        sessie,
        repository.Filter(soort=soort, behandelaar=behandelaar),
        offset=(pagina - 1) * paginaGrootte,
        limit=paginaGrootte,
    )
    filters = {k: v for k, v in {"soort": soort, "behandelaar": behandelaar}.items() if v}

    def link(p: int) -> str:
        return f"{request.url.path}?{urlencode({**filters, 'pagina': p, 'paginaGrootte': paginaGrootte})}"

    return BeslissingenPagina(
        aantal=totaal,
        pagina=pagina,
        paginaGrootte=paginaGrootte,
        volgende=link(pagina + 1) if pagina * paginaGrootte < totaal else None,
        vorige=link(pagina - 1) if pagina > 1 else None,
        resultaten=[als_uit(b) for b in gevonden],
    )

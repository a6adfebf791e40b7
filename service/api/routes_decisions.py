"""/v1/beslissingen: take a decision, read one, list them."""

from __future__ import annotations

import time
from typing import Annotated, Literal
from urllib.parse import urlencode

import structlog
from fastapi import APIRouter, Header, Query, Request, Response, status

from service.api.dependencies import BeslissingIdPad, OmgevingDep, SessionDep
from service.api.problems import fouten
from service.api.schemas import (
    GEEN_STUURTEKENS,
    BeslissingenPagina,
    BeslissingUit,
    BeslissingVerzoek,
)
from service.api.security import PrincipalDep
from service.decisions import inzage
from service.decisions.context import Trace
from service.decisions.inzage import Inzage
from service.decisions.service import Verzoek, neem_beslissing

router = APIRouter(prefix="/beslissingen", tags=["beslissingen"])
log = structlog.get_logger()


def als_uit(gelezen: Inzage) -> BeslissingUit:
    b = gelezen.beslissing
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
            "mandaat": b.mandaat,
            "beoordeling": {
                "vereist": b.beoordeling_vereist,
                "reden": b.beoordeling_reden,
                "status": gelezen.status,
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
    omgeving: OmgevingDep,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=200,
            description="Zelfde sleutel en zelfde verzoek: dezelfde beslissing.",
        ),
    ] = None,
    traceparent: Annotated[
        str | None, Header(max_length=55, description="W3C Trace Context van de aanroeper.")
    ] = None,
) -> BeslissingUit:
    begin = time.perf_counter()
    beslissing, nieuw = neem_beslissing(
        omgeving,
        sessie,
        principal,
        Verzoek(
            verzoek.soort,
            verzoek.peildatum,
            verzoek.zaakreferentie,
            verzoek.behandelaar,
            verzoek.gegevens,
            verzoek.bsn,
        ),
        idempotency_key or None,
        Trace.uit_header(traceparent),
    )
    response.headers["Location"] = f"/v1/beslissingen/{beslissing.id}"
    if not nieuw:
        response.status_code = status.HTTP_200_OK
    # One event per decision: ids and timings, never case data or a BSN.
    log.info(
        "beslissing",
        id=beslissing.id,
        soort=beslissing.soort,
        nieuw=nieuw,
        regelset=beslissing.regelset_versie,
        toets=beslissing.beoordeling_vereist,
        duur_ms=round((time.perf_counter() - begin) * 1e3, 2),
    )
    return als_uit(
        Inzage(beslissing, None) if nieuw else inzage.met_beoordeling(sessie, beslissing)
    )


@router.get(
    "/{beslissingId}",
    operation_id="haalBeslissing",
    summary="Een opgeslagen beslissing",
    response_model=BeslissingUit,
    responses=fouten(401, 403, 404, 500),
)
async def haal(
    beslissingId: BeslissingIdPad,
    principal: PrincipalDep,
    sessie: SessionDep,
    omgeving: OmgevingDep,
) -> BeslissingUit:
    return als_uit(inzage.lees(omgeving, sessie, principal, beslissingId))


LINK = {
    "Link": {
        "description": "RFC 8288: de pagina's first, prev, next en last (zoals in de body).",
        "schema": {"type": "string"},
    }
}


@router.get(
    "",
    operation_id="zoekBeslissingen",
    summary="Beslissingen die u mag zien, nieuwste eerst, gefilterd, gesorteerd en gepagineerd",
    response_model=BeslissingenPagina,
    responses={200: {"headers": LINK}, **fouten(400, 401, 500)},
)
async def zoek(
    principal: PrincipalDep,
    sessie: SessionDep,
    omgeving: OmgevingDep,
    request: Request,
    response: Response,
    soort: Annotated[str | None, Query(max_length=64, pattern=GEEN_STUURTEKENS)] = None,
    status: Annotated[
        Literal["nietVereist", "open", "goedgekeurd", "afgekeurd"] | None, Query()
    ] = None,
    behandelaar: Annotated[str | None, Query(max_length=100, pattern=GEEN_STUURTEKENS)] = None,
    zaakreferentie: Annotated[
        str | None,
        Query(max_length=200, pattern=GEEN_STUURTEKENS, description="Kenmerk van de zaak."),
    ] = None,
    sorteer: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=r"^-?[a-zA-Z]+(,-?[a-zA-Z]+)*$",
            description="Velden, komma-gescheiden; '-' voor aflopend. Kies uit aangemaaktOp, "
            "peildatum, soort, behandelaar, zaakreferentie. Standaard -aangemaaktOp.",
            examples=["-peildatum,soort"],
        ),
    ] = None,
    pagina: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    paginaGrootte: Annotated[int, Query(ge=1, le=100)] = 20,
) -> BeslissingenPagina:
    gevonden, totaal = inzage.zoek(
        omgeving,
        sessie,
        principal,
        soort=soort,
        status=status,
        behandelaar=behandelaar,
        zaakreferentie=zaakreferentie,
        sorteer=sorteer,
        offset=(pagina - 1) * paginaGrootte,
        limit=paginaGrootte,
    )
    filters = {
        k: v
        for k, v in {
            "soort": soort,
            "status": status,
            "behandelaar": behandelaar,
            "zaakreferentie": zaakreferentie,
            "sorteer": sorteer,
        }.items()
        if v
    }

    def link(p: int) -> str:
        query = urlencode({**filters, "pagina": p, "paginaGrootte": paginaGrootte})
        return f"{request.url.path}?{query}"

    laatste = max(1, -(-totaal // paginaGrootte))
    links = {
        "first": link(1),
        "prev": link(pagina - 1) if pagina > 1 else None,
        "next": link(pagina + 1) if pagina * paginaGrootte < totaal else None,
        "last": link(laatste),
    }
    response.headers["Link"] = ", ".join(f'<{u}>; rel="{rel}"' for rel, u in links.items() if u)
    return BeslissingenPagina(
        aantal=totaal,
        pagina=pagina,
        paginaGrootte=paginaGrootte,
        volgende=links["next"],
        vorige=links["prev"],
        eerste=links["first"],
        laatste=links["last"],
        resultaten=[als_uit(g) for g in gevonden],
    )

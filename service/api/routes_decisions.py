"""/v1/beslissingen: take a decision, read one, list them."""

from __future__ import annotations

import time
from typing import Annotated, Literal
from urllib.parse import urlencode

import structlog
from fastapi import APIRouter, Header, Query, Request, Response, status

from service.api.beslisverzoek import BeslisverzoekRoute
from service.api.dependencies import BeslissingIdPad, OmgevingDep, SessionDep
from service.api.problems import fouten
from service.api.schemas import (
    GEEN_STUURTEKENS,
    BeslissingenPagina,
    BeslissingUit,
    BeslissingVerzoek,
)
from service.api.security import PrincipalDep
from service.api.verzoeken import StriktJsonRoute
from service.api.weergave import als_bytes, als_json
from service.decisions import inzage
from service.decisions.context import Trace
from service.decisions.inzage import Inzage
from service.decisions.nemen import neem_beslissing
from service.decisions.service import Verzoek
from service.errors import OngeldigVerzoek
from service.herladen.wacht import actuele_omgeving

router = APIRouter(prefix="/beslissingen", tags=["beslissingen"], route_class=StriktJsonRoute)
log = structlog.get_logger()


def als_uit(gelezen: Inzage) -> BeslissingUit:
    return BeslissingUit.model_validate(als_json(gelezen))


async def neem(
    verzoek: BeslissingVerzoek,
    principal: PrincipalDep,
    request: Request,
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
) -> Response:
    begin = time.perf_counter()
    # From the app state, not as dependencies: each dependency costs the hot path ~25 µs.
    genomen = await neem_beslissing(
        actuele_omgeving(request.app.state),
        request.app.state.schrijver,
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
        weergave=als_bytes,
    )
    beslissing = genomen.beslissing
    # One event per decision: ids and timings, never case data or a BSN.
    log.info(
        "beslissing",
        id=beslissing.id,
        soort=beslissing.soort,
        nieuw=genomen.nieuw,
        regelset=beslissing.regelset_versie,
        toets=beslissing.beoordeling_vereist,
        duur_ms=round((time.perf_counter() - begin) * 1e3, 2),
    )
    # The body was rendered once, on the CPU thread; FastAPI sends it as it is.
    return Response(
        genomen.inhoud,
        status_code=status.HTTP_201_CREATED if genomen.nieuw else status.HTTP_200_OK,
        media_type="application/json",
        headers={"Location": f"/v1/beslissingen/{beslissing.id}"},
    )


# Its own route class: a 400 for the envelope lists the problems of `gegevens` too.
router.add_api_route(
    "",
    neem,
    methods=["POST"],
    route_class_override=BeslisverzoekRoute,
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
        **fouten(400, 401, 403, 413, 422, 500),
    },
)


@router.get(
    "/{beslissingId}",
    operation_id="haalBeslissing",
    summary="Een opgeslagen beslissing",
    response_model=BeslissingUit,
    responses=fouten(401, 403, 404, 500),
)
def haal(
    beslissingId: BeslissingIdPad,
    principal: PrincipalDep,
    sessie: SessionDep,
    omgeving: OmgevingDep,
) -> Response:
    gelezen = inzage.lees(omgeving, sessie, principal, beslissingId)
    return Response(als_bytes(gelezen), media_type="application/json")


LINK = {
    "Link": {
        "description": "RFC 8288: de pagina's first, prev, next en last (zoals in de body).",
        "schema": {"type": "string"},
    }
}


ZaakreferentieFilter = Annotated[
    str | None,
    Query(max_length=200, pattern=GEEN_STUURTEKENS, description="Kenmerk van de zaak."),
]
Sortering = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern=r"^-?[a-zA-Z]+(,-?[a-zA-Z]+)*$",
        description="Velden, komma-gescheiden; '-' voor aflopend. Kies uit aangemaaktOp, "
        "peildatum, soort, behandelaar, zaakreferentie. Standaard -aangemaaktOp.",
        examples=["-peildatum,soort"],
    ),
]


@router.get(
    "",
    operation_id="zoekBeslissingen",
    summary="Beslissingen die u mag zien, nieuwste eerst, gefilterd, gesorteerd en gepagineerd",
    response_model=BeslissingenPagina,
    responses={200: {"headers": LINK}, **fouten(400, 401, 500)},
)
def zoek(
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
    zaakreferentie: ZaakreferentieFilter = None,
    sorteer: Sortering = None,
    pagina: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    paginaGrootte: Annotated[int, Query(ge=1, le=100)] = 20,
) -> BeslissingenPagina:
    if paginaGrootte > request.app.state.max_paginagrootte:
        grens = request.app.state.max_paginagrootte
        raise OngeldigVerzoek(
            f"paginaGrootte is hoogstens {grens} (INVORDERING_MAX_PAGINAGROOTTE).",
            invalidParams=[
                {"name": "paginaGrootte", "reason": f"hoogstens {grens}", "code": "less_than_equal"}
            ],
        )
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

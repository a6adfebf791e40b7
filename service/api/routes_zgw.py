"""ZGW: a decision as a Besluiten API `besluit`, and subscriptions to notifications."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Response, status
from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from service.api.dependencies import BeslissingIdPad, OmgevingDep, SessionDep
from service.api.problems import fouten
from service.api.schemas import ID_PATROON, Tekst
from service.api.security import PrincipalDep
from service.decisions import abonnementen
from service.decisions.zgw import zgw_besluit
from service.storage.models import Abonnement

router = APIRouter()


class ZgwBesluit(BaseModel):
    """Een `Besluit` van de ZGW Besluiten API 1.1.0 (veldnamen en typen van die standaard)."""

    identificatie: str = Field(max_length=50)
    verantwoordelijkeOrganisatie: str = Field(
        max_length=9, description="RSIN van de organisatie die het besluit vaststelde."
    )
    besluittype: str = Field(max_length=200, description="URL van het BESLUITTYPE.")
    zaak: str | None = Field(default=None, max_length=200, description="URL van de ZAAK.")
    datum: dt.date = Field(description="De beslisdatum (Awb).")
    toelichting: str = Field(description="De redenen met hun wettelijke grondslag (Awb 3:46).")
    bestuursorgaan: str | None = Field(default=None, max_length=50)
    ingangsdatum: dt.date
    uiterlijkeReactiedatum: dt.date | None = Field(
        description="Einde van de bezwaartermijn, waar de uitkomst die kent."
    )


class Kanaal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    naam: Literal["beslissingen"]
    filters: dict[str, Tekst] = Field(
        default_factory=dict,
        description="Kenmerk → waarde: soort, resultaat (goedgekeurd|afgekeurd), zaakreferentie.",
    )


class AbonnementVerzoek(BaseModel):
    model_config = ConfigDict(extra="forbid")

    callbackUrl: AnyHttpUrl = Field(description="Waar de notificaties heen gaan (POST).")
    auth: Tekst | None = Field(
        default=None, max_length=1000, description="Authorization-header naar de callbackUrl."
    )
    kanalen: list[Kanaal] = Field(min_length=1, max_length=10)


class AbonnementUit(BaseModel):
    id: str
    callbackUrl: str
    kanalen: list[dict[str, Any]]
    aangemaaktOp: dt.datetime


class NieuwAbonnement(AbonnementUit):
    geheim: str = Field(
        description="Sleutel van de HMAC-handtekening (Standard Webhooks: webhook-signature); "
        "wordt alleen nu getoond."
    )


def _uit(a: Abonnement) -> dict[str, Any]:
    return {
        "id": a.id,
        "callbackUrl": a.callback_url,
        "kanalen": a.kanalen,
        "aangemaaktOp": a.aangemaakt_op,
    }


AbonnementIdPad = Annotated[str, Path(pattern=ID_PATROON, description="Id van het abonnement.")]


@router.get(
    "/beslissingen/{beslissingId}/zgw-besluit",
    operation_id="zgwBesluit",
    summary="De beslissing als ZGW-besluit (Besluiten API), als die definitief is",
    response_model=ZgwBesluit,
    responses=fouten(401, 403, 404, 409, 422, 500),
    tags=["zgw"],
)
async def besluit(
    beslissingId: BeslissingIdPad,
    principal: PrincipalDep,
    sessie: SessionDep,
    omgeving: OmgevingDep,
) -> ZgwBesluit:
    return ZgwBesluit.model_validate(zgw_besluit(omgeving, sessie, principal, beslissingId))


@router.post(
    "/abonnementen",
    operation_id="maakAbonnement",
    summary="Abonneer op notificaties (na het patroon van de ZGW Notificaties API)",
    status_code=status.HTTP_201_CREATED,
    response_model=NieuwAbonnement,
    responses=fouten(401, 500),
    tags=["zgw"],
)
async def maak_abonnement(
    verzoek: AbonnementVerzoek, principal: PrincipalDep, sessie: SessionDep, response: Response
) -> NieuwAbonnement:
    """Een notificatie volgt als een beoordeling klaar is (kanaal `beslissingen`, resource
    `beoordeling`), alleen over beslissingen die u mag zien; ondertekend met `geheim`, bij
    een fout opnieuw verstuurd."""
    a = abonnementen.maak(
        sessie,
        principal,
        str(verzoek.callbackUrl),
        verzoek.auth,
        [k.model_dump() for k in verzoek.kanalen],
    )
    response.headers["Location"] = f"/v1/abonnementen/{a.id}"
    return NieuwAbonnement(**_uit(a), geheim=a.geheim)


@router.get(
    "/abonnementen",
    operation_id="lijstAbonnementen",
    summary="Uw abonnementen",
    response_model=list[AbonnementUit],
    responses=fouten(401, 500),
    tags=["zgw"],
)
async def lijst_abonnementen(principal: PrincipalDep, sessie: SessionDep) -> list[AbonnementUit]:
    return [AbonnementUit(**_uit(a)) for a in abonnementen.eigen(sessie, principal)]


@router.get(
    "/abonnementen/{abonnementId}",
    operation_id="haalAbonnement",
    summary="Een van uw abonnementen",
    response_model=AbonnementUit,
    responses=fouten(401, 404, 500),
    tags=["zgw"],
)
async def haal_abonnement(
    abonnementId: AbonnementIdPad, principal: PrincipalDep, sessie: SessionDep
) -> AbonnementUit:
    return AbonnementUit(**_uit(abonnementen.haal(sessie, principal, abonnementId)))


@router.delete(
    "/abonnementen/{abonnementId}",
    operation_id="verwijderAbonnement",
    summary="Zeg een abonnement op",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=fouten(401, 404, 500),
    tags=["zgw"],
)
async def verwijder_abonnement(
    abonnementId: AbonnementIdPad, principal: PrincipalDep, sessie: SessionDep
) -> Response:
    abonnementen.verwijder(sessie, principal, abonnementId)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

"""Collegial review, the audit trail, the mandate register and the quality figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from service.api.dependencies import BeslissingIdPad, OmgevingDep, SessionDep
from service.api.problems import fouten
from service.api.schemas import (
    ID_PATROON,
    AuditrecordUit,
    BeoordelingUit,
    BeoordelingVerzoek,
    MandaatregisterUit,
    Statistieken,
)
from service.api.security import PrincipalDep
from service.api.verzoeken import StriktJsonRoute
from service.decisions import inzage
from service.decisions.review import beoordeel
from service.storage.models import Beoordeling

router = APIRouter(route_class=StriktJsonRoute)


def _uit(b: Beoordeling) -> BeoordelingUit:
    return BeoordelingUit(
        id=b.id,
        beslissing=b.beslissing_id,
        oordeel=b.oordeel,
        toelichting=b.toelichting,
        beoordelaar=b.beoordelaar,
        beoordeeldOp=b.beoordeeld_op,
    )


@router.post(
    "/beslissingen/{beslissingId}/beoordelingen",
    operation_id="beoordeelBeslissing",
    summary="Keur een beslissing goed of af (collegiale toets, vier ogen)",
    status_code=status.HTTP_201_CREATED,
    response_model=BeoordelingUit,
    responses=fouten(400, 401, 403, 404, 409, 413, 500),
    tags=["beoordelingen"],
)
def post_beoordeling(
    beslissingId: BeslissingIdPad,
    verzoek: BeoordelingVerzoek,
    principal: PrincipalDep,
    sessie: SessionDep,
    omgeving: OmgevingDep,
    response: Response,
) -> BeoordelingUit:
    beoordeling = beoordeel(
        omgeving, sessie, principal, beslissingId, verzoek.oordeel, verzoek.toelichting
    )
    response.headers["Location"] = f"/v1/beslissingen/{beslissingId}/beoordelingen/{beoordeling.id}"
    return _uit(beoordeling)


@router.get(
    "/beslissingen/{beslissingId}/beoordelingen",
    operation_id="lijstBeoordelingen",
    summary="De beoordelingen van een beslissing",
    response_model=list[BeoordelingUit],
    responses=fouten(401, 403, 404, 500),
    tags=["beoordelingen"],
)
def get_beoordelingen(
    beslissingId: BeslissingIdPad,
    principal: PrincipalDep,
    sessie: SessionDep,
    omgeving: OmgevingDep,
) -> list[BeoordelingUit]:
    return [_uit(b) for b in inzage.beoordelingen(omgeving, sessie, principal, beslissingId)]


@router.get(
    "/beslissingen/{beslissingId}/beoordelingen/{beoordelingId}",
    operation_id="haalBeoordeling",
    summary="Eén beoordeling van een beslissing (de Location na een beoordeling)",
    response_model=BeoordelingUit,
    responses=fouten(401, 403, 404, 500),
    tags=["beoordelingen"],
)
async def get_beoordeling(
    beslissingId: BeslissingIdPad,
    beoordelingId: Annotated[str, Path(pattern=ID_PATROON, description="Id van de beoordeling.")],
    principal: PrincipalDep,
    sessie: SessionDep,
    omgeving: OmgevingDep,
) -> BeoordelingUit:
    return _uit(inzage.beoordeling(omgeving, sessie, principal, beslissingId, beoordelingId))


@router.get(
    "/beslissingen/{beslissingId}/audittrail",
    operation_id="audittrailBeslissing",
    summary="Wie deed wat met deze beslissing, wanneer, met welk resultaat",
    response_model=list[AuditrecordUit],
    responses=fouten(401, 403, 404, 500),
    tags=["beoordelingen"],
)
def get_audittrail(
    beslissingId: BeslissingIdPad,
    principal: PrincipalDep,
    sessie: SessionDep,
    omgeving: OmgevingDep,
) -> list[AuditrecordUit]:
    return [
        AuditrecordUit(
            uuid=a.id,
            bron=a.bron,
            gebruikersId=a.gebruikers_id,
            gebruikersRol=a.gebruikers_rol,
            actie=a.actie,
            actieWeergave=a.actie_weergave,
            resultaat=a.resultaat,
            hoofdObject=a.hoofd_object,
            aanmaakdatum=a.aanmaakdatum,
            wijzigingen={"oud": a.oud, "nieuw": a.nieuw},
        )
        for a in inzage.audittrail(omgeving, sessie, principal, beslissingId)
    ]


@router.get(
    "/mandaten",
    operation_id="mandaatregister",
    summary="Het mandaatregister dat nu geldt",
    response_model=MandaatregisterUit,
    responses=fouten(401, 500),
    tags=["mandaten"],
)
def mandaten(principal: PrincipalDep, omgeving: OmgevingDep) -> MandaatregisterUit:
    geladen = omgeving.register
    r = geladen.register
    return MandaatregisterUit(
        naam=r.naam,
        versie=r.versie,
        hash=geladen.hash,
        titel=r.titel,
        voorbeeld=r.voorbeeld,
        geldigVanaf=r.geldigVanaf,
        rollen=r.rollen,
        beoordelingsdrempel=str(r.beoordelingsdrempel),
        steekproefPercentage=str(r.steekproefPercentage),
        soorten={k: v.model_dump(mode="json", exclude_none=True) for k, v in r.soorten.items()},
    )


@router.get(
    "/statistieken",
    operation_id="statistieken",
    summary="Kwaliteitscijfers: beoordeeld, goedgekeurd, afgekeurd per soort en per regel",
    response_model=Statistieken,
    responses=fouten(401, 403, 500),
    tags=["beoordelingen"],
)
def statistieken(
    principal: PrincipalDep, sessie: SessionDep, omgeving: OmgevingDep
) -> Statistieken:
    return Statistieken.model_validate(inzage.statistieken(omgeving, sessie, principal))

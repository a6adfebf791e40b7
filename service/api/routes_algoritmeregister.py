"""GET /v1/algoritmeregister: the register record of this algorithm (publication standard 1.0)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from service.algoritmeregister import registratie
from service.api.dependencies import OmgevingDep
from service.api.problems import fouten
from service.api.security import PrincipalDep
from service.decisions.service import vandaag

router = APIRouter()
MAAND = r"^[0-9]{4}-[0-9]{2}$"


class Verwijzing(BaseModel):
    title: str = Field(max_length=100)
    link: str = Field(max_length=500)


class Algoritmeregistratie(BaseModel):
    """De velden van publicatiestandaard 1.0 van het Algoritmeregister, met hun eigen namen."""

    name: str = Field(max_length=100)
    description_short: str = Field(max_length=400)
    organization: str = Field(max_length=100)
    category: list[str]
    status: Literal["In ontwikkeling", "In gebruik", "Buiten gebruik"]
    # A month (the standard's `YYYY-MM`): no JSON Schema format for it, so a named one (the
    # ADR linter asks every *_date to name its format).
    begin_date: str = Field(max_length=7, pattern=MAAND, json_schema_extra={"format": "year-month"})
    end_date: str | None = Field(
        default=None, max_length=7, pattern=MAAND, json_schema_extra={"format": "year-month"}
    )
    contact_email: str = Field(max_length=500)
    website: str | None = Field(default=None, max_length=500)
    publication_category: Literal[
        "Hoog-risico AI-systeem", "Impactvolle algoritmes", "Overige algoritmes"
    ]
    url: str = Field(max_length=500)
    goal: str = Field(max_length=2500)
    proportionality: str | None = Field(default=None, max_length=2500)
    human_intervention: str = Field(max_length=2500)
    risks: str | None = Field(default=None, max_length=2500)
    lawful_basis: str = Field(max_length=2500)
    lawful_basis_grouping: list[Verwijzing]
    process_index_url: str | None = Field(default=None, max_length=500)
    impacttoetsen_grouping: list[Verwijzing] | None = None
    impacttoetsen: str | None = Field(default=None, max_length=2500)
    source_data: str | None = Field(default=None, max_length=2500)
    source_data_grouping: list[Verwijzing] | None = None
    methods_and_models: str = Field(max_length=5000)
    provider: str | None = Field(default=None, max_length=200)
    publiccode: str | None = Field(default=None, max_length=500)
    lang: Literal["nld"]
    standard_version: Literal["1.0"]
    source_id: str | None = Field(default=None, max_length=100)
    tags: str | None = Field(default=None, max_length=2500)


@router.get(
    "/algoritmeregister",
    operation_id="algoritmeregister",
    summary="De registratie van dit algoritme voor het Algoritmeregister (publicatiestandaard 1.0)",
    response_model=Algoritmeregistratie,
    response_model_exclude_none=True,
    responses=fouten(401, 500),
    tags=["algoritmeregister"],
)
async def algoritmeregister(
    principal: PrincipalDep, omgeving: OmgevingDep, request: Request
) -> Algoritmeregistratie:
    """Opgebouwd uit de geldende regelsets, het mandaatregister en het organisatiebestand."""
    return Algoritmeregistratie.model_validate(
        registratie(
            omgeving.bibliotheek,
            omgeving.register,
            omgeving.organisatie,
            vandaag(),
            f"{omgeving.publieke_url.rstrip('/')}/v1/algoritmeregister",
            str(omgeving.logboek.register.registeradres),
        )
    )

"""The public v1 shapes (Dutch lowerCamelCase, as in PRODUCT.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from service.engine.input import Datum


def _geen_lege_tekst(waarde: Any) -> Any:
    return None if waarde == "" else waarde


class BeslissingVerzoek(BaseModel):
    model_config = ConfigDict(extra="forbid")

    soort: str = Field(
        min_length=1,
        max_length=64,
        description="Soort beslissing, bv. termijnen.",
        examples=["termijnen"],
    )
    peildatum: Datum | None = Field(
        default=None, description="Datum waarop beslist wordt (JJJJ-MM-DD); standaard vandaag."
    )
    zaakreferentie: Annotated[str | None, BeforeValidator(_geen_lege_tekst)] = Field(
        default=None, max_length=200, description="Kenmerk van de zaak in het zaaksysteem."
    )
    behandelaar: Annotated[str | None, BeforeValidator(_geen_lege_tekst)] = Field(
        default=None,
        max_length=100,
        description="Medewerker namens wie een zaaksysteem beslist (verplicht voor een systeem).",
    )
    gegevens: dict[str, Any] = Field(
        description="De gegevens van de zaak; welke velden, staat in de regelset van de soort "
        "(GET /v1/regelsets)."
    )


class GrondslagUit(BaseModel):
    regeling: str
    artikel: str
    lid: str | None = None
    url: str | None = None


class RedenUit(BaseModel):
    regel: str = Field(description="Stabiele id van de toegepaste regel.")
    titel: str
    grondslag: list[GrondslagUit]
    uitleg: str = Field(description="Nederlandse zin met de gebruikte waarden.")
    waarden: dict[str, Any] = Field(description="De waarden die de regel las en afleidde.")
    betreft: str | None = Field(default=None, description="Het element (bv. vordering) waarover.")
    notitie: str | None = Field(default=None, description="Open juridische vraag of keuze.")


class RegelsetVerwijzing(BaseModel):
    naam: str
    versie: str
    hash: str


class BeslissingUit(BaseModel):
    id: str
    soort: str
    peildatum: dt.date
    zaakreferentie: str | None
    behandelaar: str
    aangemaaktOp: dt.datetime
    uitkomst: dict[str, Any] = Field(description="Per soort verschillend; zie PRODUCT.md.")
    redenen: list[RedenUit]
    regelset: RegelsetVerwijzing


class BeslissingenPagina(BaseModel):
    aantal: int = Field(description="Totaal aantal beslissingen dat aan het filter voldoet.")
    pagina: int
    paginaGrootte: int
    volgende: str | None
    vorige: str | None
    resultaten: list[BeslissingUit]


class RegelsetUit(BaseModel):
    naam: str
    versie: str
    titel: str
    doel: str
    eigenaar: str
    geldigVanaf: dt.date
    geldigTot: dt.date | None
    hash: str
    menselijkeTussenkomst: str
    bestanden: list[str]
    regels: list[str] = Field(description="Id's van de regels, in volgorde van toepassing.")


class Gezondheid(BaseModel):
    status: str
    regelsets: int


class OngeldigeParameter(BaseModel):
    name: str
    reason: str
    code: str | None = None


class Probleem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    invalidParams: list[OngeldigeParameter] | None = None

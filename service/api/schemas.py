"""The public v1 shapes (Dutch lowerCamelCase, NL API Design Rules)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from service.engine.input import Datum


def _geen_lege_tekst(waarde: Any) -> Any:
    return None if waarde == "" else waarde


def _elfproef(bsn: str) -> str:
    """A BSN passes the 11-test: sum of digit × (9..2, and −1 for the last) divisible by 11."""
    cijfers = [int(c) for c in bsn]
    som = sum(c * w for c, w in zip(cijfers, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    if som % 11 != 0 or som == 0:
        raise ValueError("geen geldig BSN (elfproef)")
    return bsn


# Control characters (NUL above all: PostgreSQL refuses it) are never valid in our texts.
GEEN_STUURTEKENS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Tekst = Annotated[str, Field(pattern=GEEN_STUURTEKENS)]
ID_PATROON = r"^[A-Za-z0-9._-]{1,64}$"

Bsn = Annotated[str, Field(pattern=r"^[0-9]{9}$"), AfterValidator(_elfproef)]


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
    zaakreferentie: Annotated[Tekst | None, BeforeValidator(_geen_lege_tekst)] = Field(
        default=None, max_length=200, description="Kenmerk van de zaak in het zaaksysteem."
    )
    behandelaar: Annotated[Tekst | None, BeforeValidator(_geen_lege_tekst)] = Field(
        default=None,
        max_length=100,
        description="Medewerker namens wie een zaaksysteem beslist (verplicht voor een systeem).",
    )
    gegevens: dict[str, Any] = Field(
        description="De gegevens van de zaak; welke velden, staat in de regelset van de soort "
        "(GET /v1/regelsets)."
    )
    bsn: Bsn | None = Field(
        default=None,
        description="BSN van de betrokkene (optioneel). Wordt niet opgeslagen of teruggegeven: "
        "alleen een gesleutelde hash, voor het logboek dataverwerkingen.",
    )


class GrondslagUit(BaseModel):
    regeling: str
    artikel: str
    lid: str | None = None
    url: str | None = None


class Waarschuwing(BaseModel):
    """Iets wat de lezer moet weten: een open juridische vraag, een onbevestigde kalenderdag."""

    code: str = Field(description="Vaste code, bv. atwKalenderOnbevestigd.")
    tekst: str = Field(description="Nederlandse uitleg met de concrete data.")


class GebruikteParameter(BaseModel):
    """Een gedateerde wettelijke waarde die een regel gebruikte: welke, sinds wanneer, op welke datum genomen."""

    naam: str
    waarde: Any = Field(description="De waarde (een termijn als tekst, bv. '6 weken').")
    weergave: str = Field(examples=["6 weken, geldig vanaf 2009-07-01"])
    geldigVanaf: dt.date
    geldigTot: dt.date | None = None
    geldendOp: dt.date = Field(
        description="De datum waarop de waarde is genomen: de peildatum of de datum van het "
        "rechtsfeit (bv. de dagtekening)."
    )
    bron: str | None = None
    notitie: str | None = Field(default=None, description="Open vraag ([?]) of keuze.")


class RedenUit(BaseModel):
    regel: str = Field(description="Stabiele id van de toegepaste regel.")
    titel: str
    grondslag: list[GrondslagUit]
    uitleg: str = Field(description="Nederlandse zin met de gebruikte waarden.")
    waarden: dict[str, Any] = Field(description="De waarden die de regel las en afleidde.")
    betreft: str | None = Field(default=None, description="Het element (bv. vordering) waarover.")
    notitie: str | None = Field(default=None, description="Open juridische vraag of keuze.")
    geldendOp: dt.date | None = Field(
        default=None,
        description="Datum van het rechtsfeit waarop de parameters van deze regel zijn genomen.",
    )
    parameters: list[GebruikteParameter] = Field(
        default_factory=list, description="De gedateerde wettelijke waarden die de regel gebruikte."
    )
    waarschuwingen: list[Waarschuwing] = Field(
        default_factory=list, description="Waarschuwingen die deze regel gaf."
    )


class RegelsetVerwijzing(BaseModel):
    naam: str
    versie: str
    hash: str


class MandaatUit(BaseModel):
    vereisteRol: str | None = Field(description="Laagste rol met mandaat; leeg: boven elk mandaat.")
    bedrag: str = Field(description="Bedrag waarover het mandaat oordeelt.", examples=["1482.38"])
    behandelaarBevoegd: bool
    looptijdMaanden: int | None = None
    mandaatregister: RegelsetVerwijzing = Field(description="Versie van het mandaatregister.")


class BeoordelingStatus(BaseModel):
    vereist: bool
    reden: str
    status: Literal["nietVereist", "open", "goedgekeurd", "afgekeurd"]


class BeslissingUit(BaseModel):
    id: str
    soort: str
    peildatum: dt.date
    zaakreferentie: str | None
    behandelaar: str
    aangemaaktOp: dt.datetime
    uitkomst: dict[str, Any] = Field(
        description="Per soort verschillend; zie de regelset (GET /v1/regelsets). Elke waarschuwing "
        "van een toegepaste regel staat in de uitkomst, als Waarschuwing ({code, tekst}) in een "
        "lijst `waarschuwingen` (leeg als er niets te melden is, bv. code "
        "atwKalenderOnbevestigd): bij het element (bv. elke vordering bij termijnen) als de "
        "uitkomst dat element toont met zijn waarschuwingen, anders op het hoogste niveau met "
        "`betreft` (het id van het element)."
    )
    redenen: list[RedenUit]
    regelset: RegelsetVerwijzing
    mandaat: MandaatUit
    beoordeling: BeoordelingStatus


class BeslissingenPagina(BaseModel):
    aantal: int = Field(description="Totaal aantal beslissingen dat aan het filter voldoet.")
    pagina: int
    paginaGrootte: int
    volgende: str | None
    vorige: str | None
    eerste: str = Field(description="De eerste pagina (ook in de Link-header, rel=first).")
    laatste: str = Field(description="De laatste pagina (ook in de Link-header, rel=last).")
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


class RegelsetMetSchemas(RegelsetUit):
    invoerSchema: dict[str, Any] = Field(
        description="JSON Schema (2020-12) van `gegevens` voor deze soort, uit de regelset."
    )
    uitkomstSchema: dict[str, Any] = Field(
        description="JSON Schema (2020-12) van `uitkomst` voor deze soort, uit de regelset."
    )


class Gezondheid(BaseModel):
    status: str
    regelsets: int


class OngeldigeParameter(BaseModel):
    name: str
    reason: str
    code: str | None = None


class Probleem(BaseModel):
    """Probleemdetails (RFC 9457): de ene vorm van elk foutantwoord."""

    type: str = Field(
        description="Soort fout: https://invordering.example/problemen/ gevolgd door "
        "ongeldig-verzoek, niet-geauthenticeerd, niet-toegestaan, niet-gevonden, "
        "methode-niet-toegestaan, niet-aanvaardbaar, conflict, verzoek-te-groot, "
        "te-veel-elementen, mediatype-niet-ondersteund, niet-verwerkbaar of interne-fout.",
        examples=["https://invordering.example/problemen/ongeldig-verzoek"],
    )
    title: str = Field(description="Korte titel van de soort fout, in het Nederlands.")
    status: int = Field(description="De HTTP-status van het antwoord.")
    detail: str = Field(description="Wat er mis is met juist dit verzoek, in het Nederlands.")
    instance: str = Field(description="Het pad van het verzoek.", examples=["/v1/beslissingen"])
    invalidParams: list[OngeldigeParameter] | None = None
    correlatieId: str | None = Field(
        default=None, description="Bij een interne fout: het id waaronder de fout is gelogd."
    )
    verschillen: list[str] | None = Field(
        default=None,
        description="Bij een brief met `bedragen` (409): elk verschil tussen de bedragen en "
        "de brief, in het Nederlands.",
    )
    limiet: int | None = Field(
        default=None, description="Bij 413: de grens (bytes of lijstelementen) die is overschreden."
    )


class BeoordelingVerzoek(BaseModel):
    model_config = ConfigDict(extra="forbid")

    oordeel: Literal["akkoord", "afgekeurd"]
    toelichting: Tekst | None = Field(
        default=None, max_length=4000, description="Verplicht bij afgekeurd."
    )


class BeoordelingUit(BaseModel):
    id: str
    beslissing: str
    oordeel: Literal["akkoord", "afgekeurd"]
    toelichting: str | None
    beoordelaar: str
    beoordeeldOp: dt.datetime


class AuditrecordUit(BaseModel):
    """After the ZGW audittrail: bron, gebruikersId, actie, resultaat, aanmaakdatum, oud/nieuw."""

    uuid: str
    bron: str
    gebruikersId: str
    gebruikersRol: str
    actie: str
    actieWeergave: str
    resultaat: int
    hoofdObject: str
    aanmaakdatum: dt.datetime
    wijzigingen: dict[str, Any] = Field(description="{oud, nieuw}")


class SoortStatistiek(BaseModel):
    soort: str
    beslissingen: int
    beoordelingVereist: int
    goedgekeurd: int
    afgekeurd: int
    open: int


class RegelStatistiek(BaseModel):
    soort: str
    regel: str
    beslissingen: int
    beoordelingVereist: int
    goedgekeurd: int
    afgekeurd: int


class Statistieken(BaseModel):
    perSoort: list[SoortStatistiek]
    perRegel: list[RegelStatistiek]


class MandaatregisterUit(BaseModel):
    naam: str
    versie: str
    hash: str
    titel: str
    voorbeeld: bool
    geldigVanaf: dt.date
    rollen: list[str]
    beoordelingsdrempel: str
    steekproefPercentage: str
    soorten: dict[str, Any]

"""The rule-file format, as pydantic models.

These models are the single definition of what a policy author may write in `rules/`.
The published JSON Schema (`rules/schema/regelbestand.schema.json`) is generated from
them, so the schema, the loader and the documentation cannot drift apart.

Three kinds of file share one format version:
- a *regelset* (rule set): metadata, the input it accepts, its rules and its output;
- a *regelmodule*: rules shared by several rule sets (e.g. verjaring);
- a *parameterbestand*: dated parameters, each value with its source.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    field_validator,
    model_validator,
)

FORMAAT_VERSIE = "1.0"

NAAM_PATROON = r"^[a-z][A-Za-z0-9]*$"
Naam = Annotated[str, Field(pattern=NAAM_PATROON, description="lowerCamelCase naam")]


class Strikt(BaseModel):
    """Base for every rule-file model: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Grondslag(Strikt):
    """The legal basis of a rule or parameter: the article that makes it law."""

    regeling: str = Field(min_length=2, description="Naam van de wet of regeling, bv. 'Awb'.")
    artikel: str = Field(min_length=1, description="Artikelnummer, bv. '4:87'.")
    lid: str | None = Field(default=None, description="Lid, als het om één lid gaat.")
    url: str | None = Field(default=None, description="Link naar de (gedateerde) wettekst.")

    @field_validator("artikel", "lid", mode="before")
    @classmethod
    def _als_tekst(cls, waarde: Any) -> Any:
        return str(waarde) if isinstance(waarde, int) else waarde


# --------------------------------------------------------------------------- invoer


VeldType = Literal["tekst", "bedrag", "datum", "geheelGetal", "getal", "jaNee", "keuze", "lijst"]


class Invoerveld(Strikt):
    """One field of the input (`gegevens`) a rule set accepts."""

    type: VeldType
    omschrijving: str = ""
    intern: Naam | None = Field(
        default=None, description="Naam van het veld in de regels, als die anders is."
    )
    verplicht: bool = False
    waarden: list[str] | None = Field(default=None, description="Toegestane waarden (keuze).")
    standaard: Any = Field(default=None, description="Waarde als het veld ontbreekt.")
    standaardVeld: Naam | None = Field(
        default=None,
        description="Neem de waarde van dit veld van hetzelfde element als het ontbreekt.",
    )
    velden: dict[str, Invoerveld] | None = Field(
        default=None, description="Velden van elk element (lijst)."
    )
    minstensEenVan: list[Naam] | None = Field(
        default=None, description="Elk element moet minstens één van deze velden hebben (lijst)."
    )
    maxElementen: int | None = Field(
        default=None, ge=1, description="Hoogstens zoveel elementen (lijst)."
    )

    @model_validator(mode="after")
    def _samenhang(self) -> Invoerveld:
        if self.type == "keuze" and not self.waarden:
            raise ValueError("een keuzeveld heeft 'waarden' nodig")
        if self.type == "lijst" and self.velden is None:
            raise ValueError("een lijstveld heeft 'velden' nodig")
        if self.type != "lijst" and self.velden is not None:
            raise ValueError("'velden' mag alleen bij type lijst")
        return self


# --------------------------------------------------------------------------- regels


class Regel(Strikt):
    """One rule: when its conditions hold, it derives values and explains why."""

    id: str = Field(
        pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$",
        description="Stabiele id, bv. TRM-BETALINGSTERMIJN-AWB. Verandert nooit.",
    )
    titel: str = Field(min_length=3)
    grondslag: list[Grondslag] = Field(min_length=1)
    voorElke: Naam | None = Field(
        default=None, description="Pas de regel toe op elk element van deze lijst."
    )
    groep: Naam | None = Field(
        default=None,
        description=(
            "Beslistabel: van de regels met dezelfde groep past alleen de eerste "
            "(in bestandsvolgorde) waarvan de voorwaarden gelden."
        ),
    )
    als: list[str] = Field(
        default_factory=list,
        description="Voorwaarden; alle moeten gelden. Bv. 'regime == \"awb\"', 'bekend(x)'.",
    )
    dan: dict[str, str] = Field(min_length=1, description="Afgeleide waarden: naam → uitdrukking.")
    uitleg: str = Field(
        min_length=10, description="Nederlandse zin met {naam} voor de gebruikte waarden."
    )
    notitie: str | None = Field(
        default=None, description="Open juridische vraag of keuze, zichtbaar in de redenen."
    )


# --------------------------------------------------------------------------- uitkomst


class Uitvoerlijst(Strikt):
    """An output list with one element per item of an input list."""

    voorElke: Naam
    velden: dict[str, str | dict[str, str]]


Uitvoer = str | Uitvoerlijst | dict[str, str]


# --------------------------------------------------------------------------- bestanden


class Regelmodule(Strikt):
    """A file of rules shared by several rule sets."""

    formaat: Literal["1.0"] = "1.0"
    module: Naam
    omschrijving: str = ""
    importeer: list[str] = Field(default_factory=list)
    invoer: dict[str, Invoerveld] = Field(
        default_factory=dict,
        description=(
            "Invoer die de regels van deze module lezen; wordt samengevoegd met de invoer van "
            "elke regelset die de module importeert (velden van lijsten ook)."
        ),
    )
    regels: list[Regel] = Field(min_length=1)


class Mandaatbedrag(Strikt):
    """How to find the amount (and term) the mandate register judges, from the case."""

    bedrag: str = Field(
        description="Uitdrukking voor het bedrag, bv. som([v.openstaandBedrag for v in vorderingen])."
    )
    looptijdMaanden: str | None = Field(default=None, description="Uitdrukking voor de looptijd.")


class Regelset(Strikt):
    """A rule set: answers one decision kind (`soort`) for a validity period."""

    formaat: Literal["1.0"] = "1.0"
    regelset: str = Field(pattern=r"^[a-z][a-z-]*$", description="De soort beslissing.")
    versie: str = Field(pattern=r"^\d+\.\d+\.\d+$", description="Semantische versie.")
    titel: str
    doel: str = Field(min_length=10, description="Wat de regelset beslist (algoritmeregister).")
    eigenaar: str
    geldigVanaf: dt.date
    geldigTot: dt.date | None = None
    menselijkeTussenkomst: str = Field(
        default="Collegiale toets volgens het mandaatregister.",
        description="Hoe een mens kan ingrijpen (algoritmeregister).",
    )
    importeer: list[str] = Field(
        default_factory=list,
        description=(
            "Parameterbestanden en regelmodules, relatief aan rules/. Een pad dat eindigt op '/' "
            "importeert elk bestand in die map (bv. één bestand per indexatieperiode)."
        ),
    )
    invoer: dict[str, Invoerveld]
    regels: list[Regel] = Field(default_factory=list)
    uitkomst: dict[str, Uitvoer]
    mandaat: Mandaatbedrag | None = Field(
        default=None, description="Het bedrag waarover het mandaatregister oordeelt (standaard 0)."
    )

    @model_validator(mode="after")
    def _periode(self) -> Regelset:
        if self.geldigTot is not None and self.geldigTot < self.geldigVanaf:
            raise ValueError("geldigTot ligt voor geldigVanaf")
        return self


# Strict int/bool first: a YAML 36 stays the whole number 36, "36.00" or 0.95 become Decimal.
ParameterWaarde = StrictBool | StrictInt | Decimal | str | list[Any] | dict[str, Any]
_GETAL = re.compile(r"^-?\d+(\.\d+)?$")


def _als_decimal(waarde: Any) -> Any:
    """Amounts written as text ("1401.50") or as YAML floats become exact Decimals.

    A YAML float (0.1) is binary: going through its text keeps 0.1 exactly 0.1.
    Nested lists and mappings (a maximum per leefsituatie) are converted too.
    """
    if isinstance(waarde, float):
        return Decimal(repr(waarde))
    if isinstance(waarde, str) and _GETAL.match(waarde):
        return Decimal(waarde)
    if isinstance(waarde, dict):
        return {k: _als_decimal(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_als_decimal(v) for v in waarde]
    return waarde


class Parameterwaarde(Strikt):
    """The value of a parameter from a date on."""

    geldigVanaf: dt.date
    geldigTot: dt.date | None = Field(
        default=None,
        description="Laatste dag waarop de waarde geldt (bv. tot de volgende indexatie).",
    )
    waarde: ParameterWaarde = Field(union_mode="left_to_right")
    bron: str | None = Field(default=None, description="Bron van juist deze waarde.")
    notitie: str | None = None

    @field_validator("waarde", mode="before")
    @classmethod
    def _exacte_getallen(cls, waarde: Any) -> Any:
        return _als_decimal(waarde)


class Parameter(Strikt):
    """A dated legal number (term, threshold, percentage, calendar) with its source."""

    omschrijving: str = Field(min_length=3)
    eenheid: str | None = None
    grondslag: list[Grondslag] = Field(min_length=1)
    notitie: str | None = Field(default=None, description="Open vraag of gemaakte keuze.")
    waarden: list[Parameterwaarde] = Field(min_length=1)

    @field_validator("waarden")
    @classmethod
    def _oplopend(cls, waarden: list[Parameterwaarde]) -> list[Parameterwaarde]:
        datums = [w.geldigVanaf for w in waarden]
        if datums != sorted(set(datums)):
            raise ValueError("waarden moeten oplopen in geldigVanaf, zonder dubbele datums")
        return waarden


class Parameterbestand(Strikt):
    """A file of dated parameters."""

    formaat: Literal["1.0"] = "1.0"
    parameters: dict[str, Parameter] = Field(min_length=1)

    @field_validator("parameters")
    @classmethod
    def _namen(cls, parameters: dict[str, Parameter]) -> dict[str, Parameter]:
        for naam in parameters:
            if not re.match(NAAM_PATROON, naam):
                raise ValueError(f"parameternaam {naam!r} is geen lowerCamelCase")
        return parameters


class Regelbestand(BaseModel):
    """Any file under rules/: a rule set, a rule module or a parameter file."""

    model_config = ConfigDict(title="Regelbestand")
    bestand: Regelset | Regelmodule | Parameterbestand


def json_schema() -> dict[str, Any]:
    """The published, versioned JSON Schema of the rule-file format."""
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://invordering.example/schema/regelbestand/{FORMAAT_VERSIE}",
        "title": f"Regelbestand (formaat {FORMAAT_VERSIE})",
        "description": "Een regelset, regelmodule of parameterbestand voor de beslisservice.",
    }
    onderdelen = Regelbestand.model_json_schema()
    schema["anyOf"] = onderdelen["properties"]["bestand"]["anyOf"]
    schema["$defs"] = onderdelen["$defs"]
    return schema

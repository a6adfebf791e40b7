"""Parameter files: dated legal numbers, each with its declared type and its source.

A parameter declares its `type` (so `rules check` can refuse `waarde: drie` for a number
or `2,5` with a decimal comma) and its `datering`: whether its value is taken on the
peildatum of the decision, on the date of the legal fact a rule names (`geldendOp`, e.g. the
dagtekening of an aanslag), or per calendar day (the Algemene termijnenwet calendar).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from service.rulefiles.basis import NAAM_PATROON, Grondslag, Strikt

Enkelvoudig = Literal[
    "geheelGetal",
    "getal",
    "bedrag",
    "factor",
    "percentage",
    "datum",
    "tekst",
    "jaNee",
    "termijn",
]
ParameterType = Literal[
    "geheelGetal",
    "getal",
    "bedrag",
    "factor",
    "percentage",
    "datum",
    "tekst",
    "jaNee",
    "termijn",
    "keuze",
    "lijst",
    "tabel",
]
Datering = Literal["peildatum", "rechtsfeit", "dag", "verloop"]


class Parameterwaarde(Strikt):
    """The value of a parameter from a date on."""

    geldigVanaf: dt.date
    geldigTot: dt.date | None = Field(
        default=None,
        description="Laatste dag waarop de waarde geldt (bv. tot de volgende indexatie).",
    )
    waarde: Any = Field(description="De waarde; moet passen bij het type van de parameter.")
    bron: str | None = Field(default=None, description="Bron van juist deze waarde.")
    notitie: str | None = Field(
        default=None, description="Open vraag ([?]) of keuze bij juist deze waarde."
    )

    @model_validator(mode="after")
    def _periode(self) -> Parameterwaarde:
        if self.geldigTot is not None and self.geldigTot < self.geldigVanaf:
            raise ValueError("geldigTot ligt voor geldigVanaf")
        return self


class Parameter(Strikt):
    """A dated legal number (term, threshold, percentage, calendar) with its source."""

    omschrijving: str = Field(min_length=3)
    type: ParameterType = Field(
        description=(
            "geheelGetal, getal, bedrag (euro, hoogstens 2 decimalen), factor (bv. 0.95), "
            "percentage (bv. 4.5 voor 4,5 %), datum, tekst, jaNee, termijn ('6 weken', "
            "'2 maanden'), keuze (uit 'keuzes'), lijst of tabel."
        )
    )
    eenheid: str | None = None
    keuzes: list[str] | None = Field(default=None, description="Toegestane waarden (keuze).")
    elementtype: Enkelvoudig | None = Field(
        default=None, description="Type van elk element (lijst van losse waarden)."
    )
    velden: dict[str, Enkelvoudig] | None = Field(
        default=None, description="Velden van elk element en hun type (lijst van records)."
    )
    waardetype: Enkelvoudig | None = Field(
        default=None, description="Type van elke waarde (tabel: naam → waarde)."
    )
    datering: Datering = Field(
        default="peildatum",
        description=(
            "peildatum: de waarde op de peildatum van de beslissing; rechtsfeit: de waarde op "
            "de datum die de regel in 'geldendOp' noemt (bv. de dagtekening); dag: per "
            "kalenderdag (alleen voor kalenderfuncties zoals atw); verloop: alle gedateerde "
            "waarden samen, als lijst van tijdvakken {vanaf, tot, waarde, onbevestigd} (voor "
            "een berekening over een periode waarin de waarde wijzigt, zoals rente)."
        ),
    )
    uitlegZonderWaarde: str | None = Field(
        default=None,
        description="Waarom er op een datum geen waarde is (bv. 'titel 4.4 Awb geldt sinds …').",
    )
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

    @model_validator(mode="after")
    def _typevelden(self) -> Parameter:
        if self.type == "keuze" and not self.keuzes:
            raise ValueError("een parameter van type keuze heeft 'keuzes' nodig")
        if self.type != "keuze" and self.keuzes is not None:
            raise ValueError("'keuzes' hoort alleen bij type keuze")
        if self.type != "lijst" and (self.elementtype or self.velden):
            raise ValueError("'elementtype' en 'velden' horen alleen bij type lijst")
        if self.type == "lijst" and self.elementtype and self.velden:
            raise ValueError("geef bij een lijst 'elementtype' of 'velden', niet allebei")
        if self.type != "tabel" and self.waardetype:
            raise ValueError("'waardetype' hoort alleen bij type tabel")
        if self.datering == "rechtsfeit" and self.type == "lijst":
            raise ValueError("datering rechtsfeit kan niet bij een lijst")
        if self.datering == "verloop" and self.type in ("lijst", "tabel", "keuze"):
            raise ValueError("datering verloop kan alleen bij een enkelvoudige waarde")
        return self


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

"""The rule-file format, as pydantic models.

These models are the single definition of what a policy author may write in `rules/`.
The published JSON Schema (`rules/schema/regelbestand.schema.json`) is generated from
them, so the schema, the loader and the documentation cannot drift apart.

Three kinds of file share one format version:
- a *regelset* (rule set): metadata, the input it accepts, its rules and its output;
- a *regelmodule*: rules shared by several rule sets (e.g. verjaring);
- a *parameterbestand*: dated parameters, each value with its source
  (`service.rulefiles.parametermodel`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from service.rulefiles.basis import Grondslag, Naam, Strikt

__all__ = ["Grondslag", "Naam", "Strikt"]


# --------------------------------------------------------------------------- invoer


VeldType = Literal[
    "tekst", "bedrag", "datum", "geheelGetal", "getal", "jaNee", "keuze", "lijst", "object"
]


class Invoerveld(Strikt):
    """One field of the input (`gegevens`) a rule set accepts."""

    type: VeldType
    omschrijving: str = ""
    label: str | None = Field(
        default=None,
        min_length=2,
        max_length=60,
        description=(
            "Korte naam voor de burger, bv. 'Netto-inkomen per maand': zo noemt een brief het "
            "veld bij de gebruikte gegevens (zonder label: de omschrijving)."
        ),
    )
    intern: Naam | None = Field(
        default=None, description="Naam van het veld in de regels, als die anders is."
    )
    verplicht: bool = False
    waarden: list[str] | None = Field(default=None, description="Toegestane waarden (keuze).")
    waardelabels: (
        dict[
            str,
            Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)],
        ]
        | None
    ) = Field(
        default=None,
        description=(
            "Tekst voor de burger per waarde (keuze), bv. {gehuwdMetKinderen: 'Gehuwd of "
            "samenwonend, met kinderen'}: zo noemt een brief de waarde bij de gebruikte gegevens."
        ),
    )
    standaard: Any = Field(default=None, description="Waarde als het veld ontbreekt.")
    standaardVeld: Naam | None = Field(
        default=None,
        description="Neem de waarde van dit veld van hetzelfde element als het ontbreekt.",
    )
    velden: dict[str, Invoerveld] | None = Field(
        default=None, description="Velden van elk element (lijst) of van het object."
    )
    minstensEenVan: list[Naam] | None = Field(
        default=None, description="Elk element moet minstens één van deze velden hebben (lijst)."
    )
    maxElementen: int | None = Field(
        default=None, ge=1, description="Hoogstens zoveel elementen (lijst)."
    )
    minElementen: int | None = Field(
        default=None, ge=1, description="Minstens zoveel elementen (lijst), bv. 1 vordering."
    )
    alleenBij: dict[str, list[str]] | None = Field(
        default=None,
        description=(
            "Het veld mag alleen worden gegeven als een ander veld van hetzelfde niveau een van "
            "deze waarden heeft, bv. {regime: [invorderingswet, lokaleBelasting]}."
        ),
    )
    nietSamenMet: list[Naam] | None = Field(
        default=None,
        description="Velden van hetzelfde niveau die niet tegelijk mogen worden gegeven.",
    )
    minimum: Decimal | None = Field(default=None, description="Kleinste toegestane waarde (getal).")
    maximum: Decimal | None = Field(default=None, description="Grootste toegestane waarde (getal).")
    nietVoor: Naam | None = Field(
        default=None,
        description="Datum die niet vóór dit andere datumveld van hetzelfde niveau mag liggen.",
    )
    uniek: Naam | None = Field(
        default=None, description="Veld van de elementen dat in de lijst uniek moet zijn (lijst)."
    )
    standaardUitZaak: Naam | None = Field(
        default=None,
        description=(
            "Veld van een element van een lijst: ontbreekt het, neem dan de waarde van dit veld "
            "op zaakniveau (bv. regime: één regime voor alle vorderingen, per vordering af te "
            "wijken)."
        ),
    )

    @field_validator("waardelabels")
    @classmethod
    def _labels_van_waarden(
        cls, labels: dict[str, str] | None, info: ValidationInfo
    ) -> dict[str, str] | None:
        if labels is not None and info.data.get("type") != "keuze":
            raise ValueError("mag alleen bij type keuze (tekst per waarde van de keuze)")
        waarden = info.data.get("waarden") or []
        if not waarden:  # a choice without values is reported as such (model check)
            return labels
        onbekend = [w for w in labels or {} if w not in waarden]
        if onbekend:
            raise ValueError(
                f"noemt {', '.join(onbekend)}: geen van de waarden ({', '.join(waarden)})"
            )
        return labels

    @model_validator(mode="after")
    def _samenhang(self) -> Invoerveld:
        if self.type == "keuze" and not self.waarden:
            raise ValueError("een keuzeveld heeft 'waarden' nodig")
        if self.type in ("lijst", "object") and self.velden is None:
            raise ValueError(f"een veld van type {self.type} heeft 'velden' nodig")
        if self.type not in ("lijst", "object") and self.velden is not None:
            raise ValueError("'velden' mag alleen bij type lijst of object")
        return self


# --------------------------------------------------------------------------- regels


class Waarschuwing(Strikt):
    """A warning a rule attaches to the element it applies to (e.g. an open legal question)."""

    code: Naam = Field(description="Vaste code voor systemen, bv. atwKalenderOnbevestigd.")
    tekst: str = Field(min_length=10, description="Nederlandse zin met {naam} voor waarden.")


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
    geldendOp: str | None = Field(
        default=None,
        description=(
            "Datum van het rechtsfeit (uitdrukking, bv. 'bekendmakingsdatum'): de parameters van "
            "deze regel gelden zoals op die datum, niet op de peildatum."
        ),
    )
    dan: dict[str, str] = Field(
        default_factory=dict, description="Afgeleide waarden: naam → uitdrukking."
    )
    waarschuwing: Waarschuwing | None = Field(
        default=None, description="Waarschuwing bij het element als de regel geldt."
    )
    uitleg: str = Field(
        min_length=10, description="Nederlandse zin met {naam} voor de gebruikte waarden."
    )
    notitie: str | None = Field(
        default=None, description="Open juridische vraag of keuze, zichtbaar in de redenen."
    )

    @model_validator(mode="after")
    def _doet_iets(self) -> Regel:
        if not self.dan and self.waarschuwing is None:
            raise ValueError(
                "een regel heeft 'dan' (afgeleide waarden) of een 'waarschuwing' nodig"
            )
        return self


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

"""The organisation that runs the service: a settings file (YAML), checked at start-up.

It holds what the rule sets cannot know: the organisation's name, RSIN and bestuursorgaan,
the ZGW besluittype per soort, the contact and the human-written fields of the
Algoritmeregister record (risks, proportionality, impact assessments). The shipped
`fixtures/organisatie.yaml` is an example to replace (INVORDERING_ORGANISATIE_FILE).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import AnyUrl, BaseModel, ConfigDict, Field, field_validator

Thema = Literal[
    "Organisatie en bedrijfsvoering",
    "Cultuur en recreatie",
    "Economie",
    "Overheidsfinanciën",
    "Wonen",
    "Internationaal",
    "Migratie en integratie",
    "Natuur en milieu",
    "Onderwijs en wetenschap",
    "Openbare orde en veiligheid",
    "Recht",
    "Ruimte en infrastructuur",
    "Sociale zekerheid",
    "Verkeer",
    "Werk",
    "Zorg en gezondheid",
]


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(_Strikt):
    titel: str = Field(max_length=100)
    link: AnyUrl


class Zgw(_Strikt):
    besluittypen: dict[str, AnyUrl] = Field(
        description="Per soort de URL van het BESLUITTYPE in de Catalogi API."
    )
    zaakUrl: str | None = Field(
        default=None,
        description="Sjabloon voor de URL van de ZAAK uit de zaakreferentie, met "
        "{zaakreferentie}; een zaakreferentie die zelf een URL is, wordt zo gebruikt.",
    )
    reactiedatumUit: str = Field(
        default="bezwaartermijnEinde",
        description="Naam van het veld in de uitkomst dat het einde van de bezwaartermijn "
        "geeft (uiterlijkeReactiedatum); de laatste datum als er meer zijn.",
    )


class Algoritme(_Strikt):
    """The fields of the register record that people write (publication standard 1.0)."""

    naam: str = Field(max_length=100)
    korteOmschrijving: str = Field(max_length=350)
    publicatiecategorie: Literal[
        "Hoog-risico AI-systeem", "Impactvolle algoritmes", "Overige algoritmes"
    ]
    thema: list[Thema] = Field(default_factory=list)
    inGebruikSinds: dt.date | None = None
    afwegingen: str | None = Field(default=None, max_length=2500)
    risicobeheer: str | None = Field(default=None, max_length=2500)
    gegevens: str | None = Field(default=None, max_length=1000)
    gegevensbronnen: list[Link] = Field(default_factory=list)
    impacttoetsen: list[Link] = Field(default_factory=list)
    toelichtingImpacttoetsen: str | None = Field(default=None, max_length=2500)
    leverancier: str | None = Field(default=None, max_length=200)
    broncode: AnyUrl | None = None
    website: AnyUrl | None = None
    bronId: str | None = Field(default=None, max_length=100)
    zoektermen: list[str] = Field(default_factory=list)


class Organisatie(_Strikt):
    voorbeeld: bool = False
    naam: str = Field(max_length=100, description="Naam volgens de TOOI-waardelijst.")
    rsin: str = Field(pattern=r"^[0-9]{9}$")
    bestuursorgaan: str | None = Field(default=None, max_length=50)
    contactEmail: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", max_length=500)
    zgw: Zgw
    algoritme: Algoritme

    @field_validator("rsin")
    @classmethod
    def _elfproef(cls, rsin: str) -> str:
        """An RSIN passes the 11-test, like a BSN."""
        som = sum(int(c) * w for c, w in zip(rsin, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
        if som % 11 != 0 or som == 0:
            raise ValueError("geen geldig RSIN (elfproef)")
        return rsin


def laad_organisatie(pad: Path) -> Organisatie:
    """Read and check the file; raises ValueError naming the file and every problem."""
    try:
        return Organisatie.model_validate(yaml.safe_load(pad.read_text(encoding="utf-8")))
    except Exception as fout:
        raise ValueError(f"{pad}: geen geldig organisatiebestand: {fout}") from None

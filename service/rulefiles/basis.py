"""What every rule-file model shares: strictness, names, the legal basis."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

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

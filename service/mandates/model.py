"""The mandate register format: who may decide which kind of decision up to which amount.

Like the rule files it is YAML maintained by policy staff, validated strictly and versioned;
every decision records the register version (and content hash) it was taken under.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from service.rulefiles.model import Grondslag, Strikt


class Grens(Strikt):
    """A role's limit for one kind; a missing value means no limit on that dimension."""

    bedrag: Decimal | None = Field(default=None, ge=0, description="Hoogste bedrag (euro).")
    looptijdMaanden: int | None = Field(default=None, ge=0, description="Langste looptijd.")


class Soortmandaat(Strikt):
    """The limits per role for one decision kind, and when review is required."""

    grenzen: dict[str, Grens | Literal["alles"]] = Field(
        description="Per rol de grens; 'alles' = zonder grens. Ontbrekende rol: geen mandaat."
    )

    @field_validator("grenzen", mode="before")
    @classmethod
    def _grens_of_alles(cls, grenzen: Any) -> Any:
        """One clear sentence instead of one per alternative of the union."""
        if isinstance(grenzen, dict):
            for rol, grens in grenzen.items():
                if grens != "alles" and not isinstance(grens, dict):
                    raise ValueError(
                        f"grens van '{rol}' is '{grens}' — schrijf alles of een blok, "
                        'bv. {bedrag: "10000.00"} of {bedrag: "5000.00", looptijdMaanden: 36}'
                    )
        return grenzen

    altijdBeoordelen: bool = Field(default=False, description="Altijd collegiale toets.")
    beoordelingsdrempel: Decimal | None = Field(
        default=None, ge=0, description="Afwijkende toetsdrempel voor deze soort."
    )
    steekproefPercentage: Decimal | None = Field(
        default=None, ge=0, le=1, description="Afwijkende steekproef (0-1) voor deze soort."
    )


class Mandaatregister(Strikt):
    formaat: Literal["1.0"] = "1.0"
    naam: str = Field(pattern=r"^[a-z][a-z-]*$")
    versie: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    titel: str
    omschrijving: str = ""
    voorbeeld: bool = Field(
        default=False, description="Voorbeeldregister: door het eigen register te vervangen."
    )
    eigenaar: str
    geldigVanaf: dt.date
    grondslag: list[Grondslag] = Field(min_length=1)
    rollen: list[str] = Field(min_length=1, description="Van laag naar hoog.")
    beoordelingsdrempel: Decimal = Field(ge=0, description="Boven dit bedrag collegiale toets.")
    steekproefPercentage: Decimal = Field(ge=0, le=1, description="Aselecte steekproef (0-1).")
    soorten: dict[str, Soortmandaat]
    kwaliteitVanafRol: str | None = Field(
        default=None,
        description="Vanaf deze rol zien medewerkers de kwaliteitscijfers (PDCA); beleid altijd.",
    )

    @model_validator(mode="after")
    def _rollen_bekend(self) -> Mandaatregister:
        if len(set(self.rollen)) != len(self.rollen):
            raise ValueError("een rol staat dubbel in 'rollen'")
        if self.kwaliteitVanafRol is not None and self.kwaliteitVanafRol not in self.rollen:
            raise ValueError(f"kwaliteitVanafRol '{self.kwaliteitVanafRol}' staat niet in 'rollen'")
        return self

    def onbekende_rollen(self) -> list[tuple[str, str]]:
        """(soort, rol) pairs whose role is not in `rollen` (reported with their line)."""
        return [(s, r) for s, m in self.soorten.items() for r in m.grenzen if r not in self.rollen]

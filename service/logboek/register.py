"""The register of processing activities (AVG art. 30) this service logs against.

A settings file (YAML) maps each soort to the URI of its processing activity in the
organisation's register; the Logboek Dataverwerkingen puts that URI in
`dpl.core.processing_activity_id`. The register itself (and its versions) lives with the
organisation; this file only points into it. A soort without its own entry (a new rule set)
falls under the entry marked `standaard: true`, so a new soort needs no code.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import AnyUrl, BaseModel, ConfigDict, Field, model_validator


class Verwerkingsactiviteit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: AnyUrl = Field(description="URI van de (versie van de) activiteit in het register.")
    naam: str
    soorten: list[str] = Field(default_factory=list)
    standaard: bool = False


class Verwerkingsregister(BaseModel):
    """The file: the register's address, the kind of data-subject id, and the activities."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    registeradres: AnyUrl = Field(alias="register")
    voorbeeld: bool = False
    betrokkeneIdType: str = Field(
        default="BSN",
        description="dpl.core.data_subject_id_type; de waarde zelf is altijd een pseudoniem "
        "(HMAC-SHA256 met de pseudonimiseringssleutel), nooit het BSN.",
    )
    activiteiten: list[Verwerkingsactiviteit] = Field(min_length=1)

    @model_validator(mode="after")
    def _een_standaard(self) -> Verwerkingsregister:
        if sum(a.standaard for a in self.activiteiten) != 1:
            raise ValueError("precies één activiteit heeft 'standaard: true'")
        gezien: set[str] = set()
        for activiteit in self.activiteiten:
            dubbel = gezien & set(activiteit.soorten)
            if dubbel:
                raise ValueError(f"soort {', '.join(sorted(dubbel))} staat bij twee activiteiten")
            gezien |= set(activiteit.soorten)
        return self

    def activiteit(self, soort: str | None) -> str:
        """The URI of the processing activity for a soort (the default one for None/unknown)."""
        for activiteit in self.activiteiten:
            if soort is not None and soort in activiteit.soorten:
                return str(activiteit.id)
        return next(str(a.id) for a in self.activiteiten if a.standaard)


def laad_verwerkingsregister(pad: Path) -> Verwerkingsregister:
    """Read and check the file; raises ValueError (with the file name) when it is wrong."""
    try:
        return Verwerkingsregister.model_validate(yaml.safe_load(pad.read_text(encoding="utf-8")))
    except Exception as fout:
        raise ValueError(
            f"{pad}: geen geldig register van verwerkingsactiviteiten: {fout}"
        ) from None

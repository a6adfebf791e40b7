"""The published JSON Schema of the rule-file format, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from service.rulefiles.basis import FORMAAT_VERSIE
from service.rulefiles.model import Regelmodule, Regelset
from service.rulefiles.parametermodel import Parameterbestand


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

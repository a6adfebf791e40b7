"""The published JSON Schema of the rule-file format matches the models and the shipped files."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from service.cli import SCHEMA_BESTAND, schema_tekst
from tests.conftest import ROOT, RULES

BESTANDEN = sorted(p for p in RULES.rglob("*.yaml"))


def test_vastgelegd_schema_is_actueel() -> None:
    assert (ROOT / SCHEMA_BESTAND).read_text(encoding="utf-8") == schema_tekst()


@pytest.mark.parametrize("pad", BESTANDEN, ids=[p.relative_to(RULES).as_posix() for p in BESTANDEN])
def test_geleverde_bestanden_voldoen(pad: object) -> None:
    """Editors that validate with the JSON Schema accept every shipped file."""
    schema = json.loads((ROOT / SCHEMA_BESTAND).read_text(encoding="utf-8"))
    data = yaml.safe_load(pad.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    data = json.loads(json.dumps(data, default=str))  # YAML dates → strings, as an editor sees them
    jsonschema.validate(data, schema)


def test_schema_weigert_onbekend_veld() -> None:
    schema = json.loads((ROOT / SCHEMA_BESTAND).read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {
                "formaat": "1.0",
                "parameters": {
                    "x": {"omschrijving": "abc", "grondslag": [], "waarden": [], "tikfout": 1}
                },
            },
            schema,
        )

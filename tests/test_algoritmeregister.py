"""GET /v1/algoritmeregister: the register record, validated against publication standard 1.0."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.settings import Instellingen
from tests.conftest import RULES, auth
from tests.referentie import referentie


def _veld(config: dict[str, Any]) -> dict[str, Any]:
    """The register's own field configuration (not JSON Schema) as a JSON Schema."""
    soort = config.get("type")
    if soort == "enum":
        return {"enum": config["permitted_values"]}
    if soort == "array":
        if "permitted_values" in config:
            return {"type": "array", "items": {"enum": config["permitted_values"]}}
        velden = config["items"]
        return {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {k: _veld(v) for k, v in velden.items()},
                "required": [k for k, v in velden.items() if v.get("required") is True],
                "additionalProperties": False,
            },
        }
    schema: dict[str, Any] = {"type": "string"}
    if "max_length" in config:
        schema["maxLength"] = config["max_length"]
    return schema


def standaard() -> tuple[dict[str, Any], dict[str, Any]]:
    """The publication standard 1.0 (v1_0.json) as a JSON Schema, and its raw configuration."""
    config = json.loads(referentie("algoritmeregister-publicatiestandaard-v1_0.json").read_text())
    velden = config["properties"]
    schema = {
        "type": "object",
        "properties": {k: _veld(v) for k, v in velden.items()},
        # the quirk "required": "false" (a string) is not a requirement
        "required": [k for k, v in velden.items() if v.get("required") is True],
        "additionalProperties": False,
    }
    return schema, velden


def controleer(record: dict[str, Any]) -> None:
    schema, velden = standaard()
    jsonschema.validate(record, schema)
    for sleutel, waarde in record.items():
        toegestaan = set(velden[sleutel].get("allowed_html_tags", []))
        if isinstance(waarde, str):
            tags = set(re.findall(r"</?([a-zA-Z0-9]+)", waarde))
            assert tags <= toegestaan, (sleutel, tags - toegestaan)
    # "complete": every field the register always shows is filled in
    for sleutel, config in velden.items():
        if config.get("show_always") or config.get("required") is True:
            assert record.get(sleutel), sleutel


class TestRegistratie:
    def test_volledig_en_geldig(self, client: TestClient, bibliotheek: Regelbibliotheek) -> None:
        r = client.get("/v1/algoritmeregister", headers=auth("systeem"))
        assert r.status_code == 200
        record = r.json()
        controleer(record)
        assert record["publication_category"] == "Impactvolle algoritmes"
        assert record["status"] == "In gebruik"
        assert record["standard_version"] == "1.0" and record["lang"] == "nld"
        # from the rule sets: every purpose, every legal basis with a link
        for regelset in bibliotheek.regelsets:
            assert regelset.titel in record["goal"]
        links = {g["link"] for g in record["lawful_basis_grouping"]}
        for regelset in bibliotheek.regelsets:
            for regel in regelset.regels:
                for grondslag in regel.grondslag:
                    if grondslag.url:
                        assert grondslag.url in links
        # human intervention = collegial review, with the register's threshold and sample
        assert "vier ogen" in record["human_intervention"]
        assert "steekproef" in record["human_intervention"]
        assert {t["title"] for t in record["impacttoetsen_grouping"]} >= {
            "Data Protection Impact Assessment (DPIA)"
        }
        assert record["process_index_url"].startswith("https://")
        assert client.get("/v1/algoritmeregister").status_code == 401


def test_volgt_de_regelsets(tmp_path: Path, db_engine: Engine) -> None:
    """A rule set whose validity ended makes no difference as long as another is in force;
    a new soort's purpose appears without code."""
    map = tmp_path / "rules"
    shutil.copytree(RULES, map)
    tekst = (map / "betalingsregeling.yaml").read_text(encoding="utf-8")
    (map / "proef-regeling.yaml").write_text(
        tekst.replace("regelset: betalingsregeling", "regelset: proef-regeling").replace(
            "titel:", "titel: Proefregeling —", 1
        ),
        encoding="utf-8",
    )
    app = maak_app(Instellingen(), bibliotheek=laad_bibliotheek(map), engine=db_engine)
    record = TestClient(app).get("/v1/algoritmeregister", headers=auth("beleid")).json()
    controleer(record)
    assert "Proefregeling —" in record["goal"]


@pytest.mark.parametrize("lengte", [3000])
def test_te_lange_doelen_worden_titels(lengte: int) -> None:
    """When the purposes do not fit the field (2,500), the goal lists the titles instead."""
    from service.algoritmeregister import _binnen

    lang = ["x" * lengte]
    assert _binnen(lang, ["kort"]) == "<ul><li>kort</li></ul>"

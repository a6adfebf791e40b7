"""A decision in which no rule applied is an outcome, stored like any other."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import laad_bibliotheek
from service.mandates.register import laad_register
from service.settings import Instellingen
from tests.conftest import ROOT, RULES, aantal_beslissingen, auth
from tests.test_regelcontrole import NIEUWE_SOORT


def test_geen_enkele_regel_gold(db_engine: Engine, tmp_path: Path) -> None:
    regels, mandaten = tmp_path / "rules", tmp_path / "mandates"
    shutil.copytree(RULES, regels)
    shutil.copytree(ROOT / "mandates", mandaten)
    (regels / "kwijtschelding.yaml").write_text(NIEUWE_SOORT, encoding="utf-8")
    register = mandaten / "register.yaml"
    register.write_text(
        register.read_text(encoding="utf-8").replace(
            "soorten:\n",
            "soorten:\n  kwijtschelding:\n    grenzen: {medewerker-invorderen: alles}\n",
            1,
        ),
        encoding="utf-8",
    )
    app = maak_app(
        Instellingen(rules_dir=regels, mandates_dir=mandaten),
        bibliotheek=laad_bibliotheek(regels),
        engine=db_engine,
        register=laad_register(mandaten),
    )
    client = TestClient(app, raise_server_exceptions=False)
    r = client.post(
        "/v1/beslissingen",
        json={
            "soort": "kwijtschelding",
            "peildatum": "2026-02-01",
            "gegevens": {"bedrag": "500.00"},
        },
        headers=auth("medewerker"),
    )
    assert r.status_code == 201, r.text
    assert r.json()["redenen"] == [] and r.json()["uitkomst"] == {"klein": None}
    assert aantal_beslissingen(db_engine) == 1
    assert client.get(r.headers["Location"], headers=auth("medewerker")).status_code == 200

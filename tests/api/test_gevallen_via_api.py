"""Every rule test case of fixtures/rules/ also comes out of POST /v1/beslissingen."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.engine.presentation import json_waarde
from service.ruletests import Geval, beoordeel, lees_gevallen
from tests.conftest import ROOT, auth

GEVALLEN = lees_gevallen(ROOT / "fixtures" / "rules")


@pytest.mark.parametrize("geval", GEVALLEN, ids=[f"{g.bestand}: {g.naam}" for g in GEVALLEN])
def test_geval_via_api(client: TestClient, geval: Geval) -> None:
    """Same outcome (to the cent and the day), rules, explanations and problem as the case says."""
    r = client.post(
        "/v1/beslissingen",
        json={
            "soort": geval.regelset,
            "peildatum": geval.peildatum.isoformat(),
            "gegevens": json_waarde(geval.gegevens),
        },
        headers=auth("medewerker"),
    )
    if r.status_code >= 400:
        assert r.headers["content-type"] == "application/problem+json", r.text
        fouten = beoordeel(geval.verwacht, None, [], r.json())
    else:
        assert r.status_code == 201, r.text
        fouten = beoordeel(geval.verwacht, r.json()["uitkomst"], r.json()["redenen"], None)
        for reden in r.json()["redenen"]:
            assert reden["grondslag"], reden["regel"]
            assert reden["uitleg"].strip(), reden["regel"]
    assert not fouten, "\n".join(fouten)

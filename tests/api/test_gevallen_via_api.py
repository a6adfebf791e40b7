"""Every rule test case of fixtures/rules/ also comes out of POST /v1/beslissingen."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.engine.presentation import json_waarde
from service.ruletests import Geval, lees_gevallen, vergelijk
from tests.conftest import ROOT, auth

GEVALLEN = lees_gevallen(ROOT / "fixtures" / "rules")


@pytest.mark.parametrize("geval", GEVALLEN, ids=[f"{g.bestand}: {g.naam}" for g in GEVALLEN])
def test_geval_via_api(client: TestClient, geval: Geval) -> None:
    """Same outcome, to the cent and the day, as the rule test case says."""
    r = client.post(
        "/v1/beslissingen",
        json={
            "soort": geval.regelset,
            "peildatum": geval.peildatum.isoformat(),
            "gegevens": json_waarde(geval.gegevens),
        },
        headers=auth("medewerker"),
    )
    verwacht = geval.verwacht
    if "fout" in verwacht:
        assert r.status_code == verwacht["fout"]["status"], r.text
        assert r.headers["content-type"] == "application/problem+json"
        return
    assert r.status_code == 201, r.text
    fouten: list[str] = []
    vergelijk(verwacht.get("uitkomst", {}), r.json()["uitkomst"], "uitkomst", fouten)
    toegepast = {reden["regel"] for reden in r.json()["redenen"]}
    fouten += [
        f"{regel} gold niet" for regel in verwacht.get("toegepast", []) if regel not in toegepast
    ]
    assert not fouten, "\n".join(fouten)
    for reden in r.json()["redenen"]:
        assert reden["grondslag"], reden["regel"]
        assert reden["uitleg"].strip(), reden["regel"]

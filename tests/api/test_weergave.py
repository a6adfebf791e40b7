"""The decision path renders its own JSON (orjson); it must equal what pydantic would send."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api.schemas import BeslissingUit
from service.engine.presentation import json_waarde
from service.ruletests import Geval, lees_gevallen
from tests.conftest import ROOT, auth

GEVALLEN = [g for g in lees_gevallen(ROOT / "fixtures" / "rules") if "fout" not in g.verwacht]


def zoals_pydantic(body: dict[str, Any]) -> dict[str, Any]:
    """The response model's own rendering of the same content (defaults in, extras out)."""
    return BeslissingUit.model_validate(body).model_dump(mode="json")


@pytest.mark.parametrize("geval", GEVALLEN, ids=[f"{g.bestand}:{g.naam}" for g in GEVALLEN])
def test_gelijk_aan_pydantic(client: TestClient, geval: Geval) -> None:
    """Every rule test case through POST and GET: the bytes sent equal the model's dump."""
    r = client.post(
        "/v1/beslissingen",
        json={
            "soort": geval.regelset,
            "peildatum": geval.peildatum.isoformat(),
            "gegevens": json_waarde(geval.gegevens),
        },
        headers=auth("teamleider"),
    )
    if r.status_code != 201:
        pytest.skip(f"geval geeft {r.status_code} via de API (regeltest op engineniveau)")
    assert r.json() == zoals_pydantic(r.json())
    opgehaald = client.get(r.headers["Location"], headers=auth("teamleider"))
    assert opgehaald.status_code == 200
    assert opgehaald.json() == zoals_pydantic(opgehaald.json())
    assert {k: v for k, v in opgehaald.json().items() if k != "aangemaaktOp"} == {
        k: v for k, v in r.json().items() if k != "aangemaaktOp"
    }


def test_beoordeelde_beslissing(client: TestClient) -> None:
    """A replay after a review shows the review's status, rendered the same way."""
    verzoek = {
        "soort": "termijnen",
        "peildatum": "2026-03-01",
        "gegevens": {
            "vorderingen": [
                {"id": "V1", "bedrag": "20000.00", "verzenddatumBeschikking": "2026-01-05"}
            ]
        },
    }
    kop = {**auth("medewerker"), "Idempotency-Key": "w-1"}
    eerste = client.post("/v1/beslissingen", json=verzoek, headers=kop)
    assert eerste.json()["beoordeling"]["status"] == "open"
    r = client.post(
        f"/v1/beslissingen/{eerste.json()['id']}/beoordelingen",
        json={"oordeel": "akkoord"},
        headers=auth("collega"),
    )
    assert r.status_code == 201, r.text
    herhaald = client.post("/v1/beslissingen", json=verzoek, headers=kop)
    assert herhaald.status_code == 200
    assert herhaald.json()["beoordeling"]["status"] == "goedgekeurd"
    assert herhaald.json() == zoals_pydantic(herhaald.json())

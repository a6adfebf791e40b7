"""A fault in the service's own code is a 500 with a correlation id, never Python's words."""

from __future__ import annotations

import re
from typing import Any

import pytest
import structlog
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import laad_bibliotheek
from service.logging import configureer
from service.rulefiles.functions import ALGEMEEN
from service.settings import Instellingen
from tests.conftest import RULES, aantal_beslissingen, auth

VORDERING: dict[str, Any] = {
    "id": "V1",
    "bedrag": "250.00",
    "verzenddatumBeschikking": "2026-03-02",
    "aanmaningen": [{"verzenddatum": "2026-04-14"}],
}
GEVAL: dict[str, Any] = {
    "soort": "termijnen",
    "peildatum": "2026-05-01",
    "gegevens": {"vorderingen": [VORDERING]},
}


@pytest.mark.parametrize("productie", [False, True])
def test_geen_lokale_variabelen_in_het_log(productie: bool) -> None:
    """A logged traceback shows no local variables: the request (a BSN) stays out of the log."""
    configureer(productie=productie)
    processors = structlog.get_config()["processors"]
    try:
        bsn = "123456782"
        raise RuntimeError(f"fout bij {len(bsn)} cijfers")
    except RuntimeError as fout:
        gebeurtenis: Any = {"event": "onverwachte_fout", "exc_info": fout}
        for processor in processors[2:]:  # after level and timestamp: the rendering
            gebeurtenis = processor(None, "error", gebeurtenis)
    assert "Traceback" in str(gebeurtenis) and "RuntimeError" in str(gebeurtenis)
    assert "123456782" not in str(gebeurtenis)


def test_codefout_in_een_functie(monkeypatch: pytest.MonkeyPatch, db_engine: Engine) -> None:
    """An injected NameError in `laatste` gives 500 problem+json without internals."""

    def kapot(_waarden: Any) -> Any:
        return niet_bestaande_naam  # type: ignore[name-defined]  # noqa: F821

    monkeypatch.setitem(ALGEMEEN, "laatste", kapot)
    app = maak_app(Instellingen(), bibliotheek=laad_bibliotheek(RULES), engine=db_engine)
    client = TestClient(app, raise_server_exceptions=False)
    r = client.post("/v1/beslissingen", json=GEVAL, headers=auth("medewerker"))
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert re.fullmatch(r"[0-9a-f]{32}", body["correlatieId"])
    for intern in ("NameError", "niet_bestaande_naam", "Traceback", ".py", "laatste"):
        assert intern not in r.text
    assert aantal_beslissingen(db_engine) == 0


def test_gat_in_de_gegevens_blijft_422(client: TestClient) -> None:
    """A rule-author error or data gap is still a 422 that names the rule."""
    r = client.post(
        "/v1/beslissingen",
        json={
            **GEVAL,
            "gegevens": {"vorderingen": [{**VORDERING, "verzenddatumBeschikking": "2008-03-03"}]},
        },
        headers=auth("medewerker"),
    )
    assert r.status_code == 422
    assert r.json()["regel"].startswith("TRM-")
    assert "correlatieId" not in r.json()

"""Valid, generated termijnen cases through the API: always 201, conform, and lawful dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.api.schemas import BeslissingUit
from tests.conftest import auth

DAG = dt.timedelta(days=1)
datums = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2027, 12, 31))
ACTIES = {
    "geen",
    "betalen",
    "aanmaning",
    "wachtenOpAanmaningstermijn",
    "dwangbevel",
    "wachtenOpUitstel",
    "indienenBijCurator",
    "buitenInvorderingStellen",
}


@st.composite
def vorderingen(draw: st.DrawFn) -> dict[str, Any]:
    verzonden = draw(datums)
    vordering: dict[str, Any] = {
        "id": "V1",
        "bedrag": str(draw(st.decimals(min_value=1, max_value=100000, places=2))),
        "verzenddatumBeschikking": verzonden.isoformat(),
    }
    if draw(st.booleans()):
        vordering["aanmaningen"] = [
            {
                "verzenddatum": (
                    verzonden + dt.timedelta(days=draw(st.integers(43, 2000)))
                ).isoformat()
            }
        ]
    if draw(st.booleans()):
        van = verzonden + dt.timedelta(days=draw(st.integers(0, 1000)))
        vordering["uitstelVanBetaling"] = [
            {
                "van": van.isoformat(),
                "tot": (van + dt.timedelta(days=draw(st.integers(0, 400)))).isoformat(),
            }
        ]
    return vordering


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(vordering=vorderingen(), peildatum=datums)
def test_geldige_zaken(client: TestClient, vordering: dict[str, Any], peildatum: dt.date) -> None:
    r = client.post(
        "/v1/beslissingen",
        json={
            "soort": "termijnen",
            "peildatum": peildatum.isoformat(),
            "gegevens": {"vorderingen": [vordering]},
        },
        headers=auth("medewerker"),
    )
    assert r.status_code == 201, r.text
    BeslissingUit.model_validate(r.json())  # the documented shape
    v = r.json()["uitkomst"]["vorderingen"][0]
    verzonden = dt.date.fromisoformat(vordering["verzenddatumBeschikking"])
    betaling = dt.date.fromisoformat(v["betalingstermijnEinde"])
    assert (
        verzonden + dt.timedelta(weeks=6) <= betaling <= verzonden + dt.timedelta(weeks=6, days=7)
    )
    assert betaling.weekday() < 5  # the Atw never lets a term end on a weekend
    assert dt.date.fromisoformat(v["inVerzuimVanaf"]) == betaling + DAG
    assert dt.date.fromisoformat(v["verjaringstermijnEinde"]) >= betaling + relativedelta(years=5)
    assert v["verjaard"] == (peildatum > dt.date.fromisoformat(v["verjaringstermijnEinde"]))
    assert v["volgendeStap"]["actie"] in ACTIES
    if "aanmaningen" in vordering:
        aanmaning = dt.date.fromisoformat(vordering["aanmaningen"][0]["verzenddatum"])
        if aanmaning >= dt.date.fromisoformat(v["inVerzuimVanaf"]):
            assert (
                dt.date.fromisoformat(v["dwangbevelVanaf"])
                == dt.date.fromisoformat(v["aanmaningstermijnEinde"]) + DAG
            )
        else:  # before verzuim it grounds no dwangbevel (Awb 4:112 lid 1), with a warning
            assert v["dwangbevelVanaf"] is None, v
            assert "aanmaningVoorVerzuim" in {w["code"] for w in v["waarschuwingen"]}, v

"""The PDCA figures: periods, verdicts per kind and per rule, the realised sample, the chart."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.decisions import kwaliteit
from service.decisions.kwaliteit import Reeks
from service.decisions.principals import Principal
from service.errors import Verboden
from service.werkbank import grafiek
from tests.conftest import auth
from tests.werkbank.conftest import termijnen

SMIT = Principal("s.smit", "medewerker", "teamleider-invordering")


class TestPerioden:
    def test_maanden_oudste_eerst(self) -> None:
        reeks = kwaliteit.perioden(dt.datetime(2026, 3, 15, tzinfo=dt.UTC), "maand", 3)
        assert [p.sleutel for p in reeks] == ["2026-01", "2026-02", "2026-03"]
        assert [p.label for p in reeks] == ["jan 2026", "feb 2026", "mrt 2026"]

    def test_maanden_over_de_jaargrens(self) -> None:
        reeks = kwaliteit.perioden(dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC), "maand", 2)
        # 23:30 UTC on 31 January is 00:30 on 1 February in the Netherlands.
        assert [p.sleutel for p in reeks] == ["2026-01", "2026-02"]

    def test_iso_weken_over_de_jaargrens(self) -> None:
        reeks = kwaliteit.perioden(dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC), "week", 3)
        assert [p.sleutel for p in reeks] == ["2025-W52", "2026-W01", "2026-W02"]
        assert reeks[1].label == "week 1 2026"


def _oordeel(client: TestClient, bid: str, oordeel: str) -> None:
    r = client.post(
        f"/v1/beslissingen/{bid}/beoordelingen",
        json={"oordeel": oordeel, "toelichting": "pdca"},
        headers=auth("teamleider"),
    )
    assert r.status_code == 201, r.text


def _cijfers(client: TestClient, principal: Principal = SMIT, **opties: Any) -> Any:
    omgeving = client.app.state.omgeving  # type: ignore[attr-defined]
    with Session(client.app.state.engine) as sessie:  # type: ignore[attr-defined]
        return kwaliteit.kwaliteit(omgeving, sessie, principal, **opties)


class TestCijfers:
    def test_oordelen_per_soort_en_regel(self, client: TestClient) -> None:
        """Two approvals and one rejection this month, counted per kind and per rule."""
        ids = [
            client.post(
                "/v1/beslissingen", json=termijnen(b, "Z"), headers=auth("medewerker")
            ).json()["id"]
            for b in ("20000.00", "30000.00", "40000.00")
        ]
        for bid, oordeel in zip(ids, ["akkoord", "akkoord", "afgekeurd"], strict=True):
            _oordeel(client, bid, oordeel)
        k = _cijfers(client)
        assert len(k.perioden) == 12
        (termijnen_,) = k.per_soort
        assert (termijnen_.soort, termijnen_.regel) == ("termijnen", None)
        assert termijnen_.akkoord[-1] == 2 and termijnen_.afgekeurd[-1] == 1
        assert sum(termijnen_.akkoord[:-1]) == sum(termijnen_.afgekeurd[:-1]) == 0
        per_regel = {r.regel: r for r in k.per_regel}
        assert per_regel["TRM-VERZUIM"].totaal_akkoord == 2
        assert per_regel["TRM-VERZUIM"].totaal_afgekeurd == 1
        assert all(r.soort == "termijnen" for r in k.per_regel)

    def test_oordelen_van_voor_de_periode_tellen_niet(self, client: TestClient) -> None:
        bid = client.post(
            "/v1/beslissingen", json=termijnen("20000.00", "Z"), headers=auth("medewerker")
        ).json()["id"]
        _oordeel(client, bid, "akkoord")
        over_twee_jaar = dt.datetime.now(dt.UTC) + dt.timedelta(days=730)
        k = _cijfers(client, tot=over_twee_jaar)
        assert k.per_soort == ()

    def test_gerealiseerde_steekproef(self, client: TestClient) -> None:
        """Below the threshold only the sample asks for review: the page's figure equals the
        share of decisions that came back 'vereist' (counted from the API's answers)."""
        antwoorden = [
            client.post(
                "/v1/beslissingen", json=termijnen("500.00", "Z"), headers=auth("medewerker")
            ).json()
            for _ in range(25)
        ]
        getrokken = sum(1 for a in antwoorden if a["beoordeling"]["vereist"])
        client.post("/v1/beslissingen", json=termijnen("20000.00", "Z"), headers=auth("medewerker"))
        steekproef = {s.soort: s for s in _cijfers(client).steekproef}["termijnen"]
        assert steekproef.beslissingen == 26
        assert steekproef.zonder_andere_reden == 25  # the € 20,000 one had another reason
        assert steekproef.in_steekproef == getrokken
        assert str(steekproef.percentage) == "0.10"
        assert {s.soort: s for s in _cijfers(client).steekproef}["afschrijving"].altijd is True

    @pytest.mark.parametrize(
        "principal",
        [
            Principal("a.visser", "medewerker", "senior-invorderaar"),
            Principal("zaaksysteem", "systeem"),
        ],
        ids=lambda p: p.id,
    )
    def test_alleen_teamleider_en_beleid(self, client: TestClient, principal: Principal) -> None:
        with pytest.raises(Verboden):
            _cijfers(client, principal)
        assert _cijfers(client, Principal("p.mulder", "beleid")).steekproef


class TestGrafiek:
    def test_staven_in_verhouding(self) -> None:
        reeks = Reeks("termijnen", None, akkoord=(3, 0, 1), afgekeurd=(1, 0, 0))
        g = grafiek.percentages(reeks, ["jan 2026", "feb 2026", "mrt 2026"])
        eerste, leeg, derde = g.staven
        assert (eerste.h_akkoord, eerste.h_afgekeurd) == (120.0, 40.0)  # 75 % / 25 % of 160
        assert eerste.y_afgekeurd + eerste.h_afgekeurd == eerste.y_akkoord  # stacked
        assert eerste.y_akkoord + eerste.h_akkoord == g.boven + g.plot_hoogte  # on the axis
        assert (leeg.n, leeg.h_akkoord, leeg.h_afgekeurd) == (0, 0.0, 0.0)
        assert derde.h_akkoord == 160.0
        assert eerste.label == ("jan", "2026")
        assert g.beschrijving == "Van 5 beoordelingen 4 akkoord (80 %) en 1 afgekeurd (20 %)."

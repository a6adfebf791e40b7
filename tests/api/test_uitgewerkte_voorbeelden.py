"""Worked examples through POST /v1/beslissingen: the betalings-, bezwaar-, aanmanings- and
verjaringstermijn of a termijnen decision, each worked out by hand with its grondslag."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.test_beslissingen import termijnen
from tests.conftest import auth

# (verzonden, betalingstermijnEinde): Awb 4:87 + Algemene termijnenwet, worked by hand
BETALINGSTERMIJNEN = [
    ("2026-01-05", "2026-02-16"),
    ("2026-02-20", "2026-04-07"),
    ("2026-11-13", "2026-12-28"),
]


class TestUitgewerkteVoorbeelden:
    @pytest.mark.parametrize(("verzonden", "einde"), BETALINGSTERMIJNEN)
    def test_betalings_en_bezwaartermijn(
        self, client: TestClient, verzonden: str, einde: str
    ) -> None:
        """Six weeks after sending, extended by the Algemene termijnenwet."""
        r = client.post("/v1/beslissingen", json=termijnen(verzonden), headers=auth("medewerker"))
        assert r.status_code == 201, r.text
        vordering = r.json()["uitkomst"]["vorderingen"][0]
        assert vordering["betalingstermijnEinde"] == einde
        assert vordering["bezwaartermijnEinde"] == einde
        grondslagen = {
            (g["regeling"], g["artikel"])
            for reden in r.json()["redenen"]
            for g in reden["grondslag"]
        }
        assert ("Algemene wet bestuursrecht", "4:87") in grondslagen
        assert ("Algemene termijnenwet", "1") in grondslagen

    @pytest.mark.parametrize(
        ("aanmaning", "einde"), [("2026-04-30", "2026-05-18"), ("2026-12-11", "2026-12-28")]
    )
    def test_aanmaningstermijn(self, client: TestClient, aanmaning: str, einde: str) -> None:
        """Two weeks after the aanmaning, with the Atw (Hemelvaart + KB day; Kerstdagen)."""
        verzoek = termijnen("2026-01-05", "2027-01-01", aanmaningen=[{"verzenddatum": aanmaning}])
        r = client.post("/v1/beslissingen", json=verzoek, headers=auth("medewerker"))
        assert r.status_code == 201, r.text
        assert r.json()["uitkomst"]["vorderingen"][0]["aanmaningstermijnEinde"] == einde
        assert any(
            reden["regel"] == "TRM-AANMANINGSTERMIJN"
            and "4:112" in [g["artikel"] for g in reden["grondslag"]]
            for reden in r.json()["redenen"]
        )

    def test_verjaring_en_stuiting(self, client: TestClient) -> None:
        """No stuiting: 2031-02-16; an aanmaning of 1 March 2027 restarts it: 2032-03-01."""
        zonder = client.post(
            "/v1/beslissingen", json=termijnen("2026-01-05"), headers=auth("medewerker")
        )
        assert zonder.json()["uitkomst"]["vorderingen"][0]["verjaringstermijnEinde"] == "2031-02-16"
        met = client.post(
            "/v1/beslissingen",
            json=termijnen(
                "2026-01-05", "2027-03-05", aanmaningen=[{"verzenddatum": "2027-03-01"}]
            ),
            headers=auth("medewerker"),
        )
        assert met.json()["uitkomst"]["vorderingen"][0]["verjaringstermijnEinde"] == "2032-03-01"
        regels = [r["regel"] for r in met.json()["redenen"]]
        assert "VERJ-TERMIJN-NA-STUITING" in regels

"""GET /v1/beslissingen as a list (filters on behandelaar, soort and status; pagination with
links) and GET /v1/regelsets, against a real database."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_beslissingen import termijnen
from tests.conftest import TERMIJNEN_VERSIE, auth


class TestLijst:
    def test_filter_en_paginering(self, client: TestClient) -> None:
        """Newest first, filtered by behandelaar, paginated with links."""
        ids = []
        for wie in ("medewerker", "collega", "medewerker", "medewerker"):
            ids.append(
                client.post(
                    "/v1/beslissingen", json=termijnen("2026-01-05"), headers=auth(wie)
                ).json()["id"]
            )
        mijn = [i for i, wie in zip(ids, ("m", "c", "m", "m"), strict=True) if wie == "m"]
        p1 = client.get(
            "/v1/beslissingen?behandelaar=m.devries&paginaGrootte=2", headers=auth("medewerker")
        ).json()
        assert p1["aantal"] == 3
        assert [b["id"] for b in p1["resultaten"]] == mijn[::-1][:2]
        assert p1["vorige"] is None
        p2 = client.get(p1["volgende"], headers=auth("medewerker")).json()
        assert [b["id"] for b in p2["resultaten"]] == mijn[::-1][2:]
        assert p2["volgende"] is None
        alle = client.get("/v1/beslissingen?soort=termijnen", headers=auth("beleid")).json()
        assert alle["aantal"] == 4
        geen = client.get("/v1/beslissingen?soort=afschrijving", headers=auth("beleid")).json()
        assert geen["aantal"] == 0

    def test_statusfilter_met_alle_statussen(self, client: TestClient) -> None:
        """Decisions of four statuses in one database: each filter returns exactly its own."""
        groot = termijnen("2026-01-05", bedrag="20000.00", openstaandBedrag="20000.00")
        ids = [
            client.post("/v1/beslissingen", json=v, headers=auth("medewerker")).json()["id"]
            for v in (termijnen("2026-01-05"), termijnen("2026-02-20"), groot, groot, groot)
        ]
        for beslissing_id, oordeel in zip(ids[2:4], ("akkoord", "afgekeurd"), strict=True):
            r = client.post(
                f"/v1/beslissingen/{beslissing_id}/beoordelingen",
                json={"oordeel": oordeel, "toelichting": "gecontroleerd"},
                headers=auth("collega"),
            )
            assert r.status_code == 201, r.text
        status = {
            i: client.get(f"/v1/beslissingen/{i}", headers=auth("beleid")).json()["beoordeling"][
                "status"
            ]
            for i in ids
        }
        assert {"open", "goedgekeurd", "afgekeurd"} <= set(status.values())
        for gezocht in ("nietVereist", "open", "goedgekeurd", "afgekeurd"):
            r = client.get(
                f"/v1/beslissingen?status={gezocht}&paginaGrootte=100", headers=auth("beleid")
            )
            assert r.status_code == 200
            assert {b["id"] for b in r.json()["resultaten"]} == {
                i for i, s in status.items() if s == gezocht
            }, gezocht
            assert all(b["beoordeling"]["status"] == gezocht for b in r.json()["resultaten"])

    def test_ongeldige_paginering(self, client: TestClient) -> None:
        r = client.get("/v1/beslissingen?paginaGrootte=1000&pagina=0", headers=auth("medewerker"))
        assert r.status_code == 400
        assert {p["name"] for p in r.json()["invalidParams"]} == {"pagina", "paginaGrootte"}


class TestRegelsets:
    def test_geladen_regelsets(self, client: TestClient) -> None:
        r = client.get("/v1/regelsets", headers=auth("beleid"))
        assert r.status_code == 200
        termijnen_set = next(x for x in r.json() if x["naam"] == "termijnen")
        assert termijnen_set["versie"] == TERMIJNEN_VERSIE
        assert termijnen_set["geldigVanaf"] == "2009-01-01"
        assert len(termijnen_set["hash"]) == 64
        assert "gedeeld/verjaring.yaml" in termijnen_set["bestanden"]
        assert "VERJ-VERJAARD" in termijnen_set["regels"]

"""Mandates and collegial review with the shipped mandate register: the toetsdrempel and the
sample, verdicts and their toelichting, who never reviews, write-offs that always wait for a
colleague. A stricter register (above the mandate, one verdict): test_boven_mandaat.py."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.mandates.register import in_steekproef
from tests.conftest import auth


def termijnen(openstaand: str, **extra: Any) -> dict[str, Any]:
    return {
        "soort": "termijnen",
        "peildatum": "2026-03-01",
        "gegevens": {
            "vorderingen": [
                {"id": "V1", "bedrag": openstaand, "verzenddatumBeschikking": "2026-01-05"}
            ]
        },
        **extra,
    }


def beoordeling(
    client: TestClient,
    beslissing_id: str,
    wie: str,
    oordeel: str = "akkoord",
    toelichting: str | None = None,
) -> Any:
    return client.post(
        f"/v1/beslissingen/{beslissing_id}/beoordelingen",
        json={"oordeel": oordeel, "toelichting": toelichting},
        headers=auth(wie),
    )


class TestGeleverdRegister:
    def test_boven_toetsdrempel_open_en_collega_keurt_goed(self, client: TestClient) -> None:
        """€ 50,000 termijnen by demo-medewerker: open (threshold); demo-collega may approve."""
        r = client.post("/v1/beslissingen", json=termijnen("50000.00"), headers=auth("medewerker"))
        assert r.status_code == 201
        body = r.json()
        assert body["mandaat"]["vereisteRol"] == "medewerker-invorderen"
        assert body["mandaat"]["bedrag"] == "50000.00"
        assert body["mandaat"]["behandelaarBevoegd"] is True
        assert body["mandaat"]["mandaatregister"]["versie"] == "1.1.0"
        assert body["beoordeling"]["vereist"] is True
        assert body["beoordeling"]["status"] == "open"
        assert "toetsdrempel" in body["beoordeling"]["reden"]
        assert beoordeling(client, body["id"], "medewerker").status_code == 403  # own decision
        goed = beoordeling(client, body["id"], "collega", toelichting="Klopt.")
        assert goed.status_code == 201, goed.text
        assert goed.json()["beoordelaar"] == "j.bakker"
        na = client.get(f"/v1/beslissingen/{body['id']}", headers=auth("medewerker")).json()
        assert na["beoordeling"]["status"] == "goedgekeurd"
        assert beoordeling(client, body["id"], "teamleider").status_code == 409
        lijst = client.get(f"/v1/beslissingen/{body['id']}/beoordelingen", headers=auth("beleid"))
        assert [b["oordeel"] for b in lijst.json()] == ["akkoord"]

    def test_onder_drempel_geen_toets_tenzij_steekproef(self, client: TestClient) -> None:
        """Below the threshold only the reproducible sample (from the id) asks for review."""
        for _ in range(12):
            body = client.post(
                "/v1/beslissingen", json=termijnen("500.00"), headers=auth("medewerker")
            ).json()
            assert body["beoordeling"]["vereist"] is in_steekproef(
                body["id"], __import__("decimal").Decimal("0.10")
            )
            if not body["beoordeling"]["vereist"]:
                assert body["beoordeling"]["status"] == "nietVereist"
                assert beoordeling(client, body["id"], "collega").status_code == 409
            else:
                assert "steekproef" in body["beoordeling"]["reden"]

    def test_afkeuren_vraagt_toelichting(self, client: TestClient) -> None:
        beslissing_id = client.post(
            "/v1/beslissingen", json=termijnen("20000.00"), headers=auth("medewerker")
        ).json()["id"]
        zonder = beoordeling(client, beslissing_id, "collega", "afgekeurd")
        assert zonder.status_code == 400
        assert zonder.json()["invalidParams"][0]["name"] == "toelichting"
        met = beoordeling(client, beslissing_id, "collega", "afgekeurd", "Verzenddatum onjuist.")
        assert met.status_code == 201
        assert (
            client.get("/v1/beslissingen?status=afgekeurd", headers=auth("beleid")).json()["aantal"]
            == 1
        )

    @pytest.mark.parametrize("wie", ["systeem", "beleid"])
    def test_systeem_en_beleid_beoordelen_niet(self, client: TestClient, wie: str) -> None:
        beslissing_id = client.post(
            "/v1/beslissingen", json=termijnen("20000.00"), headers=auth("medewerker")
        ).json()["id"]
        assert beoordeling(client, beslissing_id, wie).status_code == 403

    def test_statusfilter(self, client: TestClient) -> None:
        client.post("/v1/beslissingen", json=termijnen("20000.00"), headers=auth("medewerker"))
        open_ = client.get("/v1/beslissingen?status=open", headers=auth("beleid")).json()
        assert open_["aantal"] >= 1
        assert all(b["beoordeling"]["status"] == "open" for b in open_["resultaten"])

    def test_mandaatregister(self, client: TestClient) -> None:
        r = client.get("/v1/mandaten", headers=auth("medewerker"))
        assert r.status_code == 200
        assert r.json()["rollen"][0] == "medewerker-invorderen"
        assert r.json()["voorbeeld"] is True
        assert r.json()["soorten"]["afschrijving"]["altijdBeoordelen"] is True


class TestAfschrijving:
    def afschrijving(self, client: TestClient, bedrag: str) -> Any:
        return client.post(
            "/v1/beslissingen",
            json={
                "soort": "afschrijving",
                "peildatum": "2026-03-01",
                "gegevens": {
                    "vorderingen": [
                        {"id": "V1", "bedrag": bedrag, "verzenddatumBeschikking": "2019-01-07"}
                    ]
                },
            },
            headers=auth("medewerker"),
        ).json()

    def test_altijd_collegiale_toets(self, client: TestClient) -> None:
        """A write-off within the medewerker's mandate still waits for a colleague."""
        body = self.afschrijving(client, "800.00")
        assert body["uitkomst"]["grond"] == "verjaring"
        assert body["mandaat"]["vereisteRol"] == "medewerker-invorderen"
        assert body["mandaat"]["behandelaarBevoegd"] is True
        assert body["beoordeling"]["status"] == "open"
        assert "altijd collegiaal getoetst" in body["beoordeling"]["reden"]
        assert beoordeling(client, body["id"], "collega").status_code == 201

    def test_boven_mandaat_naar_senior(self, client: TestClient) -> None:
        body = self.afschrijving(client, "3000.00")
        assert body["mandaat"]["vereisteRol"] == "senior-invorderaar"
        assert body["mandaat"]["behandelaarBevoegd"] is False
        assert beoordeling(client, body["id"], "collega").status_code == 403
        assert beoordeling(client, body["id"], "senior").status_code == 201

    def test_boven_elk_mandaat(self, client: TestClient) -> None:
        body = self.afschrijving(client, "600000.00")
        assert body["mandaat"]["vereisteRol"] is None
        assert "escaleren buiten de service" in body["beoordeling"]["reden"]
        assert beoordeling(client, body["id"], "teamleider").status_code == 403

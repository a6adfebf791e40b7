"""NL API Design Rules: Logius' Spectral ruleset on the document, and the points checked by hand."""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service import __version__
from service.cli import OPENAPI_BESTAND
from tests.conftest import ROOT, aantal_beslissingen, auth
from tests.referentie import referentie, spectral


def termijnen(
    zaak: str = "Z-1", peildatum: str = "2026-03-01", bedrag: str = "100.00"
) -> dict[str, Any]:
    return {
        "soort": "termijnen",
        "peildatum": peildatum,
        "zaakreferentie": zaak,
        "gegevens": {
            "vorderingen": [{"id": "V1", "bedrag": bedrag, "verzenddatumBeschikking": "2026-01-05"}]
        },
    }


def neem(client: TestClient, **kwargs: Any) -> dict[str, Any]:
    r = client.post("/v1/beslissingen", json=termijnen(**kwargs), headers=auth("medewerker"))
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


class TestSpectral:
    def test_adr_ruleset_nul_fouten_nul_waarschuwingen(self) -> None:
        """The committed document passes Logius' ADR ruleset without any result."""
        regels = referentie("adr-ruleset.yaml")
        uit = subprocess.run(
            [str(spectral()), "lint", "-r", str(regels), "-f", "json", str(ROOT / OPENAPI_BESTAND)],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
        resultaten = json.loads(uit.stdout[: uit.stdout.rindex("]") + 1])
        assert resultaten == [], json.dumps(resultaten, indent=1)[:4000]
        assert uit.returncode == 0, uit.stderr

    def test_document_noemt_versie_contact_en_server(self, client: TestClient) -> None:
        document = client.get("/v1/openapi.json").json()
        assert document["servers"][0]["url"] == "/v1"
        assert all(not pad.startswith("/v1") for pad in document["paths"])
        contact = document["info"]["contact"]
        assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", contact["email"])
        assert contact["name"] and contact["url"]
        assert "HTTPValidationError" not in json.dumps(document)


class TestHttp:
    def test_head_op_elke_get(self, client: TestClient) -> None:
        """HEAD answers like GET (status and headers) without a body, on every GET resource."""
        b = neem(client)
        paden = [
            "/v1/beslissingen",
            f"/v1/beslissingen/{b['id']}",
            f"/v1/beslissingen/{b['id']}/audittrail",
            f"/v1/beslissingen/{b['id']}/beoordelingen",
            "/v1/regelsets",
            "/v1/regelsets/termijnen",
            "/v1/mandaten",
            "/v1/statistieken",
            "/v1/health",
            "/v1/openapi.json",
        ]
        for pad in paden:
            get = client.get(pad, headers=auth("medewerker"))
            head = client.head(pad, headers=auth("medewerker"))
            assert (head.status_code, get.status_code) == (200, 200), pad
            assert head.content == b"", pad
            assert head.headers["content-type"] == get.headers["content-type"], pad
            assert head.headers["API-Version"] == __version__, pad

    def test_415_bij_ander_mediatype(self, client: TestClient, db_engine: Engine) -> None:
        r = client.post(
            "/v1/beslissingen",
            content=json.dumps(termijnen()),
            headers={**auth("medewerker"), "Content-Type": "text/plain"},
        )
        assert r.status_code == 415
        assert r.headers["content-type"] == "application/problem+json"
        assert r.headers["Accept-Post"] == "application/json"
        assert r.headers["API-Version"] == __version__
        assert r.json()["status"] == 415
        assert aantal_beslissingen(db_engine) == 0
        # a JSON body with a charset parameter is fine
        ok = client.post(
            "/v1/beslissingen",
            content=json.dumps(termijnen()),
            headers={**auth("medewerker"), "Content-Type": "application/json; charset=utf-8"},
        )
        assert ok.status_code == 201

    @pytest.mark.parametrize(
        ("methode", "pad", "allow"),
        [
            ("DELETE", "/v1/beslissingen", "GET, HEAD, POST"),
            ("PUT", "/v1/beslissingen/abc", "GET, HEAD"),
            ("PATCH", "/v1/beslissingen/abc/beoordelingen", "GET, HEAD, POST"),
            ("POST", "/v1/regelsets", "GET, HEAD"),
        ],
    )
    def test_405_met_volledige_allow(
        self, client: TestClient, methode: str, pad: str, allow: str
    ) -> None:
        r = client.request(methode, pad, headers=auth("medewerker"))
        assert r.status_code == 405
        assert r.headers["Allow"] == allow
        assert r.headers["content-type"] == "application/problem+json"

    def test_hsts_en_beveiligingsheaders(self, client: TestClient) -> None:
        r = client.get("/v1/health")
        assert r.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert r.headers["X-Content-Type-Options"] == "nosniff"

    def test_onbekende_queryparameter_400(self, client: TestClient) -> None:
        neem(client, zaak="Z-1")
        neem(client, zaak="Z-2")
        r = client.get("/v1/beslissingen?zaakref=Z-1&foo=1", headers=auth("medewerker"))
        assert r.status_code == 400
        assert r.headers["content-type"] == "application/problem+json"
        assert [p["name"] for p in r.json()["invalidParams"]] == ["foo", "zaakref"]
        assert client.get("/v1/mandaten?x=1", headers=auth("medewerker")).status_code == 400
        assert client.head("/v1/mandaten?x=1", headers=auth("medewerker")).status_code == 400
        assert client.get("/v1/health?uitgebreid=1").status_code == 400


class TestLijst:
    def test_filter_op_zaakreferentie(self, client: TestClient) -> None:
        eerste = neem(client, zaak="Z-1")
        neem(client, zaak="Z-2")
        r = client.get("/v1/beslissingen?zaakreferentie=Z-1", headers=auth("medewerker"))
        assert r.status_code == 200
        assert [b["id"] for b in r.json()["resultaten"]] == [eerste["id"]]
        assert r.json()["aantal"] == 1

    def test_sorteer(self, client: TestClient) -> None:
        for peildatum, zaak in [
            ("2026-03-02", "Z-b"),
            ("2026-03-01", "Z-c"),
            ("2026-03-03", "Z-a"),
        ]:
            neem(client, zaak=zaak, peildatum=peildatum)
        oplopend = client.get("/v1/beslissingen?sorteer=peildatum", headers=auth("medewerker"))
        assert [b["peildatum"] for b in oplopend.json()["resultaten"]] == [
            "2026-03-01",
            "2026-03-02",
            "2026-03-03",
        ]
        aflopend = client.get(
            "/v1/beslissingen?sorteer=-zaakreferentie", headers=auth("medewerker")
        )
        assert [b["zaakreferentie"] for b in aflopend.json()["resultaten"]] == ["Z-c", "Z-b", "Z-a"]
        fout = client.get("/v1/beslissingen?sorteer=-bsn,soort", headers=auth("medewerker"))
        assert fout.status_code == 400
        assert fout.json()["invalidParams"][0]["name"] == "sorteer"

    def test_link_headers_naast_body(self, client: TestClient) -> None:
        for i in range(5):
            neem(client, zaak=f"Z-{i}")
        r = client.get(
            "/v1/beslissingen?paginaGrootte=2&pagina=2&sorteer=zaakreferentie",
            headers=auth("medewerker"),
        )
        body = r.json()
        links = {
            rel: url for url, rel in re.findall(r'<([^>]+)>; rel="([a-z]+)"', r.headers["Link"])
        }
        assert links == {
            "first": body["eerste"],
            "prev": body["vorige"],
            "next": body["volgende"],
            "last": body["laatste"],
        }
        assert links["last"].endswith("pagina=3&paginaGrootte=2")
        assert "sorteer=zaakreferentie" in links["next"]
        volgende = client.get(links["next"], headers=auth("medewerker")).json()
        assert [b["zaakreferentie"] for b in volgende["resultaten"]] == ["Z-4"]


class TestBeoordelingLocation:
    def test_location_na_beoordeling_bestaat_en_is_geaudit(self, client: TestClient) -> None:
        b = neem(client, bedrag="20000.00")
        assert b["beoordeling"]["status"] == "open"
        r = client.post(
            f"/v1/beslissingen/{b['id']}/beoordelingen",
            json={"oordeel": "akkoord"},
            headers=auth("teamleider"),
        )
        assert r.status_code == 201
        gelezen = client.get(r.headers["Location"], headers=auth("teamleider"))
        assert gelezen.status_code == 200
        assert gelezen.json() == r.json()
        anders = client.get(
            f"/v1/beslissingen/{b['id']}/beoordelingen/onbekend", headers=auth("teamleider")
        )
        assert anders.status_code == 404
        trail = client.get(f"/v1/beslissingen/{b['id']}/audittrail", headers=auth("beleid"))
        assert ("s.smit", "Beoordeling gelezen") in [
            (a["gebruikersId"], a["actieWeergave"]) for a in trail.json()
        ]


def test_changelog_van_de_api() -> None:
    """CHANGELOG.md (the API's, not the rules') has a heading for the current version."""
    tekst = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[?{re.escape(__version__)}\]?", tekst, re.MULTILINE)

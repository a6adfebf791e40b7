"""Werkbank sessions over HTTP: cookie flags, CSRF, login required, headers, no open redirect."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.settings import Instellingen
from tests.conftest import auth
from tests.werkbank.conftest import termijnen

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(client: TestClient, pad: str = "/werkbank/inloggen") -> str:
    gevonden = CSRF.search(client.get(pad).text)
    assert gevonden, f"geen CSRF-token op {pad}"
    return gevonden.group(1)


def log_in(client: TestClient, principal: str) -> Any:
    return client.post(
        "/werkbank/inloggen",
        data={"csrf_token": csrf(client), "principal": principal},
        follow_redirects=False,
    )


def open_beslissing(client: TestClient, bedrag: str = "20000.00") -> str:
    r = client.post("/v1/beslissingen", json=termijnen(bedrag, "Z-S"), headers=auth("medewerker"))
    assert r.status_code == 201
    return str(r.json()["id"])


def status(client: TestClient, beslissing_id: str) -> str:
    r = client.get(f"/v1/beslissingen/{beslissing_id}", headers=auth("beleid"))
    return str(r.json()["beoordeling"]["status"])


class TestCookie:
    def test_httponly_samesite_lax_niet_secure_in_ontwikkeling(self, client: TestClient) -> None:
        r = log_in(client, "j.bakker")
        assert r.status_code == 303 and r.headers["location"] == "/werkbank/"
        cookie = r.headers["set-cookie"].lower()
        assert cookie.startswith("werkbank_sessie=")
        assert "httponly" in cookie and "samesite=lax" in cookie and "path=/werkbank" in cookie
        assert "secure" not in cookie

    def test_de_api_zet_geen_cookie(self, client: TestClient) -> None:
        r = client.post(
            "/v1/beslissingen", json=termijnen("10.00", "Z"), headers=auth("medewerker")
        )
        assert "set-cookie" not in r.headers

    def test_vervalste_cookie_telt_niet(self, client: TestClient) -> None:
        log_in(client, "j.bakker")
        echt = client.cookies["werkbank_sessie"]
        client.cookies.clear()
        client.cookies.set("werkbank_sessie", echt[:-3] + "xyz", path="/werkbank")
        r = client.get("/werkbank/", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/werkbank/inloggen")
        client.cookies.clear()
        client.cookies.set("werkbank_sessie", echt, path="/werkbank")  # control: the real one
        assert client.get("/werkbank/", follow_redirects=False).status_code == 200


class TestInloggenVereist:
    @pytest.mark.parametrize(
        "pad", ["/werkbank/", "/werkbank/mijn-beslissingen", "/werkbank/kwaliteit"]
    )
    def test_doorgestuurd_met_volgende(self, client: TestClient, pad: str) -> None:
        r = client.get(pad, follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"].startswith("/werkbank/inloggen?volgende=")

    def test_na_inloggen_terug_naar_de_gevraagde_pagina(self, client: TestClient) -> None:
        r = client.post(
            "/werkbank/inloggen",
            data={
                "csrf_token": csrf(client),
                "principal": "s.smit",
                "volgende": "/werkbank/kwaliteit?per=week",
            },
            follow_redirects=False,
        )
        assert r.headers["location"] == "/werkbank/kwaliteit?per=week"

    @pytest.mark.parametrize(
        "volgende", ["https://elders.example/", "//elders.example/werkbank/", "/v1/beslissingen"]
    )
    def test_geen_open_redirect(self, client: TestClient, volgende: str) -> None:
        r = client.post(
            "/werkbank/inloggen",
            data={"csrf_token": csrf(client), "principal": "j.bakker", "volgende": volgende},
            follow_redirects=False,
        )
        assert r.headers["location"] == "/werkbank/"

    def test_uitloggen_beeindigt_de_sessie(self, client: TestClient) -> None:
        log_in(client, "j.bakker")
        token = csrf(client, "/werkbank/")
        r = client.post("/werkbank/uitloggen", data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        assert client.get("/werkbank/", follow_redirects=False).status_code == 303


class TestCsrf:
    def test_inloggen_zonder_token_geweigerd(self, client: TestClient) -> None:
        client.get("/werkbank/inloggen")
        r = client.post("/werkbank/inloggen", data={"principal": "j.bakker"})
        assert r.status_code == 403
        assert client.get("/werkbank/", follow_redirects=False).status_code == 303

    @pytest.mark.parametrize("token", ["", "fout-token"])
    def test_oordeel_zonder_geldig_token_verandert_niets(
        self, client: TestClient, token: str
    ) -> None:
        bid = open_beslissing(client)
        log_in(client, "j.bakker")
        r = client.post(
            f"/werkbank/beslissingen/{bid}/beoordeling",
            data={"csrf_token": token, "oordeel": "akkoord", "toelichting": "x"},
        )
        assert r.status_code == 403
        assert "formulier is verlopen" in r.text
        assert status(client, bid) == "open"

    def test_uitloggen_zonder_token_geweigerd(self, client: TestClient) -> None:
        log_in(client, "j.bakker")
        assert client.post("/werkbank/uitloggen", data={}).status_code == 403
        assert client.get("/werkbank/", follow_redirects=False).status_code == 200


class TestZelfdeRegelsAlsDeApi:
    def test_eigen_beslissing_403_in_de_pagina(self, client: TestClient) -> None:
        bid = open_beslissing(client)
        log_in(client, "m.devries")
        pagina = client.get(f"/werkbank/beslissingen/{bid}")
        assert pagina.status_code == 200 and 'value="akkoord"' not in pagina.text
        r = client.post(
            f"/werkbank/beslissingen/{bid}/beoordeling",
            data={"csrf_token": csrf(client, "/werkbank/"), "oordeel": "akkoord"},
        )
        assert r.status_code == 403
        assert "Niemand beoordeelt zijn eigen beslissing" in r.text
        assert status(client, bid) == "open"

    def test_al_beoordeeld_409(self, client: TestClient) -> None:
        bid = open_beslissing(client)
        log_in(client, "j.bakker")
        token = csrf(client, "/werkbank/")
        assert client.post(
            f"/v1/beslissingen/{bid}/beoordelingen",
            json={"oordeel": "akkoord"},
            headers=auth("senior"),
        ).is_success
        r = client.post(
            f"/werkbank/beslissingen/{bid}/beoordeling",
            data={"csrf_token": token, "oordeel": "afgekeurd", "toelichting": "te laat"},
        )
        assert r.status_code == 409
        assert "wacht niet op een beoordeling" in r.text
        assert status(client, bid) == "goedgekeurd"

    def test_buiten_mandaat_403(self, client: TestClient) -> None:
        """An afschrijving of € 3,000 needs a senior: j.bakker may not even read it."""
        r = client.post(
            "/v1/beslissingen",
            json={
                "soort": "afschrijving",
                "peildatum": "2026-03-01",
                "gegevens": {
                    "vorderingen": [
                        {"id": "V1", "bedrag": "3000.00", "verzenddatumBeschikking": "2019-01-07"}
                    ]
                },
            },
            headers=auth("medewerker"),
        )
        log_in(client, "j.bakker")
        pagina = client.get(f"/werkbank/beslissingen/{r.json()['id']}")
        assert pagina.status_code == 403
        assert "buiten uw mandaat" in pagina.text

    def test_wachtrij_en_api_lezen_hetzelfde(self, client: TestClient) -> None:
        """The queue of j.bakker holds exactly the open decisions it may review per the API."""
        bids = [open_beslissing(client, b) for b in ("20000.00", "30000.00")]
        client.post(
            "/v1/beslissingen", json=termijnen("40000.00", "Z-eigen"), headers=auth("collega")
        )
        log_in(client, "j.bakker")
        tekst = client.get("/werkbank/").text
        in_wachtrij = re.findall(r'href="/werkbank/beslissingen/([^"]+)"', tekst)
        assert in_wachtrij == bids  # oldest first, not its own
        assert "<title>Te beoordelen (2) — Werkbank invordering</title>" in tekst


class TestHeaders:
    def test_csp_en_geen_script(self, client: TestClient) -> None:
        r = client.get("/werkbank/inloggen")
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "<script" not in r.text
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["cache-control"] == "no-store"

    def test_statische_bestanden(self, client: TestClient) -> None:
        css = client.get("/werkbank/statisch/werkbank.css")
        assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")

    def test_zonder_slash_doorgestuurd(self, client: TestClient) -> None:
        r = client.get("/werkbank", follow_redirects=False)
        assert r.status_code == 308 and r.headers["location"] == "/werkbank/"

    def test_swagger_ui_van_de_dienst_zelf(self, client: TestClient) -> None:
        html = client.get("/v1/docs").text
        bronnen = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert bronnen and all(b.startswith("/v1/") for b in bronnen), bronnen
        for bron in bronnen:
            assert client.get(bron).status_code == 200, bron


class TestInstellingen:
    def test_oidc_vraagt_client(self) -> None:
        with pytest.raises(ValueError, match="CLIENT_ID"):
            Instellingen(oidc_issuer="http://localhost:1")

    def test_oidc_in_productie_vraagt_eigen_sessiesleutel(self, tmp_path: Any) -> None:
        with pytest.raises(ValueError, match="SESSIESLEUTEL"):
            Instellingen(
                env="production",
                principals_file=tmp_path / "p.yaml",
                pseudonimiseringssleutel="productiesleutel-" + "x" * 24,
                oidc_issuer="http://localhost:1",
                oidc_client_id="c",
                oidc_client_secret="s",
            )

"""Production login with OpenID Connect against a real local provider (oidc-provider-mock:
authlib's authorization server in a Flask app on a local port)."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

import httpx
import httpx2  # the TestClient's responses (Starlette prefers httpx2)
import itsdangerous
import pytest
from fastapi.testclient import TestClient
from oidc_provider_mock import run_server_in_thread
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import Regelbibliotheek
from service.settings import ONTWIKKEL_SESSIESLEUTEL, Instellingen
from tests.werkbank.conftest import termijnen
from tests.werkbank.test_sessie import CSRF

TERUG = "https://testserver/werkbank/inloggen/oidc/terug"
SESSIESLEUTEL = "productie-sessiesleutel-" + "x" * 24
SYSTEEMTOKEN = "productietoken-systeem"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The identity provider; clients must register, and every login needs a nonce."""
    with run_server_in_thread(require_client_registration=True, require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


def gebruiker(provider: str, sub: str, **claims: Any) -> None:
    r = httpx.put(f"{provider}/users/{sub}", json={"preferred_username": sub, **claims})
    assert r.status_code == 204, r.text


def principals(tmp_path: Path) -> Path:
    bestand = tmp_path / "principals.yaml"
    sha = hashlib.sha256(SYSTEEMTOKEN.encode()).hexdigest()
    bestand.write_text(
        f"principals:\n  - {{id: zaaksysteem, rol: systeem, tokenHash: {sha}}}\n"
        # a behandelaar the case system names must be known (issue 13); no API token
        "  - {id: m.devries, rol: medewerker, mandaatrol: medewerker-invorderen}\n",
        encoding="utf-8",
    )
    return bestand


@pytest.fixture
def productie(
    provider: str, bibliotheek: Regelbibliotheek, db_engine: Engine, tmp_path: Path
) -> TestClient:
    """The service in production mode, werkbank with OIDC, reached over https."""
    registratie = httpx.post(f"{provider}/oauth2/clients", json={"redirect_uris": [TERUG]}).json()
    instellingen = Instellingen(
        env="production",
        principals_file=principals(tmp_path),
        pseudonimiseringssleutel="productiesleutel-" + "x" * 24,
        sessiesleutel=SESSIESLEUTEL,
        oidc_issuer=provider,
        oidc_client_id=registratie["client_id"],
        oidc_client_secret=registratie["client_secret"],
    )
    app = maak_app(instellingen, bibliotheek=bibliotheek, engine=db_engine)
    return TestClient(app, base_url="https://testserver", raise_server_exceptions=False)


def oidc_inloggen(client: TestClient, sub: str, state: str | None = None) -> httpx2.Response:
    """The browser's part: to the provider, choose the user there, back to the werkbank."""
    start = client.get("/werkbank/inloggen/oidc", follow_redirects=False)
    assert start.status_code == 302, start.text
    naar_provider = start.headers["location"]
    akkoord = httpx.post(naar_provider, data={"sub": sub})
    assert akkoord.status_code == 302, akkoord.text
    terug = urlsplit(akkoord.headers["location"])
    assert terug.scheme + "://" + terug.netloc + terug.path == TERUG
    query = terug.query
    if state is not None:
        parameters = parse_qs(query)
        parameters["state"] = [state]
        query = "&".join(f"{k}={v[0]}" for k, v in parameters.items())
    antwoord: httpx2.Response = client.get(
        urlunsplit(("", "", terug.path, query, "")), follow_redirects=False
    )
    return antwoord


class TestOidc:
    def test_medewerker_logt_in_en_beoordeelt(self, productie: TestClient, provider: str) -> None:
        """Id, role and mandate role come from the ID token; the session cookie is Secure."""
        gebruiker(
            provider,
            "j.bakker",
            invordering_rol="medewerker",
            invordering_mandaatrol="medewerker-invorderen",
        )
        pagina = productie.get("/werkbank/inloggen")
        assert "Inloggen met uw organisatieaccount" in pagina.text
        assert 'name="principal"' not in pagina.text  # no demo buttons in production

        terug = oidc_inloggen(productie, "j.bakker")
        assert terug.status_code == 303 and terug.headers["location"] == "/werkbank/"
        cookie = terug.headers["set-cookie"].lower()
        assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        thuis = productie.get("/werkbank/")
        assert "Ingelogd als <strong>j.bakker</strong> (medewerker-invorderen)" in thuis.text

        besluit = productie.post(
            "/v1/beslissingen",
            json={**termijnen("20000.00", "Z-OIDC"), "behandelaar": "m.devries"},
            headers={"Authorization": f"Bearer {SYSTEEMTOKEN}"},
        ).json()
        token = CSRF.search(productie.get("/werkbank/").text).group(1)  # type: ignore[union-attr]
        r = productie.post(
            f"/werkbank/beslissingen/{besluit['id']}/beoordeling",
            data={"csrf_token": token, "oordeel": "akkoord", "toelichting": "via OIDC"},
        )
        assert r.status_code == 200 and "Uw oordeel is vastgelegd: akkoord." in r.text
        oordelen = productie.get(
            f"/v1/beslissingen/{besluit['id']}/beoordelingen",
            headers={"Authorization": f"Bearer {SYSTEEMTOKEN}"},
        ).json()
        assert [(o["beoordelaar"], o["oordeel"]) for o in oordelen] == [("j.bakker", "akkoord")]

    def test_beleid_ziet_kwaliteit(self, productie: TestClient, provider: str) -> None:
        gebruiker(provider, "p.mulder", invordering_rol="beleid")
        assert oidc_inloggen(productie, "p.mulder").status_code == 303
        assert productie.get("/werkbank/kwaliteit").status_code == 200

    @pytest.mark.parametrize(
        ("claims", "reden"),
        [
            ({}, "geen rol"),
            ({"invordering_rol": "systeem"}, "geen rol"),
            (
                {"invordering_rol": "medewerker", "invordering_mandaatrol": "directeur"},
                "mandaatrol",
            ),
        ],
    )
    def test_onbruikbare_claims_geweigerd(
        self, productie: TestClient, provider: str, claims: dict[str, str], reden: str
    ) -> None:
        gebruiker(provider, "x.onbekend", **claims)
        r = oidc_inloggen(productie, "x.onbekend")
        assert r.status_code == 403
        assert "Inloggen is mislukt" in r.text and reden in r.text
        assert productie.get("/werkbank/", follow_redirects=False).status_code == 303

    def test_vervalste_state_geweigerd(self, productie: TestClient, provider: str) -> None:
        gebruiker(provider, "j.bakker", invordering_rol="medewerker")
        r = oidc_inloggen(productie, "j.bakker", state="niet-de-echte-state")
        assert r.status_code == 403
        assert productie.get("/werkbank/", follow_redirects=False).status_code == 303


def sessiecookie(sleutel: str, bron: str) -> str:
    """A session cookie as Starlette's SessionMiddleware signs it."""
    inhoud = {"principal": {"id": "s.smit", "rol": "medewerker", "mandaatrol": None, "bron": bron}}
    data = base64.b64encode(json.dumps(inhoud).encode())
    return itsdangerous.TimestampSigner(sleutel).sign(data).decode()


class TestGeenDemoInProductie:
    def test_demo_inloggen_bestaat_niet(self, productie: TestClient) -> None:
        productie.get("/werkbank/inloggen")
        r = productie.post("/werkbank/inloggen", data={"csrf_token": "", "principal": "s.smit"})
        assert r.status_code == 404
        assert productie.get("/werkbank/", follow_redirects=False).status_code == 303

    @pytest.mark.parametrize(
        ("sleutel", "bron"),
        [(ONTWIKKEL_SESSIESLEUTEL, "oidc"), (SESSIESLEUTEL, "demo")],
        ids=["ontwikkelsleutel", "demo-sessie"],
    )
    def test_sessie_van_buiten_oidc_telt_niet(
        self, productie: TestClient, sleutel: str, bron: str
    ) -> None:
        productie.cookies.set("werkbank_sessie", sessiecookie(sleutel, bron), path="/werkbank")
        assert productie.get("/werkbank/", follow_redirects=False).status_code == 303

    def test_eigen_sleutel_en_oidc_sessie_werken(self, productie: TestClient) -> None:
        """Control for the test above: a cookie signed with the key and from OIDC is accepted."""
        productie.cookies.set(
            "werkbank_sessie", sessiecookie(SESSIESLEUTEL, "oidc"), path="/werkbank"
        )
        assert productie.get("/werkbank/", follow_redirects=False).status_code == 200

    def test_zonder_oidc_kan_niemand_inloggen(
        self, bibliotheek: Regelbibliotheek, db_engine: Engine, tmp_path: Path
    ) -> None:
        instellingen = Instellingen(
            env="production",
            principals_file=principals(tmp_path),
            pseudonimiseringssleutel="productiesleutel-" + "x" * 24,
        )
        client = TestClient(
            maak_app(instellingen, bibliotheek=bibliotheek, engine=db_engine),
            base_url="https://testserver",
        )
        assert "niet ingericht" in client.get("/werkbank/inloggen").text
        assert client.get("/werkbank/inloggen/oidc").status_code == 404
        client.cookies.set(
            "werkbank_sessie", sessiecookie(ONTWIKKEL_SESSIESLEUTEL, "oidc"), path="/werkbank"
        )
        assert client.get("/werkbank/", follow_redirects=False).status_code == 303

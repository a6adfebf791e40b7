"""The documentation served behind a login dependency (to be mounted under /werkbank/regels/)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.api import problems
from service.api.security import huidige_principal
from service.decisions.principals import Principalregister
from service.engine.library import Regelbibliotheek
from service.regeldocs.router import maak_router
from tests.conftest import ROOT, TERMIJNEN_VERSIE, auth


def app_met_docs(bibliotheek: Regelbibliotheek) -> FastAPI:
    async def regels() -> Regelbibliotheek:
        return bibliotheek

    app = FastAPI()
    app.state.principals = Principalregister.uit_bestand(
        ROOT / "fixtures" / "demo-principals.yaml", tokens_in_klare_tekst=True
    )
    problems.registreer(app)
    app.include_router(
        maak_router(huidige_principal, regels, ROOT / "fixtures" / "rules"), prefix="/docs/regels"
    )
    return app


class TestRouter:
    def test_alleen_met_principal(self, bibliotheek: Regelbibliotheek) -> None:
        client = TestClient(app_met_docs(bibliotheek))
        assert client.get("/docs/regels/").status_code == 401
        antwoord = client.get("/docs/regels/", headers=auth("medewerker"))
        assert antwoord.status_code == 200
        assert antwoord.headers["content-type"] == "text/html; charset=utf-8"
        assert f'href="regelset-termijnen-{TERMIJNEN_VERSIE}.html"' in antwoord.text

    def test_paginas_en_stijl(self, bibliotheek: Regelbibliotheek) -> None:
        client = TestClient(app_met_docs(bibliotheek))
        pagina = client.get(
            "/docs/regels/parameter-betalingstermijnWeken.html", headers=auth("beleid")
        )
        assert pagina.status_code == 200 and "2009-07-01" in pagina.text
        stijl = client.get("/docs/regels/stijl.css", headers=auth("beleid"))
        assert stijl.headers["content-type"].startswith("text/css")
        onbekend = client.get("/docs/regels/bestaat-niet.html", headers=auth("beleid"))
        assert onbekend.status_code == 404
        assert onbekend.headers["content-type"] == "application/problem+json"

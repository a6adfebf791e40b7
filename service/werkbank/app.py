"""The werkbank as a FastAPI sub-application, mounted at /werkbank by the main app.

Its own middleware (session cookie, security headers) and error pages (HTML, not
problem+json) apply to the werkbank only; the API's hot path does not pass through them.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.decisions.context import Omgeving
from service.errors import ServiceFout
from service.regeldocs.router import maak_router
from service.settings import ONTWIKKEL_SESSIESLEUTEL, Instellingen
from service.werkbank import beoordelen, beslissing, brieven, inloggen, kwaliteit, mijn, oidc
from service.werkbank.afhankelijkheden import InloggenNodig, huidige_bibliotheek, ingelogd
from service.werkbank.weergave import toon

STATISCH = Path(__file__).parent / "static"
SESSIEDUUR = 8 * 60 * 60  # a working day, in seconds
log = structlog.get_logger()

# Everything from this host only; no scripts at all (the pages work without JavaScript).
CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"same-origin"),
]

PAGINAS = [
    inloggen.router,
    beoordelen.router,
    beslissing.router,
    brieven.router,
    mijn.router,
    kwaliteit.router,
]
"""Every page's router; a new page appends its own (see the package docstring)."""


class Beveiligingsheaders:
    """Pure ASGI middleware: a strict Content-Security-Policy on every werkbank response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def verzend(bericht: Message) -> None:
            if bericht["type"] == "http.response.start":
                bericht["headers"] = [*bericht.get("headers", []), *HEADERS]
            await send(bericht)

        await self.app(scope, receive, verzend)


def _sessiesleutel(instellingen: Instellingen) -> str:
    sleutel = instellingen.sessiesleutel.get_secret_value()
    if instellingen.env == "production" and sleutel == ONTWIKKEL_SESSIESLEUTEL:
        # No key configured (then OIDC is off, see settings): a key nobody knows, so that
        # no one can forge a session with the published development key.
        return secrets.token_urlsafe(32)
    return sleutel


def _foutpagina(request: Request, status: int, titel: str, detail: str) -> Response:
    return toon(request, "fout.html", status_code=status, titel=titel, detail=detail)


def _registreer_fouten(app: FastAPI) -> None:
    async def inloggen_nodig(request: Request, _fout: Exception) -> Response:
        url = request.url_for("inlogpagina")
        if request.method == "GET":  # a form posted after the session ended: start afresh
            doel = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            url = url.include_query_params(volgende=doel)
        return RedirectResponse(url.path + (f"?{url.query}" if url.query else ""), 303)

    async def servicefout(request: Request, fout: Exception) -> Response:
        assert isinstance(fout, ServiceFout)
        return _foutpagina(request, fout.status, fout.titel, fout.detail)

    async def http_fout(request: Request, fout: Exception) -> Response:
        assert isinstance(fout, StarletteHTTPException)
        if fout.status_code == 404:
            return _foutpagina(request, 404, "Niet gevonden", "Deze pagina bestaat niet.")
        return _foutpagina(request, fout.status_code, "Fout", str(fout.detail))

    async def ongeldig(request: Request, _fout: Exception) -> Response:
        return _foutpagina(
            request, 400, "Ongeldig verzoek", "Het adres of het formulier klopt niet."
        )

    async def onverwacht(request: Request, fout: Exception) -> Response:
        log.error("onverwachte_fout", pad=request.url.path, fout=type(fout).__name__)
        return _foutpagina(
            request, 500, "Er ging iets mis", "Probeer het later opnieuw of meld het aan beheer."
        )

    app.add_exception_handler(InloggenNodig, inloggen_nodig)
    app.add_exception_handler(ServiceFout, servicefout)
    app.add_exception_handler(StarletteHTTPException, http_fout)
    app.add_exception_handler(RequestValidationError, ongeldig)
    app.add_exception_handler(Exception, onverwacht)


def maak_werkbank(
    instellingen: Instellingen, omgeving: Omgeving, engine: Engine, hoofd: Any = None
) -> FastAPI:
    """The werkbank app. Development: log in with a button per demo principal; production:
    OpenID Connect when configured (otherwise nobody can log in).

    `hoofd` is the main app's state: pages then follow its current rules after a reload.
    """
    productie = instellingen.env == "production"
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, redirect_slashes=False)
    app.state.omgeving = omgeving
    app.state.hoofd = hoofd
    app.state.engine = engine
    app.state.regelmap = instellingen.rules_dir
    app.state.ontwikkeling = not productie
    app.state.oidc = oidc.client(instellingen)
    app.state.oidc_claims = oidc.Claims.uit(instellingen)
    app.state.aanmeldbronnen = {"oidc"} if productie else {"oidc", "demo"}
    _registreer_fouten(app)
    for router in PAGINAS:
        app.include_router(router)
    # The rule documentation for jurists (issue 11), read-only, for everyone logged in.
    app.include_router(maak_router(ingelogd, huidige_bibliotheek), prefix="/regels")
    app.mount("/statisch", StaticFiles(directory=STATISCH), name="statisch")
    app.add_middleware(
        SessionMiddleware,
        secret_key=_sessiesleutel(instellingen),
        session_cookie="werkbank_sessie",
        max_age=SESSIEDUUR,
        path="/werkbank",
        same_site="lax",
        https_only=productie,
    )
    app.add_middleware(Beveiligingsheaders)
    return app

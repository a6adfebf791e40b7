"""Dependencies of the werkbank pages: database session, environment, the logged-in
principal (login required) and the CSRF check of a posted form.

A page asks for what it needs in its signature:

    async def pagina(request: Request, principal: Ingelogd, sessie: SessieDep) -> Response:

`Ingelogd` redirects to the login page when nobody is logged in; `CsrfGecontroleerd` refuses
a posted form (403) whose `csrf_token` field does not match the session's.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from sqlmodel import Session

from service.decisions.context import Omgeving
from service.decisions.principals import Principal
from service.engine.library import Regelbibliotheek
from service.errors import Verboden
from service.herladen.wacht import actuele_omgeving

SESSIE_PRINCIPAL = "principal"
SESSIE_CSRF = "csrf"


class InloggenNodig(Exception):
    """Nobody is logged in (or the session is no longer valid): go to the login page."""


async def _sessie(request: Request) -> AsyncIterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as s:
        yield s


async def _omgeving(request: Request) -> Omgeving:
    # The main app's current environment: after a rules reload the werkbank shows the new rules.
    hoofd = getattr(request.app.state, "hoofd", None)
    if hoofd is not None:
        return actuele_omgeving(hoofd)  # type: ignore[no-any-return]
    return request.app.state.omgeving  # type: ignore[no-any-return]


async def huidige_bibliotheek(request: Request) -> Regelbibliotheek:
    """The rule sets the service runs now (for the rule documentation under /werkbank/regels)."""
    return (await _omgeving(request)).bibliotheek


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use); every form posts it as `csrf_token`."""
    token = request.session.get(SESSIE_CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSIE_CSRF] = token
    return token


def aanmelden(request: Request, principal: Principal, bron: str) -> None:
    """Start a fresh session for `principal` (a new CSRF token; nothing carried over)."""
    request.session.clear()
    request.session[SESSIE_PRINCIPAL] = {
        "id": principal.id,
        "rol": principal.rol,
        "mandaatrol": principal.mandaatrol,
        "bron": bron,
    }
    csrf_token(request)


def ingelogde_principal(request: Request) -> Principal | None:
    """The principal of this session, or None. In production only OIDC sessions count."""
    gegevens: Any = request.session.get(SESSIE_PRINCIPAL)
    if not isinstance(gegevens, dict):
        return None
    if gegevens.get("bron") not in request.app.state.aanmeldbronnen:
        return None
    return Principal(gegevens["id"], gegevens["rol"], gegevens.get("mandaatrol"))


async def ingelogd(request: Request) -> Principal:
    """The logged-in principal; anonymous visitors are sent to the login page."""
    return await _ingelogd(request)


async def _ingelogd(request: Request) -> Principal:
    principal = ingelogde_principal(request)
    if principal is None:
        raise InloggenNodig()
    return principal


async def _csrf(request: Request, csrf_token: Annotated[str, Form(max_length=100)] = "") -> None:
    verwacht = request.session.get(SESSIE_CSRF)
    if not isinstance(verwacht, str) or not hmac.compare_digest(verwacht, csrf_token):
        raise Verboden("Dit formulier is verlopen of niet van deze werkbank. Probeer het opnieuw.")


SessieDep = Annotated[Session, Depends(_sessie)]
OmgevingDep = Annotated[Omgeving, Depends(_omgeving)]
Ingelogd = Annotated[Principal, Depends(_ingelogd)]
CsrfGecontroleerd = Depends(_csrf)

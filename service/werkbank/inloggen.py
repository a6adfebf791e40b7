"""Logging in and out. Development: one button per demo principal. Production: OIDC."""

from __future__ import annotations

from typing import Annotated, Any

import structlog
from authlib.integrations.starlette_client import OAuthError
from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from service.errors import NietGevonden, Verboden
from service.werkbank import oidc
from service.werkbank.afhankelijkheden import (
    CsrfGecontroleerd,
    OmgevingDep,
    aanmelden,
    ingelogde_principal,
)
from service.werkbank.weergave import meld, toon

router = APIRouter()
log = structlog.get_logger()
VOLGENDE = "volgende"


def volgende_pad(volgende: Any) -> str | None:
    """A werkbank path to return to after login; anything else is ignored (no open redirect)."""
    if (
        isinstance(volgende, str)
        and volgende.startswith("/werkbank/")
        and "\\" not in volgende
        and len(volgende) < 500
    ):
        return volgende
    return None


def _naar(request: Request, volgende: Any) -> RedirectResponse:
    doel = volgende_pad(volgende) or request.url_for("te_beoordelen").path
    return RedirectResponse(doel, status_code=303)


@router.get("/inloggen", name="inlogpagina")
async def inlogpagina(
    request: Request,
    omgeving: OmgevingDep,
    volgende: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    """The login page: demo buttons (development) or the organisation's login (OIDC)."""
    if ingelogde_principal(request) is not None:
        return _naar(request, volgende)
    demo = omgeving.principals.alle() if request.app.state.ontwikkeling else []
    return toon(
        request,
        "inloggen.html",
        demo=demo,
        oidc=request.app.state.oidc is not None,
        volgende=volgende_pad(volgende),
    )


async def _alleen_in_ontwikkeling(request: Request) -> None:
    if not request.app.state.ontwikkeling:
        raise NietGevonden("Inloggen met een demo-principal kan alleen in ontwikkeling.")


@router.post(
    "/inloggen",
    name="inloggen_demo",
    dependencies=[Depends(_alleen_in_ontwikkeling), CsrfGecontroleerd],
)
async def inloggen_demo(
    request: Request,
    omgeving: OmgevingDep,
    principal: Annotated[str, Form(max_length=100)],
    volgende: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    """Development only: log in as a demo principal (no password; demo tokens are public)."""
    gevonden = omgeving.principals.op_id(principal)
    if gevonden is None:
        raise Verboden(f"Onbekende demo-principal '{principal}'.")
    aanmelden(request, gevonden, "demo")
    log.info("werkbank_ingelogd", principal=gevonden.id, bron="demo")
    return _naar(request, volgende)


@router.get("/inloggen/oidc", name="oidc_start")
async def oidc_start(
    request: Request, volgende: Annotated[str | None, Query(max_length=500)] = None
) -> Response:
    """Send the browser to the identity provider (state and nonce kept in the session)."""
    client = request.app.state.oidc
    if client is None:
        raise NietGevonden("Inloggen via OpenID Connect is niet ingericht.")
    request.session[VOLGENDE] = volgende_pad(volgende)
    terug = request.url_for("oidc_terug")
    return await client.authorize_redirect(request, str(terug))  # type: ignore[no-any-return]


@router.get("/inloggen/oidc/terug", name="oidc_terug")
async def oidc_terug(request: Request, omgeving: OmgevingDep) -> Response:
    """The identity provider's answer: verify it (authlib: state, signature, nonce) and log in."""
    client = request.app.state.oidc
    if client is None:
        raise NietGevonden("Inloggen via OpenID Connect is niet ingericht.")
    try:
        token = await client.authorize_access_token(request)
        principal = oidc.principal_uit(
            dict(token.get("userinfo") or {}), request.app.state.oidc_claims, omgeving.register
        )
    except OAuthError as fout:
        log.warning("werkbank_oidc_geweigerd", fout=fout.error)
        raise Verboden(
            "Inloggen is mislukt: de identiteitsprovider gaf geen geldig antwoord."
        ) from None
    except oidc.Geweigerd as fout:
        log.warning("werkbank_oidc_geweigerd", fout=str(fout))
        raise Verboden(f"Inloggen is mislukt. {fout}") from None
    volgende = request.session.get(VOLGENDE)
    aanmelden(request, principal, "oidc")
    log.info("werkbank_ingelogd", principal=principal.id, bron="oidc")
    return _naar(request, volgende)


@router.post("/uitloggen", name="uitloggen", dependencies=[CsrfGecontroleerd])
async def uitloggen(request: Request) -> Response:
    """End the session (the cookie is emptied) and go back to the login page."""
    request.session.clear()
    meld(request, "U bent uitgelogd.")
    return RedirectResponse(request.url_for("inlogpagina").path, status_code=303)

"""OpenID Connect login for the werkbank (authorization code flow, with authlib).

The principal comes from the ID token's claims: its id, its role (`medewerker` or
`beleid`; case systems do not use the werkbank) and, for a medewerker, its mandate role
(one of the mandate register's roles). Which claims hold these is configuration
(`INVORDERING_OIDC_CLAIM_*`), as every identity provider names them differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from authlib.integrations.starlette_client import OAuth

from service.decisions.principals import Principal
from service.mandates.register import GeladenRegister
from service.settings import Instellingen

NAAM = "invordering"


@dataclass(frozen=True)
class Claims:
    id: str
    rol: str
    mandaatrol: str

    @classmethod
    def uit(cls, instellingen: Instellingen) -> Claims:
        return cls(
            instellingen.oidc_claim_id,
            instellingen.oidc_claim_rol,
            instellingen.oidc_claim_mandaatrol,
        )


class Geweigerd(Exception):
    """The identity provider's answer does not make a werkbank principal (reason in Dutch)."""


def client(instellingen: Instellingen) -> Any | None:
    """The authlib client for the configured issuer, or None when OIDC is not configured."""
    if not instellingen.oidc_issuer:
        return None
    assert instellingen.oidc_client_secret is not None  # the settings validator checks this
    oauth = OAuth()
    oauth.register(
        NAAM,
        server_metadata_url=instellingen.oidc_issuer.rstrip("/")
        + "/.well-known/openid-configuration",
        client_id=instellingen.oidc_client_id,
        client_secret=instellingen.oidc_client_secret.get_secret_value(),
        client_kwargs={"scope": "openid profile"},
    )
    return oauth.create_client(NAAM)  # type: ignore[no-untyped-call]  # the stubs leave it untyped


def principal_uit(claims: dict[str, Any], namen: Claims, register: GeladenRegister) -> Principal:
    """The principal named by verified ID-token claims; raises Geweigerd with the reason."""
    principal_id = claims.get(namen.id)
    if not isinstance(principal_id, str) or not principal_id.strip():
        raise Geweigerd(f"Het identiteitsbewijs noemt geen gebruiker (claim '{namen.id}').")
    rol = claims.get(namen.rol)
    if rol not in ("medewerker", "beleid"):
        raise Geweigerd(
            f"Het identiteitsbewijs geeft geen rol 'medewerker' of 'beleid' (claim '{namen.rol}')."
        )
    mandaatrol = claims.get(namen.mandaatrol)
    if rol == "beleid":
        return Principal(principal_id, "beleid")
    if mandaatrol is not None and mandaatrol not in register.register.rollen:
        raise Geweigerd(
            f"De mandaatrol in het identiteitsbewijs staat niet in het mandaatregister "
            f"(claim '{namen.mandaatrol}')."
        )
    return Principal(principal_id, "medewerker", mandaatrol)

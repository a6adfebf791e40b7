"""Bearer authentication: every endpoint but the OpenAPI document and health."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.decisions.principals import Principal, Principalregister
from service.errors import NietGeautoriseerd

_bearer = HTTPBearer(auto_error=False, description="Bearer-token van de principal.")


async def huidige_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NietGeautoriseerd("Geef een geldig token mee: 'Authorization: Bearer <token>'.")
    register: Principalregister = request.app.state.principals
    principal = register.zoek(credentials.credentials)
    if principal is None:
        raise NietGeautoriseerd("Onbekend of ongeldig token.")
    request.state.principal = principal  # for a 400 that checks the behandelaar too
    return principal


PrincipalDep = Annotated[Principal, Depends(huidige_principal)]

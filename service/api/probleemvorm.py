"""The one shape of every error answer (RFC 9457 problem+json, NL API Design Rules).

Every refusal, whoever gives it — an exception handler, the router's 404 and 405, or an ASGI
middleware before any route (413, 415, strict JSON, unknown query parameters) — is built
here: a `type` under https://invordering.example/problemen/, a Dutch `title` and `detail`,
`status`, `instance` (the path), then any extra members (`invalidParams`, `limiet`, …),
written as compact UTF-8 JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from starlette.types import Send

from service.errors import PROBLEMEN

PROBLEEM_JSON = "application/problem+json"

SOORTEN: dict[int, tuple[str, str]] = {
    400: ("ongeldig-verzoek", "Ongeldig verzoek"),
    401: ("niet-geauthenticeerd", "Niet geauthenticeerd"),
    403: ("niet-toegestaan", "Niet toegestaan"),
    404: ("niet-gevonden", "Niet gevonden"),
    405: ("methode-niet-toegestaan", "Methode niet toegestaan"),
    406: ("niet-aanvaardbaar", "Niet aanvaardbaar"),
    409: ("conflict", "Conflict"),
    413: ("verzoek-te-groot", "Verzoek te groot"),
    415: ("mediatype-niet-ondersteund", "Mediatype niet ondersteund"),
    422: ("niet-verwerkbaar", "Niet verwerkbaar"),
    500: ("interne-fout", "Interne fout"),
}
"""Per status: the last part of its `type` and its title (a problem may name its own)."""


def probleem(
    status: int,
    detail: str,
    instance: str,
    *,
    type: str | None = None,
    titel: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The members of one problem in their fixed order (extra members that are None left out);
    `type` and `titel` default to those of the status."""
    soort, eigen_titel = SOORTEN.get(status, ("fout", "Fout"))
    inhoud: dict[str, Any] = {
        "type": type or PROBLEMEN + soort,
        "title": titel or eigen_titel,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    inhoud.update({k: v for k, v in extra.items() if v is not None})
    return inhoud


def als_bytes(inhoud: dict[str, Any]) -> bytes:
    """The body of a problem answer: compact UTF-8 JSON."""
    return orjson.dumps(inhoud)


async def verstuur(
    send: Send, status: int, inhoud: dict[str, Any], headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    """Send a problem answer from ASGI middleware (no route, no exception handler)."""
    body = als_bytes(inhoud)
    kop = [
        (b"content-type", PROBLEEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        *headers,
    ]
    await send({"type": "http.response.start", "status": status, "headers": kop})
    await send({"type": "http.response.body", "body": body})

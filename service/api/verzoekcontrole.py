"""HTTP details the API Design Rules ask for, checked against the published document.

- HEAD on every GET resource (same headers, no body);
- 415 when a body's media type is not one the operation accepts (the document's
  `requestBody.content`), instead of a confusing 400;
- 400 for a query parameter the operation does not know (a typo like `?zaakref=` must
  not silently return everything);
- a complete `Allow` header on 405 (Starlette names only the methods of the first route
  whose path matched).

The document is the single truth: what it lists per operation is what is accepted.
Cheap on the hot path: a JSON body without a query string is passed on after one look
at its headers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

VERSIEPAD = "/v1"
PROBLEEM_JSON = "application/problem+json"
MET_INHOUD = frozenset({"POST", "PUT", "PATCH"})


def _is_json(inhoudstype: str) -> bool:
    hoofd = inhoudstype.split(";", 1)[0].strip().lower()
    return hoofd == "application/json" or hoofd.endswith("+json")


def toegestane_methoden(routes: list[BaseRoute], scope: Scope) -> list[str]:
    """Every method some route serves on this path (HEAD with GET), for `Allow`."""
    methoden: set[str] = set()
    for route in routes:
        if isinstance(route, Route) and route.methods:
            overeenkomst, _ = route.matches({**scope, "type": "http"})
            if overeenkomst in (Match.FULL, Match.PARTIAL):
                methoden |= route.methods
    if "GET" in methoden:
        methoden.add("HEAD")
    return sorted(methoden)


class _Operaties:
    """Per (path template, method): the query parameters and body media types it accepts."""

    def __init__(self, document: Callable[[], dict[str, Any]]) -> None:
        self._document = document
        self._per_sleutel: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}
        self._bron: int | None = None

    def van(self, pad: str, methode: str) -> tuple[frozenset[str], frozenset[str]] | None:
        document = self._document()
        if id(document) != self._bron:  # rebuilt after a rules reload
            self._per_sleutel = _lees(document)
            self._bron = id(document)
        return self._per_sleutel.get((pad, methode))


def _lees(document: dict[str, Any]) -> dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]]:
    uit = {}
    for pad, operaties in document.get("paths", {}).items():
        for methode, operatie in operaties.items():
            if not isinstance(operatie, dict) or "responses" not in operatie:
                continue
            query = frozenset(
                p["name"] for p in operatie.get("parameters", []) if p.get("in") == "query"
            )
            typen = frozenset(operatie.get("requestBody", {}).get("content", {}))
            uit[(VERSIEPAD + pad, methode.upper())] = (query, typen)
    return uit


def _probleem(status: int, titel: str, detail: str, pad: str, **extra: Any) -> bytes:
    inhoud = {"type": "about:blank", "title": titel, "status": status, "detail": detail}
    inhoud |= {"instance": pad, **extra}
    return json.dumps(inhoud, ensure_ascii=False).encode()


class Verzoekcontrole:
    """Pure ASGI middleware in front of the routes (see the module docstring)."""

    def __init__(self, app: ASGIApp, hoofdapp: Any) -> None:
        self.app = app
        self.hoofdapp = hoofdapp
        self.operaties = _Operaties(lambda: hoofdapp.openapi())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "HEAD":  # RFC 9110 9.3.2: GET without the body
            scope, send = {**scope, "method": "GET"}, _zonder_inhoud(send)
        if not scope["path"].startswith(VERSIEPAD + "/"):
            await self.app(scope, receive, send)
            return
        inhoudstype = ""
        if scope["method"] in MET_INHOUD:
            for sleutel, waarde in scope["headers"]:
                if sleutel == b"content-type":
                    inhoudstype = waarde.decode("latin-1")
        if not scope.get("query_string") and (not inhoudstype or _is_json(inhoudstype)):
            await self.app(scope, receive, send)  # the hot path: nothing to check
            return
        weigering = self._weigering(scope, inhoudstype)
        if weigering is None:
            await self.app(scope, receive, send)
            return
        status, inhoud, headers = weigering
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", PROBLEEM_JSON.encode()),
                    (b"content-length", str(len(inhoud)).encode()),
                    *headers,
                ],
            }
        )
        await send({"type": "http.response.body", "body": inhoud})

    def _weigering(
        self, scope: Scope, inhoudstype: str
    ) -> tuple[int, bytes, list[tuple[bytes, bytes]]] | None:
        sjabloon = self._sjabloon(scope)
        if sjabloon is None:
            return None  # not a documented operation: the router answers (404, 405)
        operatie = self.operaties.van(sjabloon, scope["method"])
        if operatie is None:
            return None
        query, typen = operatie
        pad = scope["path"]
        if inhoudstype and typen:
            hoofd = inhoudstype.split(";", 1)[0].strip().lower()
            if hoofd not in typen:
                return (
                    415,
                    _probleem(
                        415,
                        "Mediatype niet ondersteund",
                        f"Deze operatie neemt {', '.join(sorted(typen))} aan, niet {hoofd}.",
                        pad,
                    ),
                    [(b"accept-post", ", ".join(sorted(typen)).encode())],
                )
        gegeven = [k for k, _ in parse_qsl(scope["query_string"].decode("latin-1"), True)]
        onbekend = sorted(set(gegeven) - query)
        if not onbekend:
            return None
        bekend = ", ".join(sorted(query)) or "geen"
        return (
            400,
            _probleem(
                400,
                "Ongeldig verzoek",
                "Het verzoek bevat onbekende queryparameters; zie invalidParams.",
                pad,
                invalidParams=[
                    {
                        "name": naam,
                        "reason": f"onbekende queryparameter (bekend: {bekend})",
                        "code": "onbekend",
                    }
                    for naam in onbekend
                ],
            ),
            [],
        )

    def _sjabloon(self, scope: Scope) -> str | None:
        for route in self.hoofdapp.router.routes:
            if isinstance(route, Route):
                overeenkomst, _ = route.matches(scope)
                if overeenkomst == Match.FULL:
                    return str(route.path_format)
        return None


def _zonder_inhoud(send: Send) -> Send:
    """The same status and headers (Content-Length included), no body bytes."""

    async def verzend(bericht: Message) -> None:
        if bericht["type"] == "http.response.body":
            bericht = {**bericht, "body": b""}
        await send(bericht)

    return verzend

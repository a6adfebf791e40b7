"""HTTP details the API Design Rules ask for, checked against the published document.

- HEAD on every GET resource (same headers, no body);
- 415 when a body's media type is not one the operation accepts (the document's
  `requestBody.content`), instead of a confusing 400;
- 400 for a query parameter the operation does not know (a typo like `?zaakref=` must
  not silently return everything);
- a complete `Allow` header on 405 (Starlette names only the methods of the first route
  whose path matched);
- the caller's `traceparent`, kept for the request's processing log (Logboek).

The document is the single truth: what it lists per operation is what is accepted.
Cheap on the hot path: a JSON body without a query string is passed on after one look
at its headers.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.probleemvorm import probleem, verstuur
from service.logboek.logboek import herstel_aanroeper, zet_aanroeper

VERSIEPAD = "/v1"
MET_INHOUD = frozenset({"POST", "PUT", "PATCH"})


def _is_json(inhoudstype: str) -> bool:
    hoofd = inhoudstype.split(";", 1)[0].strip().lower()
    return hoofd == "application/json" or hoofd.endswith("+json")


Operatie = tuple[frozenset[str], frozenset[str]]
"""The query parameter names and the body media types one operation accepts."""


class Operaties:
    """Per path template of the document (under /v1) and method: what the operation accepts."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.sjablonen: list[tuple[re.Pattern[str], dict[str, Operatie]]] = []
        for pad, operaties in document.get("paths", {}).items():
            patroon = re.compile(
                "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(VERSIEPAD + pad)) + "$"
            )
            per_methode: dict[str, Operatie] = {}
            for methode, operatie in operaties.items():
                if isinstance(operatie, dict) and "responses" in operatie:
                    query = frozenset(
                        p["name"] for p in operatie.get("parameters", []) if p.get("in") == "query"
                    )
                    typen = frozenset(operatie.get("requestBody", {}).get("content", {}))
                    per_methode[methode.upper()] = (query, typen)
            self.sjablonen.append((patroon, per_methode))

    def van(self, pad: str) -> dict[str, Operatie] | None:
        """The operations of the resource at `pad`, by method; None if it is not documented."""
        for patroon, per_methode in self.sjablonen:
            if patroon.match(pad):
                return per_methode
        return None


_per_document: dict[int, tuple[dict[str, Any], Operaties]] = {}


def operaties_van(document: dict[str, Any]) -> Operaties:
    """The operations of a document (built once per document: after a reload, anew)."""
    bewaard = _per_document.get(id(document))
    if bewaard is None or bewaard[0] is not document:
        if len(_per_document) > 16:
            _per_document.clear()
        bewaard = (document, Operaties(document))
        _per_document[id(document)] = bewaard
    return bewaard[1]


def toegestane_methoden(document: dict[str, Any], pad: str) -> list[str] | None:
    """Every method the resource at `pad` serves (HEAD with GET), for `Allow`; None if the
    path is not in the document."""
    per_methode = operaties_van(document).van(pad)
    if per_methode is None:
        return None
    methoden = set(per_methode)
    if "GET" in methoden:
        methoden.add("HEAD")
    return sorted(methoden)


class Verzoekcontrole:
    """Pure ASGI middleware in front of the routes (see the module docstring)."""

    def __init__(self, app: ASGIApp, hoofdapp: Any) -> None:
        self.app = app
        self.hoofdapp = hoofdapp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "HEAD":  # RFC 9110 9.3.2: GET without the body
            scope, send = {**scope, "method": "GET"}, _zonder_inhoud(send)
        inhoudstype = traceparent = ""
        for sleutel, waarde in scope["headers"]:
            if sleutel == b"content-type":
                inhoudstype = waarde.decode("latin-1")
            elif sleutel == b"traceparent":
                traceparent = waarde.decode("latin-1")
        # The caller's W3C Trace Context, for the Logboek Dataverwerkingen (foreign operation).
        token = zet_aanroeper(traceparent)
        try:
            await self._controleer(scope, receive, send, inhoudstype)
        finally:
            herstel_aanroeper(token)

    async def _controleer(
        self, scope: Scope, receive: Receive, send: Send, inhoudstype: str
    ) -> None:
        met_inhoud = scope["method"] in MET_INHOUD
        if not met_inhoud:
            inhoudstype = ""
        if not scope["path"].startswith(VERSIEPAD + "/"):
            await self.app(scope, receive, send)
            return
        if not scope.get("query_string") and (
            _is_json(inhoudstype) or (not inhoudstype and not met_inhoud)
        ):
            await self.app(scope, receive, send)  # the hot path: nothing to check
            return
        weigering = self._weigering(scope, inhoudstype)
        if weigering is None:
            await self.app(scope, receive, send)
            return
        status, inhoud, headers = weigering
        await verstuur(send, status, inhoud, headers)

    def _weigering(
        self, scope: Scope, inhoudstype: str
    ) -> tuple[int, dict[str, Any], list[tuple[bytes, bytes]]] | None:
        per_methode = operaties_van(self.hoofdapp.openapi()).van(scope["path"])
        operatie = None if per_methode is None else per_methode.get(scope["method"])
        if operatie is None:
            return None  # not a documented operation: the router answers (404, 405)
        query, typen = operatie
        pad = scope["path"]
        if typen and scope["method"] in MET_INHOUD:
            hoofd = inhoudstype.split(";", 1)[0].strip().lower()
            if hoofd not in typen:
                niet = f"niet {hoofd}" if hoofd else "en het verzoek noemt geen Content-Type"
                return (
                    415,
                    probleem(
                        415, f"Deze operatie neemt {', '.join(sorted(typen))} aan, {niet}.", pad
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
            probleem(
                400,
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


def _zonder_inhoud(send: Send) -> Send:
    """The same status and headers (Content-Length included), no body bytes."""

    async def verzend(bericht: Message) -> None:
        if bericht["type"] == "http.response.body":
            bericht = {**bericht, "body": b""}
        await send(bericht)

    return verzend

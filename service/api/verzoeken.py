"""Request bodies under limits, parsed strictly, before any route sees them.

An ASGI middleware (`Verzoekgrenzen`) reads every request body and answers with
problem+json, without the application seeing the request, when
- the body is larger than `max_verzoek_bytes` → 413, from Content-Length before a byte is
  read, or as soon as a streamed body passes the limit;
- a JSON body is not strict JSON (`service.api.striktejson`) → 400: a key twice in one
  object (every such key, by its full path), NaN or ±Infinity, a number that overflows,
  nesting too deep, or not JSON at all;
- a JSON body holds more than `max_lijstelementen` list elements, all lists together → 413
  naming the limit, before anything is validated or evaluated.
A large body is parsed on the CPU thread (service.rekenwerk), a small one inline (a
thread hand-off would cost more than parsing a few kB). The parsed document goes to the
route in the ASGI scope; `StriktJsonRoute` hands it to FastAPI, which then neither reads
nor parses the body again.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.probleemvorm import probleem, verstuur
from service.api.striktejson import OngeldigeJson, TeVeelElementen, lees_strikt
from service.errors import PROBLEMEN
from service.rekenwerk import op_rekenthread

__all__ = ["OngeldigeJson", "TeVeelElementen", "Verzoekgrenzen", "lees_strikt"]

JSON_SLEUTEL = "invordering.json"
BODY_SLEUTEL = "invordering.body"
INLINE_TOT = 16 * 1024
"""Bodies up to this size are parsed on the event loop (about 0.1 ms); larger ones not."""


def _is_json(scope: Scope) -> bool:
    for naam, waarde in scope["headers"]:
        if naam == b"content-type":
            soort: bytes = waarde.split(b";", 1)[0].strip().lower()
            return soort == b"application/json" or (
                soort.startswith(b"application/") and soort.endswith(b"+json")
            )
    return False


def _lengte(scope: Scope) -> int | None:
    for naam, waarde in scope["headers"]:
        if naam == b"content-length":
            try:
                return int(waarde)
            except ValueError:
                return None
    return None


async def _probleem(send: Send, scope: Scope, status: int, detail: str, **extra: Any) -> None:
    headers = [(b"connection", b"close")] if status == 413 else []  # the rest is not read
    await verstuur(send, status, probleem(status, detail, scope.get("path", ""), **extra), headers)


class Verzoekgrenzen:
    """Pure ASGI middleware: body limit, strict JSON, list-element limit (see module doc)."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_elementen: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_elementen = max_elementen

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        grens = self.max_bytes
        lengte = _lengte(scope)
        if lengte is not None and lengte > grens:
            await self._te_groot(scope, send)
            return
        delen: list[bytes] = []
        ontvangen = 0
        while True:
            bericht = await receive()
            if bericht["type"] != "http.request":  # the client went away
                return
            deel = bericht.get("body", b"")
            ontvangen += len(deel)
            if ontvangen > grens:
                await self._te_groot(scope, send)
                return
            delen.append(deel)
            if not bericht.get("more_body", False):
                break
        body = b"".join(delen)
        if body and _is_json(scope):
            try:
                if len(body) <= INLINE_TOT:
                    scope[JSON_SLEUTEL] = lees_strikt(body, self.max_elementen)
                else:
                    scope[JSON_SLEUTEL] = await op_rekenthread(
                        lees_strikt, body, self.max_elementen
                    )
            except TeVeelElementen as fout:
                await _probleem(send, scope, 413, str(fout), type=PROBLEMEN + "te-veel-elementen",
                                titel="Te veel lijstelementen", limiet=self.max_elementen)  # fmt: skip
                return
            except OngeldigeJson as fout:
                await _probleem(send, scope, 400, str(fout), invalidParams=fout.problemen)
                return
        scope[BODY_SLEUTEL] = body
        await self.app(scope, _opnieuw(body, receive), send)

    async def _te_groot(self, scope: Scope, send: Send) -> None:
        await _probleem(send, scope, 413, f"Het verzoek is groter dan {self.max_bytes} bytes "
                        "(INVORDERING_MAX_VERZOEK_BYTES).", limiet=self.max_bytes)  # fmt: skip


def _opnieuw(body: bytes, receive: Receive) -> Receive:
    """A receive that hands out the body once, then waits for the client's disconnect."""
    gegeven = False

    async def ontvang() -> Message:
        nonlocal gegeven
        if not gegeven:
            gegeven = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return ontvang


class GelezenVerzoek(Request):
    """A request whose body the middleware has read and parsed already."""

    async def body(self) -> bytes:
        body = self.scope.get(BODY_SLEUTEL)
        return body if body is not None else await super().body()

    async def json(self) -> Any:
        if JSON_SLEUTEL in self.scope:
            return self.scope[JSON_SLEUTEL]
        return await super().json()


class StriktJsonRoute(APIRoute):
    """FastAPI route that takes the body as `Verzoekgrenzen` parsed it (FastAPI's own
    'custom Request and APIRoute class' pattern)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        origineel = super().get_route_handler()

        async def handler(request: Request) -> Response:
            return await origineel(GelezenVerzoek(request.scope, request.receive))

        return handler

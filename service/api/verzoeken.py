"""Request bodies under limits, parsed strictly, before any route sees them.

An ASGI middleware (`Verzoekgrenzen`) reads every request body and answers with
problem+json, without the application seeing the request, when
- the body is larger than `max_verzoek_bytes` → 413, from Content-Length before a byte is
  read, or as soon as a streamed body passes the limit;
- a JSON body is not strict JSON → 400: a key twice in one object (a gateway and this
  service could read different requests: `"bedrag": "500.00", "bedrag": "99999.00"`),
  NaN or ±Infinity, a number that overflows, nesting too deep, or not JSON at all;
- a JSON body holds more than `max_lijstelementen` list elements, all lists together → 413
  naming the limit, before anything is validated or evaluated.
A large body is parsed on the CPU thread (service.rekenwerk), a small one inline (a
thread hand-off would cost more than parsing a few kB). The parsed document goes to the
route in the ASGI scope; `StriktJsonRoute` hands it to FastAPI, which then neither reads
nor parses the body again.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Coroutine
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.rekenwerk import op_rekenthread

JSON_SLEUTEL = "invordering.json"
BODY_SLEUTEL = "invordering.body"
INLINE_TOT = 16 * 1024
"""Bodies up to this size are parsed on the event loop (about 0.1 ms); larger ones not."""
GROOTSTE_GETAL = 2**63
TYPE = "https://invordering.example/problemen/"


_JSONFOUTEN = {
    "Expecting value": "hier hoort een waarde",
    "Expecting property name enclosed in double quotes": "verwacht een veldnaam tussen dubbele aanhalingstekens",
    "Expecting ',' delimiter": "verwacht een komma",
    "Expecting ':' delimiter": "verwacht een dubbele punt",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Extra data": "er staat nog iets na het einde van de JSON",
    "Invalid control character at": "ongeldig stuurteken in een tekst",
    "Invalid \\escape": "ongeldige escape (\\) in een tekst",
}


class OngeldigeJson(ValueError):
    """Not strict JSON; `sleutel` is set for a duplicate key."""

    def __init__(self, melding: str, sleutel: str | None = None) -> None:
        super().__init__(melding)
        self.sleutel = sleutel


class TeVeelElementen(ValueError):
    """More list elements than allowed in one request."""


def _object(paren: list[tuple[str, Any]]) -> dict[str, Any]:
    uit = dict(paren)
    if len(uit) != len(paren):
        gezien: set[str] = set()
        for sleutel, _ in paren:
            if sleutel in gezien:
                raise OngeldigeJson(
                    f"De sleutel '{sleutel}' staat twee keer in één object.", sleutel
                )
            gezien.add(sleutel)
    return uit


def _geen_constante(naam: str) -> Any:
    raise OngeldigeJson(f"{naam} is geen JSON-getal.")


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_geen_constante)


def lees_strikt(body: bytes, max_elementen: int) -> Any:
    """Parse strict JSON (RFC 8259 + I-JSON: unique keys, finite numbers) and count lists.

    Raises OngeldigeJson or TeVeelElementen.
    """
    try:
        document = _DECODER.decode(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise OngeldigeJson("Het verzoek is geen UTF-8.") from None
    except json.JSONDecodeError as fout:
        raise OngeldigeJson(
            f"Geen geldige JSON: {_JSONFOUTEN.get(fout.msg, 'onverwacht teken')} "
            f"(regel {fout.lineno}, kolom {fout.colno})."
        ) from None
    except RecursionError:
        raise OngeldigeJson("De JSON is te diep genest.") from None
    _controleer(document, max_elementen)
    return document


def _controleer(document: Any, max_elementen: int) -> None:
    """Count list elements (all lists together) and refuse numbers JSON cannot carry."""
    elementen = 0
    te_doen = [document]
    while te_doen:
        waarde = te_doen.pop()
        if isinstance(waarde, dict):
            te_doen.extend(waarde.values())
        elif isinstance(waarde, list):
            elementen += len(waarde)
            if elementen > max_elementen:
                raise TeVeelElementen(
                    f"Het verzoek bevat meer dan {max_elementen} lijstelementen "
                    "(alle lijsten samen; INVORDERING_MAX_LIJSTELEMENTEN)."
                )
            te_doen.extend(waarde)
        elif isinstance(waarde, float) and not math.isfinite(waarde):
            raise OngeldigeJson("Een getal is te groot (buiten het bereik van JSON-getallen).")
        elif isinstance(waarde, int) and not -GROOTSTE_GETAL < waarde < GROOTSTE_GETAL:
            raise OngeldigeJson("Een geheel getal is te groot (meer dan 64 bits).")


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


async def _probleem(send: Send, scope: Scope, status: int, titel: str, detail: str, **extra: Any) -> None:  # fmt: skip
    inhoud = {"type": TYPE + extra.pop("soort"), "title": titel, "status": status,
              "detail": detail, "instance": scope.get("path", ""), **extra}  # fmt: skip
    body = orjson.dumps(inhoud)
    headers = [(b"content-type", b"application/problem+json"),
               (b"content-length", str(len(body)).encode())]  # fmt: skip
    if status == 413:  # the rest of the body is not read: this connection ends
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


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
                await _probleem(send, scope, 413, "Te veel lijstelementen", str(fout),
                                soort="te-veel-elementen", limiet=self.max_elementen)  # fmt: skip
                return
            except OngeldigeJson as fout:
                naam = fout.sleutel if fout.sleutel is not None else "body"
                code = "duplicate_key" if fout.sleutel is not None else "json_invalid"
                await _probleem(send, scope, 400, "Ongeldig verzoek", str(fout),
                                soort="ongeldig-verzoek",
                                invalidParams=[{"name": naam, "reason": str(fout), "code": code}])  # fmt: skip
                return
        scope[BODY_SLEUTEL] = body
        await self.app(scope, _opnieuw(body, receive), send)

    async def _te_groot(self, scope: Scope, send: Send) -> None:
        await _probleem(send, scope, 413, "Verzoek te groot",
                        f"Het verzoek is groter dan {self.max_bytes} bytes "
                        "(INVORDERING_MAX_VERZOEK_BYTES).",
                        soort="verzoek-te-groot", limiet=self.max_bytes)  # fmt: skip


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

"""Headers on every response: API-Version and the security headers of the API rules."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service import __version__

VASTE_HEADERS = [
    (b"api-version", __version__.encode()),
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    # HSTS (RFC 6797): browsers ignore it over plain HTTP; behind TLS it pins HTTPS for a year.
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains"),
]
OPENAPI_CORS = [(b"access-control-allow-origin", b"*")]


class VasteHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware on the hot path)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = VASTE_HEADERS + (OPENAPI_CORS if scope["path"].endswith("openapi.json") else [])

        async def verzend(bericht: Message) -> None:
            if bericht["type"] == "http.response.start":
                bestaand = {k.lower() for k, _ in bericht.get("headers", [])}
                bericht["headers"] = list(bericht.get("headers", [])) + [
                    (k, v) for k, v in extra if k not in bestaand
                ]
            await send(bericht)

        await self.app(scope, receive, verzend)

"""One error base class that carries its HTTP status; the API turns it into problem+json.

Domain code raises these without knowing about HTTP frameworks; `service.api.problems`
is the single place that renders them.
"""

from __future__ import annotations

from typing import Any

PROBLEMEN = "https://invordering.example/problemen/"
"""The `type` of every problem answer starts here (service.api.probleemvorm)."""


class ServiceFout(Exception):
    status = 500
    titel = "Interne fout"
    type = PROBLEMEN + "interne-fout"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class OngeldigVerzoek(ServiceFout):
    status = 400
    titel = "Ongeldig verzoek"
    type = PROBLEMEN + "ongeldig-verzoek"


class NietGeautoriseerd(ServiceFout):
    status = 401
    titel = "Niet geauthenticeerd"
    type = PROBLEMEN + "niet-geauthenticeerd"


class Verboden(ServiceFout):
    status = 403
    titel = "Niet toegestaan"
    type = PROBLEMEN + "niet-toegestaan"


class NietGevonden(ServiceFout):
    status = 404
    titel = "Niet gevonden"
    type = PROBLEMEN + "niet-gevonden"


class Conflict(ServiceFout):
    status = 409
    titel = "Conflict"
    type = PROBLEMEN + "conflict"


class NietVerwerkbaar(ServiceFout):
    status = 422
    titel = "Niet verwerkbaar"
    type = PROBLEMEN + "niet-verwerkbaar"


class NietAanvaardbaar(ServiceFout):
    status = 406
    titel = "Niet aanvaardbaar"
    type = PROBLEMEN + "niet-aanvaardbaar"

"""problem+json rendering for every error, in one place (RFC 9457, NL API Design Rules)."""

from __future__ import annotations

import uuid
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api.probleemvorm import PROBLEEM_JSON, SOORTEN, als_bytes, probleem
from service.api.schemas import Probleem
from service.api.verzoekcontrole import toegestane_methoden
from service.errors import ServiceFout
from service.rulefiles.validatie import invoerproblemen

log = structlog.get_logger()


def probleem_antwoord(
    status: int,
    detail: str,
    instance: str,
    type: str | None = None,
    titel: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """A problem answer in the one shape of `service.api.probleemvorm`."""
    inhoud = probleem(status, detail, instance, type=type, titel=titel, **extra)
    return Response(
        als_bytes(inhoud), status_code=status, media_type=PROBLEEM_JSON, headers=headers
    )


def validatieproblemen(fout: RequestValidationError) -> list[dict[str, str]]:
    """FastAPI's validation errors as invalidParams (the one translation, in Dutch); a name
    is the path in the body, query, path or header (`peildatum`, `gegevens`)."""
    fouten = []
    for e in fout.errors():
        loc = tuple(e.get("loc", ()))
        if loc and loc[0] in ("body", "query", "path", "header"):
            loc = loc[1:]
        fouten.append({**e, "loc": loc})
    return invoerproblemen(fouten)


def _validatiefout(request: Request, fout: Exception) -> Response:
    assert isinstance(fout, RequestValidationError)
    return probleem_antwoord(
        400,
        "Het verzoek bevat fouten; zie invalidParams.",
        request.url.path,
        invalidParams=validatieproblemen(fout),
    )


def _servicefout(request: Request, fout: Exception) -> Response:
    assert isinstance(fout, ServiceFout)
    headers = {"WWW-Authenticate": "Bearer"} if fout.status == 401 else None
    return probleem_antwoord(
        fout.status,
        fout.detail,
        request.url.path,
        type=fout.type,
        titel=fout.titel,
        headers=headers,
        **fout.extra,
    )


def _http_fout(request: Request, fout: Exception) -> Response:
    assert isinstance(fout, StarletteHTTPException)
    headers = dict(getattr(fout, "headers", None) or {})
    if fout.status_code == 405:  # every method of the resource, not only the first route's
        methoden = toegestane_methoden(request.app.openapi(), request.url.path)
        if methoden:
            headers["Allow"] = ", ".join(methoden)
    # Starlette's own details are English phrases ("Not Found"); ours are Dutch sentences.
    detail = _DETAILS.get(str(fout.detail), str(fout.detail))
    if detail == _engels(fout.status_code):
        detail = f"{SOORTEN.get(fout.status_code, ('', 'Fout'))[1]}."
    return probleem_antwoord(fout.status_code, detail, request.url.path, headers=headers or None)


_DETAILS = {
    "Not Found": "Deze URL bestaat niet. De API staat onder /v1 (zie /v1/openapi.json).",
    "Method Not Allowed": "Deze methode kan niet op deze URL; de header Allow noemt wat wel kan.",
    "Not Acceptable": "Dit antwoordformaat is er niet (zie de Accept-header).",
    "Unsupported Media Type": "Dit inhoudstype wordt niet geaccepteerd; stuur application/json.",
    "There was an error parsing the body": "De inhoud van het verzoek kan niet worden gelezen.",
}


def _engels(status: int) -> str | None:
    """Starlette's default detail for a status: its English reason phrase."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return None


def _onverwacht(request: Request, fout: Exception) -> Response:
    # Never show internals (engine tracebacks, SQL, Python messages) to a client. The log keeps
    # the traceback under a correlation id that the client gets, so support can find it.
    correlatie_id = uuid.uuid4().hex
    log.error(
        "onverwachte_fout",
        pad=request.url.path,
        fout=type(fout).__name__,
        regel=getattr(fout, "regel_id", None),
        correlatieId=correlatie_id,
        exc_info=fout,
    )
    return probleem_antwoord(
        500,
        "Er ging iets mis in de service. Noem het correlatie-id als u contact opneemt.",
        request.url.path,
        correlatieId=correlatie_id,
    )


def registreer(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validatiefout)
    app.add_exception_handler(ServiceFout, _servicefout)
    app.add_exception_handler(StarletteHTTPException, _http_fout)
    app.add_exception_handler(Exception, _onverwacht)


FOUTEN: dict[int | str, dict[str, Any]] = {
    status: {
        "model": Probleem,
        "content": {PROBLEEM_JSON: {"schema": {"$ref": "#/components/schemas/Probleem"}}},
        "description": omschrijving,
    }
    for status, omschrijving in {
        400: "Ongeldig verzoek; invalidParams noemt elk probleem.",
        401: "Geen of een onbekend token.",
        403: "Niet toegestaan voor deze principal.",
        404: "Niet gevonden.",
        409: "Conflict: de beslissing wacht niet (meer) op een beoordeling.",
        413: "Verzoek te groot: meer bytes of lijstelementen dan de ingestelde grens.",
        406: "Niet aanvaardbaar.",
        422: "Niet verwerkbaar.",
        500: "Interne fout (zonder details).",
    }.items()
}


def fouten(
    *statussen: int, anders: dict[int, str] | None = None
) -> dict[int | str, dict[str, Any]]:
    """The documented error responses of an operation; `anders` gives an operation's own
    description of a status (what that status means there)."""
    anders = anders or {}
    return {
        s: {**FOUTEN[s], "description": anders[s]} if s in anders else FOUTEN[s] for s in statussen
    }

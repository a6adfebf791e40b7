"""Rendering werkbank pages: one Jinja environment, Dutch formatting filters, `toon`."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from service.engine.presentation import tekst
from service.werkbank.afhankelijkheden import csrf_token, ingelogde_principal
from service.werkbank.navigatie import menu_voor

NL = ZoneInfo("Europe/Amsterdam")
SJABLONEN = Path(__file__).parent / "templates"
_ISO_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HOOFDLETTER = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
MELDING = "melding"
STATUSSEN = {
    "open": "wacht op beoordeling",
    "goedgekeurd": "goedgekeurd",
    "afgekeurd": "afgekeurd",
    "nietVereist": "geen beoordeling nodig",
}


_BEDRAG = re.compile(r"^-?\d+\.\d{2}$")


def euro(bedrag: Any) -> str:
    """'1482.38' or Decimal → '€ 1.482,38'; anything else as text."""
    try:
        return tekst(Decimal(str(bedrag)), "bedrag")
    except (InvalidOperation, ValueError):
        return waarde(bedrag)


def waarde(w: Any) -> str:
    """A stored JSON value for people: ISO dates in words, yes/no, 'geen' for null."""
    if w is None:
        return "geen"
    if isinstance(w, str) and _BEDRAG.match(w):  # the contract writes amounts so: "2519.00"
        return euro(w)
    if isinstance(w, str) and _ISO_DATUM.match(w):
        try:
            return tekst(dt.date.fromisoformat(w))
        except ValueError:
            return w
    if isinstance(w, list) and all(not isinstance(x, dict | list) for x in w):
        return ", ".join(waarde(x) for x in w) or "geen"
    return tekst(w)


def kolommen(rijen: list[dict[str, Any]], overslaan: tuple[str, ...] = ()) -> list[str]:
    """The fields of a list of objects, in order of first appearance (table columns)."""
    return [k for k in dict.fromkeys(k for rij in rijen for k in rij) if k not in overslaan]


def mens(naam: str) -> str:
    """'verzenddatumBeschikking' → 'verzenddatum beschikking'."""
    return _HOOFDLETTER.sub(" ", naam).lower()


def lokaal(moment: dt.datetime) -> dt.datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(NL)


def tijdstip(moment: dt.datetime) -> str:
    """'29 november 2026 om 11:21' in Dutch time."""
    m = lokaal(moment)
    return f"{tekst(m.date())} om {m:%H:%M}"


def wachttijd(sinds: dt.datetime, nu: dt.datetime | None = None) -> str:
    """How long something has waited, in words: '3 dagen', '2 uur', '5 minuten'."""
    seconden = ((nu or dt.datetime.now(dt.UTC)) - lokaal(sinds)).total_seconds()
    for eenheid, enkel, meer in (
        (86400, "dag", "dagen"),
        (3600, "uur", "uur"),
        (60, "minuut", "minuten"),
    ):
        if seconden >= eenheid:
            n = int(seconden // eenheid)
            return f"{n} {enkel if n == 1 else meer}"
    return "minder dan een minuut"


def procent(deel: int | Decimal, geheel: int | Decimal = 1) -> str:
    """12 of 48 → '25 %'; no whole → '—'."""
    if not geheel:
        return "—"
    verhouding = (Decimal(deel) / Decimal(geheel)).quantize(
        Decimal("0.001"), rounding=ROUND_HALF_UP
    )
    return tekst(verhouding, "procent")


def _jinja() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SJABLONEN),
        autoescape=jinja2.select_autoescape(["html", "svg"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        euro=euro,
        waarde=waarde,
        mens=mens,
        kolommen=kolommen,
        tijdstip=tijdstip,
        wachttijd=wachttijd,
        procent=procent,
    )
    env.globals["statussen"] = STATUSSEN
    return env


@jinja2.pass_context
def _url_for(context: Any, naam: str, /, **parameters: Any) -> str:
    """Like Starlette's `url_for`, but the path only: links stay on the host the browser
    used, also behind a proxy."""
    return str(context["request"].url_for(naam, **parameters).path)


sjablonen = Jinja2Templates(env=_jinja())
sjablonen.env.globals["url_for"] = _url_for


def meld(request: Request, tekst_: str) -> None:
    """A message for the next page this person sees (after a redirect)."""
    request.session[MELDING] = tekst_


def toon(request: Request, sjabloon: str, status_code: int = 200, **context: Any) -> Response:
    """Render a page that extends `basis.html`: adds the principal, menu, CSRF token and
    the pending message."""
    principal = ingelogde_principal(request)
    omgeving = request.app.state.omgeving
    return sjablonen.TemplateResponse(
        request,
        sjabloon,
        {
            "principal": principal,
            "menu": menu_voor(omgeving, principal) if principal else [],
            "csrf_token": csrf_token(request),
            "melding": request.session.pop(MELDING, None),
            "ontwikkeling": request.app.state.ontwikkeling,
            **context,
        },
        status_code=status_code,
    )

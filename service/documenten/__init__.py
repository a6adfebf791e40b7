"""Letters as HTML and PDF: the templates in rules/brieven/ (Jinja2), rendered by WeasyPrint.

The content of a letter comes from `service.decisions.brieven` (what it says, with access
and status checked there); this package only lays it out. The templates and their style
sheet are files policy staff can edit (`rules/brieven/`); they are read from disk on every
letter, so an edited template is used at once. No external service: the PDF is made on
this machine, in a child process of the service (see `service.pdfproces`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import jinja2

from service.decisions.brieven import Brief
from service.engine.presentation import tekst
from service.pdfproces import maak_pdf

STIJL = "brief.css"


def euro(bedrag: Any) -> str:
    """'1482.38' → '€ 1.482,38'; leeg → '€ 0,00'."""
    try:
        return tekst(Decimal(str(bedrag if bedrag is not None else 0)), "bedrag")
    except (InvalidOperation, ValueError):
        return str(bedrag)


def datum(waarde: Any) -> str:
    """'2026-02-16' → '16 februari 2026'; leeg → ''."""
    if not waarde:
        return ""
    try:
        return tekst(dt.date.fromisoformat(str(waarde)))
    except ValueError:
        return str(waarde)


class Opmaak:
    """Renders letters from the templates in one directory (`rules/brieven/`)."""

    def __init__(self, map: Path) -> None:
        self.map = map
        self.omgeving = jinja2.Environment(
            loader=jinja2.FileSystemLoader(map),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=True,
        )
        self.omgeving.filters["euro"] = euro
        self.omgeving.filters["datum"] = datum

    def stijl(self) -> str:
        """The style sheet of the letters (served separately where inline styles are barred)."""
        return (self.map / STIJL).read_text(encoding="utf-8")

    def html(self, brief: Brief, stijl_url: str | None = None) -> str:
        """The letter as an HTML document; the style inline, or linked at `stijl_url`."""
        sjabloon = self.omgeving.get_template(f"{brief.naam}.html")
        return sjabloon.render(
            titel=brief.titel,
            b=brief.inhoud,
            stijl=None if stijl_url else self.stijl(),
            stijl_url=stijl_url,
        )

    async def pdf(self, brief: Brief) -> bytes:
        """The letter as PDF (A4), made by WeasyPrint from the same HTML, in the PDF
        process (`service.pdfproces`). Raises `PdfFout` if that process died on it."""
        return await maak_pdf(self.html(brief), str(self.map))

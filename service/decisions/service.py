"""The steps of a decision: the request, the principal, the rule set, validation, evaluation."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import orjson

from service.engine.evaluation import Evaluatie, ParametersOntbreken, RegelToepassingsFout
from service.engine.input import Invoerfout
from service.engine.library import (
    GeenGeldigeRegelset,
    GeladenRegelset,
    OnbekendeSoort,
    Regelbibliotheek,
)
from service.errors import NietVerwerkbaar, OngeldigVerzoek
from service.storage.models import Beslissing

NL = ZoneInfo("Europe/Amsterdam")


def vandaag() -> dt.date:
    """Today in the Netherlands: a decision taken at 00:30 CET belongs to that Dutch day."""
    return dt.datetime.now(NL).date()


@dataclass(frozen=True)
class Verzoek:
    soort: str
    peildatum: dt.date | None
    zaakreferentie: str | None
    behandelaar: str | None
    gegevens: Any
    bsn: str | None = None

    def vingerafdruk(self, sleutel: bytes) -> str:
        """Keyed hash (HMAC-SHA256) of the request as sent, for the Idempotency-Key check.

        Keyed, because the request holds the BSN and everything else of it is stored in
        clear: a plain hash could be matched by trying every BSN (10⁹ candidates).
        """
        inhoud = {
            "bsn": self.bsn,
            "soort": self.soort,
            "peildatum": self.peildatum.isoformat() if self.peildatum else None,
            "zaakreferentie": self.zaakreferentie,
            "behandelaar": self.behandelaar,
            "gegevens": self.gegevens,
        }
        try:
            tekst = orjson.dumps(inhoud, option=orjson.OPT_SORT_KEYS, default=str)
        except TypeError:  # an integer beyond 64 bits: the standard library writes it
            tekst = json.dumps(inhoud, sort_keys=True, separators=(",", ":"), default=str).encode()
        return hmac.new(sleutel, tekst, hashlib.sha256).hexdigest()


def kies_regelset(bibliotheek: Regelbibliotheek, soort: str, peildatum: dt.date) -> GeladenRegelset:
    try:
        return bibliotheek.voor(soort, peildatum)
    except OnbekendeSoort:
        raise OngeldigVerzoek(
            f"Onbekende soort '{soort}'. Bekend: {', '.join(bibliotheek.soorten)}.",
            invalidParams=[
                {
                    "name": "soort",
                    "reason": f"kies uit: {', '.join(bibliotheek.soorten)}",
                    "code": "enum",
                }
            ],
        ) from None
    except GeenGeldigeRegelset:
        raise NietVerwerkbaar(
            f"Er is geen regelset '{soort}' geldig op peildatum {peildatum.isoformat()}."
        ) from None


def evalueer(
    geladen: GeladenRegelset, gegevens: Any, peildatum: dt.date, uitleg: bool = True
) -> Evaluatie:
    """Validate and evaluate; a 400 or 422 ServiceFout as the API would answer.

    `uitleg=False` leaves the sentences out of the reasons (see Beslisser.evalueer).
    """
    try:
        invoer = geladen.invoer.lees(gegevens)
    except Invoerfout as fout:
        raise OngeldigVerzoek(
            "De gegevens zijn niet geldig; zie invalidParams.", invalidParams=fout.problemen
        ) from None
    try:
        return geladen.beslisser.evalueer(invoer, peildatum, uitleg)
    except ParametersOntbreken as fout:
        raise NietVerwerkbaar(
            f"De regelset heeft op {peildatum.isoformat()} geen waarde voor: {', '.join(fout.namen)}."
        ) from None
    except RegelToepassingsFout as fout:
        raise NietVerwerkbaar(
            f"Regel {fout.regel_id} kon niet worden toegepast: {fout.melding}", regel=fout.regel_id
        ) from None


def herbereken(geladen: GeladenRegelset, beslissing: Beslissing) -> Evaluatie:
    """Recompute a stored decision from its stored input with the given rule set."""
    return evalueer(geladen, beslissing.gegevens, beslissing.peildatum)

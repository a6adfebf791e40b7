"""Taking a decision: choose the rule set, validate, evaluate, store. And replaying one."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from service.decisions.principals import Principal
from service.engine.evaluation import Evaluatie, ParametersOntbreken, RegelToepassingsFout
from service.engine.input import Invoerfout
from service.engine.library import (
    GeenGeldigeRegelset,
    GeladenRegelset,
    OnbekendeSoort,
    Regelbibliotheek,
)
from service.errors import NietVerwerkbaar, OngeldigVerzoek, Verboden
from service.storage import repository
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

    def vingerafdruk(self) -> str:
        """Hash of the request as sent, for the Idempotency-Key comparison."""
        inhoud = {
            "soort": self.soort,
            "peildatum": self.peildatum.isoformat() if self.peildatum else None,
            "zaakreferentie": self.zaakreferentie,
            "behandelaar": self.behandelaar,
            "gegevens": self.gegevens,
        }
        tekst = json.dumps(inhoud, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(tekst.encode()).hexdigest()


def bepaal_behandelaar(principal: Principal, gevraagd: str | None) -> str:
    if not principal.mag_beslissen:
        raise Verboden("Beleidsmedewerkers lezen regels en beslissingen, maar beslissen niet.")
    if principal.rol == "systeem":
        if not gevraagd:
            raise OngeldigVerzoek(
                "Een zaaksysteem moet de behandelaar noemen.",
                invalidParams=[
                    {
                        "name": "behandelaar",
                        "reason": "verplicht voor een systeem",
                        "code": "missing",
                    }
                ],
            )
        return gevraagd
    if gevraagd and gevraagd != principal.id:
        raise Verboden("Een medewerker beslist als zichzelf; laat 'behandelaar' weg.")
    return principal.id


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


def evalueer(geladen: GeladenRegelset, gegevens: Any, peildatum: dt.date) -> Evaluatie:
    try:
        invoer = geladen.invoer.lees(gegevens)
    except Invoerfout as fout:
        raise OngeldigVerzoek(
            "De gegevens zijn niet geldig; zie invalidParams.", invalidParams=fout.problemen
        ) from None
    try:
        return geladen.beslisser.evalueer(invoer, peildatum)
    except ParametersOntbreken as fout:
        raise NietVerwerkbaar(
            f"De regelset heeft op {peildatum.isoformat()} geen waarde voor: {', '.join(fout.namen)}."
        ) from None
    except RegelToepassingsFout as fout:
        raise NietVerwerkbaar(
            f"Regel {fout.regel_id} kon niet worden toegepast: {fout.melding}", regel=fout.regel_id
        ) from None


def neem_beslissing(
    bibliotheek: Regelbibliotheek,
    sessie: Session,
    principal: Principal,
    verzoek: Verzoek,
    idempotency_key: str | None,
) -> tuple[Beslissing, bool]:
    """Decide and store; returns the decision and whether it is new (False: replay)."""
    behandelaar = bepaal_behandelaar(principal, verzoek.behandelaar)
    vingerafdruk = verzoek.vingerafdruk()
    if idempotency_key:
        eerder = _eerder(sessie, principal, idempotency_key, vingerafdruk)
        if eerder is not None:
            return eerder, False
    peildatum = verzoek.peildatum or vandaag()
    geladen = kies_regelset(bibliotheek, verzoek.soort, peildatum)
    evaluatie = evalueer(geladen, verzoek.gegevens, peildatum)
    regelset = geladen.regelset
    beslissing = Beslissing(
        id=str(uuid.uuid4()),
        soort=verzoek.soort,
        peildatum=peildatum,
        zaakreferentie=verzoek.zaakreferentie,
        behandelaar=behandelaar,
        aangemaakt_door=principal.id,
        gegevens=verzoek.gegevens,
        uitkomst=evaluatie.uitkomst,
        redenen=evaluatie.redenen,
        regelset_naam=regelset.naam,
        regelset_versie=regelset.versie,
        regelset_hash=regelset.hash,
        idempotency_key=idempotency_key,
        verzoek_hash=vingerafdruk,
    )
    if not repository.voeg_toe(sessie, beslissing):
        # Same key, same moment, another request won the race: answer as a replay.
        eerder = _eerder(sessie, principal, idempotency_key or "", vingerafdruk)
        if eerder is None:  # pragma: no cover - the unique constraint guarantees a row
            raise NietVerwerkbaar("De beslissing kon niet worden opgeslagen.")
        return eerder, False
    return beslissing, True


def _eerder(
    sessie: Session, principal: Principal, sleutel: str, vingerafdruk: str
) -> Beslissing | None:
    eerder = repository.op_idempotency_key(sessie, principal.id, sleutel)
    if eerder is not None and eerder.verzoek_hash != vingerafdruk:
        raise NietVerwerkbaar(
            "Deze Idempotency-Key is al gebruikt voor een ander verzoek; gebruik een nieuwe sleutel."
        )
    return eerder


def herbereken(geladen: GeladenRegelset, beslissing: Beslissing) -> Evaluatie:
    """Recompute a stored decision from its stored input with the given rule set."""
    return evalueer(geladen, beslissing.gegevens, beslissing.peildatum)

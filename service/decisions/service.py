"""Taking a decision: choose the rule set, validate, evaluate, store. And replaying one."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from service.decisions.audit import auditrecord
from service.decisions.context import Omgeving, Trace
from service.decisions.principals import Principal
from service.decisions.toegang import behandelaar_voor
from service.engine.evaluation import Evaluatie, ParametersOntbreken, RegelToepassingsFout
from service.engine.input import Invoerfout
from service.engine.library import (
    GeenGeldigeRegelset,
    GeladenRegelset,
    OnbekendeSoort,
    Regelbibliotheek,
)
from service.errors import NietVerwerkbaar, OngeldigVerzoek
from service.mandates.register import beoordeel_mandaat
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
    bsn: str | None = None

    def vingerafdruk(self) -> str:
        """Hash of the request as sent, for the Idempotency-Key comparison."""
        inhoud = {
            "bsn": self.bsn,
            "soort": self.soort,
            "peildatum": self.peildatum.isoformat() if self.peildatum else None,
            "zaakreferentie": self.zaakreferentie,
            "behandelaar": self.behandelaar,
            "gegevens": self.gegevens,
        }
        tekst = json.dumps(inhoud, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(tekst.encode()).hexdigest()


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


def neem_beslissing(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    verzoek: Verzoek,
    idempotency_key: str | None,
    trace: Trace | None = None,
) -> tuple[Beslissing, bool]:
    """Decide, judge the mandate and store; returns the decision and whether it is new.

    One record in the Logboek Dataverwerkingen, also when the request is refused.
    """
    betrokkene = omgeving.pseudoniem(verzoek.bsn) if verzoek.bsn else None
    with omgeving.logboek.verwerking(
        "Beslissing nemen",
        soort=verzoek.soort,
        betrokkene=betrokkene,
        aanroeper=trace.aanroeper if trace else None,
        applicatie=principal.applicatie,
    ) as verwerking:
        beslissing, nieuw = _neem(omgeving, sessie, principal, verzoek, idempotency_key)
        verwerking.betreft(beslissing.soort, beslissing.betrokkene, beslissing.id)
        return beslissing, nieuw


def _neem(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    verzoek: Verzoek,
    idempotency_key: str | None,
) -> tuple[Beslissing, bool]:
    behandelaar = behandelaar_voor(principal, verzoek.behandelaar, omgeving.principals)
    vingerafdruk = verzoek.vingerafdruk()
    if idempotency_key:
        eerder = _eerder(sessie, principal, idempotency_key, vingerafdruk)
        if eerder is not None:
            repository.bewaar(
                sessie,
                auditrecord(
                    principal,
                    "aanmaken",
                    "Herhaald verzoek (Idempotency-Key): bestaande beslissing",
                    200,
                    eerder.id,
                ),
            )
            return eerder, False
    peildatum = verzoek.peildatum or vandaag()
    geladen = kies_regelset(omgeving.bibliotheek, verzoek.soort, peildatum)
    evaluatie = evalueer(geladen, verzoek.gegevens, peildatum)
    regelset = geladen.regelset
    beslissing_id = str(uuid.uuid4())
    behandelaar_principal = omgeving.principals.op_id(behandelaar)
    oordeel = beoordeel_mandaat(
        omgeving.register,
        verzoek.soort,
        evaluatie.mandaatbedrag,
        evaluatie.looptijd_maanden,
        behandelaar_principal.mandaatrol if behandelaar_principal else None,
        beslissing_id,
    )
    register = omgeving.register
    mandaat: dict[str, Any] = {
        "vereisteRol": oordeel.vereiste_rol,
        "bedrag": str(oordeel.bedrag.quantize(Decimal("0.01"))),
        "behandelaarBevoegd": oordeel.behandelaar_bevoegd,
        "mandaatregister": {
            "naam": register.register.naam,
            "versie": register.register.versie,
            "hash": register.hash,
        },
    }
    if oordeel.looptijd_maanden is not None:
        mandaat["looptijdMaanden"] = oordeel.looptijd_maanden
    betrokkene = omgeving.pseudoniem(verzoek.bsn) if verzoek.bsn else None
    beslissing = Beslissing(
        id=beslissing_id,
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
        mandaat=mandaat,
        vereiste_rol=oordeel.vereiste_rol,
        beoordeling_vereist=oordeel.beoordeling_vereist,
        beoordeling_reden=oordeel.reden,
        betrokkene=betrokkene,
    )
    rijen: list[Any] = [
        beslissing,
        auditrecord(
            principal,
            "aanmaken",
            f"Beslissing {verzoek.soort} genomen",
            201,
            beslissing_id,
            nieuw={"status": repository.status_van(beslissing, None), "behandelaar": behandelaar},
        ),
    ]
    if not repository.bewaar(sessie, *rijen, regels_van=beslissing):
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

"""Taking a decision: decide on the CPU thread, store with the group commit, answer.

The steps themselves (choosing the rule set, validating, evaluating) are in
`service.decisions.service`; this module puts them in order, builds the rows that are
stored together (decision, audit record, rules applied, processing-log record) and
handles a repeated Idempotency-Key.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.decisions.audit import auditrecord
from service.decisions.context import Omgeving, Trace
from service.decisions.inzage import Inzage
from service.decisions.principals import Principal
from service.decisions.service import Verzoek, evalueer, kies_regelset, vandaag
from service.decisions.toegang import behandelaar_voor
from service.decisions.verzoekproblemen import met_alle_problemen
from service.engine.evaluation import Evaluatie
from service.engine.library import GeladenRegelset
from service.errors import NietVerwerkbaar, OngeldigVerzoek
from service.ids import nieuw_uuid
from service.mandates.register import beoordeel_mandaat
from service.rekenwerk import op_rekenthread, start_op_rekenthread
from service.storage import repository
from service.storage.groepscommit import Groepsschrijver, Rij, als_rijen
from service.storage.models import Beslissing, BeslissingRegel, nu


@dataclass(frozen=True)
class Genomen:
    """A decision as answered: the stored row, whether it is new, and the response body."""

    beslissing: Beslissing
    nieuw: bool
    inhoud: bytes


Weergave = Callable[[Inzage], bytes]
"""Renders a decision for the client (the API's shape); runs on the CPU thread."""


async def neem_beslissing(
    omgeving: Omgeving,
    schrijver: Groepsschrijver,
    principal: Principal,
    verzoek: Verzoek,
    idempotency_key: str | None,
    trace: Trace | None,
    weergave: Weergave,
) -> Genomen:
    """Decide, judge the mandate and store; the answer exists only once it is committed.

    Validation, evaluation and rendering run on the CPU thread (service.rekenwerk), which
    hands the rows straight to the process's group-commit writer; the writer wakes this
    coroutine once they are committed. One record in the Logboek Dataverwerkingen, also
    when the request is refused.
    """
    with omgeving.logboek.verwerking(
        "Beslissing nemen",
        soort=verzoek.soort,
        betrokkene=omgeving.pseudoniem(verzoek.bsn) if verzoek.bsn else None,
        aanroeper=trace.aanroeper if trace else None,
        applicatie=principal.applicatie,
    ) as verwerking:
        genomen = await _neem(
            omgeving, schrijver, principal, verzoek, idempotency_key, trace, weergave
        )
        b = genomen.beslissing
        verwerking.betreft(b.soort, b.betrokkene, b.id)
        return genomen


async def _neem(
    omgeving: Omgeving,
    schrijver: Groepsschrijver,
    principal: Principal,
    verzoek: Verzoek,
    idempotency_key: str | None,
    trace: Trace | None,
    weergave: Weergave,
) -> Genomen:
    loop = asyncio.get_running_loop()
    toekomst: asyncio.Future[tuple[Genomen, str, bool]] = loop.create_future()

    def meld(uitkomst: Any) -> None:  # on the CPU or the writer thread
        loop.call_soon_threadsafe(_vul, toekomst, uitkomst)

    def bereid_en_schrijf() -> None:  # on the CPU thread
        try:
            genomen, rijen, vingerafdruk = _bereid_voor(
                omgeving, schrijver.engine, principal, verzoek, idempotency_key, weergave
            )
        except BaseException as fout:
            meld(fout)
            return
        schrijver.plaats(
            rijen,
            lambda opgeslagen: meld(
                opgeslagen if isinstance(opgeslagen, BaseException)
                else (genomen, vingerafdruk, opgeslagen)
            ),
        )  # fmt: skip

    start_op_rekenthread(bereid_en_schrijf)
    genomen, vingerafdruk, opgeslagen = await toekomst
    if opgeslagen:
        return genomen
    # Same key, same moment, another request won the race: answer as a replay.
    herhaald = await op_rekenthread(
        _herhaling, schrijver.engine, principal, idempotency_key or "", vingerafdruk, weergave
    )
    if herhaald is None:  # pragma: no cover - the unique constraint guarantees a row
        raise NietVerwerkbaar("De beslissing kon niet worden opgeslagen.")
    await schrijver.schrijf(herhaald[1])
    return herhaald[0]


def _vul(toekomst: asyncio.Future[Any], uitkomst: Any) -> None:
    if toekomst.done():  # the request was cancelled; the decision is stored all the same
        return
    if isinstance(uitkomst, BaseException):
        toekomst.set_exception(uitkomst)
    else:
        toekomst.set_result(uitkomst)


def _bereid_voor(
    omgeving: Omgeving,
    engine: Engine,
    principal: Principal,
    verzoek: Verzoek,
    idempotency_key: str | None,
    weergave: Weergave,
) -> tuple[Genomen, list[Rij], str]:
    """The decision, the rows to store with it and the request's fingerprint; or the
    earlier decision for a repeated Idempotency-Key."""
    try:
        behandelaar = behandelaar_voor(principal, verzoek.behandelaar, omgeving.principals)
    except OngeldigVerzoek as fout:  # with the problems of soort and gegevens, if any
        gelezen = {
            "soort": verzoek.soort,
            "peildatum": verzoek.peildatum,
            "gegevens": verzoek.gegevens,
        }
        raise met_alle_problemen(fout, omgeving, gelezen) from None
    vingerafdruk = verzoek.vingerafdruk(omgeving.pseudonimiseringssleutel)
    if idempotency_key:
        herhaald = _herhaling(engine, principal, idempotency_key, vingerafdruk, weergave)
        if herhaald is not None:
            return *herhaald, vingerafdruk
    peildatum = verzoek.peildatum or vandaag()
    geladen = kies_regelset(omgeving.bibliotheek, verzoek.soort, peildatum)
    evaluatie = evalueer(geladen, verzoek.gegevens, peildatum)
    beslissing = _beslissing(omgeving, principal, verzoek, behandelaar, peildatum, geladen,
                             evaluatie, vingerafdruk, idempotency_key)  # fmt: skip
    rijen = als_rijen(
        beslissing,
        auditrecord(
            principal,
            "aanmaken",
            f"Beslissing {verzoek.soort} genomen",
            201,
            beslissing.id,
            nieuw={"status": repository.status_van(beslissing, None), "behandelaar": behandelaar},
        ),
    )
    regels = BeslissingRegel.__table__  # type: ignore[attr-defined]
    rijen += [
        (regels, {"beslissing_id": beslissing.id, "regel": regel, "soort": beslissing.soort})
        for regel in dict.fromkeys(r["regel"] for r in beslissing.redenen)
    ]
    return Genomen(beslissing, True, weergave(Inzage(beslissing, None))), rijen, vingerafdruk


def _beslissing(
    omgeving: Omgeving,
    principal: Principal,
    verzoek: Verzoek,
    behandelaar: str,
    peildatum: dt.date,
    geladen: GeladenRegelset,
    evaluatie: Evaluatie,
    vingerafdruk: str,
    idempotency_key: str | None,
) -> Beslissing:
    beslissing_id = nieuw_uuid()
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
        "bedrag": str(oordeel.bedrag.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
        "behandelaarBevoegd": oordeel.behandelaar_bevoegd,
        "mandaatregister": {
            "naam": register.register.naam,
            "versie": register.register.versie,
            "hash": register.hash,
        },
    }
    if oordeel.looptijd_maanden is not None:
        mandaat["looptijdMaanden"] = oordeel.looptijd_maanden
    regelset = geladen.regelset
    # model_construct: the values are built here, not read from outside; a validating
    # SQLModel constructor costs 75 µs, more than a quarter of the rule evaluation. Every
    # field is given: a default_factory left to model_construct costs an inspect.signature.
    return Beslissing.model_construct(
        id=beslissing_id,
        aangemaakt_op=nu(),
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
        betrokkene=omgeving.pseudoniem(verzoek.bsn) if verzoek.bsn else None,
    )


def _herhaling(
    engine: Engine, principal: Principal, sleutel: str, vingerafdruk: str, weergave: Weergave
) -> tuple[Genomen, list[Rij]] | None:
    """The stored decision for this principal's Idempotency-Key, with its audit row."""
    with Session(engine, expire_on_commit=False) as sessie:
        eerder = repository.op_idempotency_key(sessie, principal.id, sleutel)
        if eerder is None:
            return None
        if eerder.verzoek_hash != vingerafdruk:
            raise NietVerwerkbaar(
                "Deze Idempotency-Key is al gebruikt voor een ander verzoek; "
                "gebruik een nieuwe sleutel."
            )
        beoordeling = repository.beoordeling_van(sessie, eerder.id)
    audit = auditrecord(
        principal,
        "aanmaken",
        "Herhaald verzoek (Idempotency-Key): bestaande beslissing",
        200,
        eerder.id,
    )
    return Genomen(eerder, False, weergave(Inzage(eerder, beoordeling))), als_rijen(audit)

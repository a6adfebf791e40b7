"""Reading decisions: one, a list, the review queue, the audit trail, the quality figures.

Every read goes through `service.decisions.toegang` and is audited here, so the API and
the werkbank read the same way and neither writes audit rows itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from service.decisions import toegang
from service.decisions.audit import auditrecord
from service.decisions.context import Omgeving
from service.decisions.principals import Principal
from service.errors import NietGevonden, OngeldigVerzoek, Verboden
from service.logboek.logboek import Verwerking
from service.storage import repository
from service.storage.models import Auditrecord, Beoordeling, Beslissing

Status = repository.Status


@dataclass(frozen=True)
class Inzage:
    """A decision as a reader sees it: the stored row, its verdict if any, and its status."""

    beslissing: Beslissing
    beoordeling: Beoordeling | None

    @property
    def status(self) -> Status:
        return repository.status_van(self.beslissing, self.beoordeling)


def zichtbare_beslissing(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    beslissing_id: str,
    actie: str,
    verwerking: Verwerking | None = None,
) -> Beslissing:
    """The decision if it exists and the principal may see it (a refusal is audited).

    `verwerking` (the Logboek record of the caller) learns whose data it is before access is
    judged, so a refused attempt is logged with its data subject too.
    Raises NietGevonden (404) and Verboden (403).
    """
    beslissing = repository.haal(sessie, beslissing_id)
    if beslissing is None:
        raise NietGevonden(f"Beslissing {beslissing_id} bestaat niet.")
    if verwerking is not None:
        verwerking.betreft(beslissing.soort, beslissing.betrokkene, beslissing.id)
    if not toegang.mag_zien(omgeving.register, principal, beslissing):
        repository.bewaar(
            sessie, auditrecord(principal, actie, "Geweigerd: buiten mandaat", 403, beslissing.id)
        )
        raise Verboden("Deze beslissing valt buiten uw mandaat.")
    return beslissing


def met_beoordeling(sessie: Session, beslissing: Beslissing) -> Inzage:
    """A decision the caller already holds (e.g. just taken), with its current verdict."""
    return Inzage(beslissing, repository.beoordeling_van(sessie, beslissing.id))


def lees(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    beslissing_id: str,
    weergave: str = "Beslissing gelezen",
) -> Inzage:
    """One decision for `principal`; the read is audited and logged (Logboek
    Dataverwerkingen). Raises 404 / 403 as above."""
    with verwerking(omgeving, principal, "Beslissing lezen") as v:
        beslissing = zichtbare_beslissing(omgeving, sessie, principal, beslissing_id, "lezen", v)
        repository.bewaar(sessie, auditrecord(principal, "lezen", weergave, 200, beslissing.id))
        return met_beoordeling(sessie, beslissing)


def verwerking(
    omgeving: Omgeving, principal: Principal, naam: str
) -> AbstractContextManager[Verwerking]:
    """A processing of personal data in the Logboek Dataverwerkingen, for this caller."""
    return omgeving.logboek.verwerking(naam, applicatie=principal.applicatie)


def _gelezen(
    sessie: Session,
    principal: Principal,
    gevonden: Sequence[Beslissing],
    weergave: str,
    v: Verwerking,
) -> list[Inzage]:
    """Audit and log (one child record per data subject) the decisions of a list."""
    for b in gevonden:
        v.kind("Beslissing gelezen in een lijst", b.soort, b.betrokkene, b.id)
    beoordelingen = repository.beoordelingen_van(sessie, [b.id for b in gevonden])
    if gevonden:
        repository.bewaar(
            sessie, *(auditrecord(principal, "lezen", weergave, 200, b.id) for b in gevonden)
        )
    return [Inzage(b, beoordelingen.get(b.id)) for b in gevonden]


def sortering(sorteer: str | None) -> tuple[tuple[str, bool], ...]:
    """`-peildatum,soort` → (("peildatum", True), ("soort", False)); `-` is descending.

    Raises OngeldigVerzoek (400) naming the fields that cannot be sorted on.
    """
    if not sorteer:
        return repository.NIEUWSTE_EERST
    velden = tuple((deel.removeprefix("-"), deel.startswith("-")) for deel in sorteer.split(","))
    onbekend = [v for v, _ in velden if v not in repository.SORTEERBAAR]
    if onbekend:
        raise OngeldigVerzoek(
            "Op deze velden kan niet worden gesorteerd; zie invalidParams.",
            invalidParams=[
                {
                    "name": "sorteer",
                    "reason": f"onbekend veld {veld}; kies uit {', '.join(repository.SORTEERBAAR)}",
                    "code": "enum",
                }
                for veld in onbekend
            ],
        )
    return velden


def zoek(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    *,
    soort: str | None = None,
    status: Status | None = None,
    behandelaar: str | None = None,
    zaakreferentie: str | None = None,
    sorteer: str | None = None,
    alleen_eigen: bool = False,
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[Inzage], int]:
    """A page of the decisions `principal` may see (or only its own), newest first unless
    `sorteer` says otherwise (see `sortering`).

    Returns the page and the total matching the filters; every listed decision is audited
    as read.
    """
    with verwerking(omgeving, principal, "Beslissingen zoeken") as v:
        volgorde = sortering(sorteer)
        return _zoek(omgeving, sessie, principal, v, volgorde, alleen_eigen, offset, limit,
                     repository.Filter(soort=soort, behandelaar=behandelaar, status=status,
                                       zaakreferentie=zaakreferentie))  # fmt: skip


def _zoek(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    v: Verwerking,
    volgorde: tuple[tuple[str, bool], ...],
    alleen_eigen: bool,
    offset: int,
    limit: int,
    filter: repository.Filter,
) -> tuple[list[Inzage], int]:
    zichtbaar = (
        toegang.eigen(principal)
        if alleen_eigen
        else toegang.zichtbaarheid(omgeving.register, principal)
    )
    gevonden, totaal = repository.zoek(
        sessie, filter, zichtbaar, offset=offset, limit=limit, volgorde=volgorde
    )
    return _gelezen(sessie, principal, gevonden, "Gelezen in een lijst", v), totaal


def te_beoordelen(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    soort: str | None = None,
    limit: int = 200,
) -> tuple[list[Inzage], int]:
    """The decisions `principal` may review now, oldest first, and how many there are.

    Never its own; only those within its mandate role. Empty for systems and policy staff.
    """
    spec = toegang.wachtrij(omgeving.register, principal)
    if spec is None:
        return [], 0
    with verwerking(omgeving, principal, "Wachtrij te beoordelen lezen") as v:
        gevonden, totaal = repository.wachtrij(sessie, spec, soort, limit)
        return _gelezen(
            sessie, principal, gevonden, "Gelezen in de wachtrij te beoordelen", v
        ), totaal


def audittrail(
    omgeving: Omgeving, sessie: Session, principal: Principal, beslissing_id: str
) -> Sequence[Auditrecord]:
    """Every creation, read and review of a decision, oldest first (for those who may see it).

    Reading the trail is itself audited, after it was read: the next reader sees it.
    """
    with verwerking(omgeving, principal, "Audittrail lezen") as v:
        beslissing = zichtbare_beslissing(omgeving, sessie, principal, beslissing_id, "lezen", v)
        trail = repository.audittrail(sessie, beslissing.id)
        repository.bewaar(
            sessie, auditrecord(principal, "lezen", "Audittrail gelezen", 200, beslissing.id)
        )
        return trail


def beoordelingen(
    omgeving: Omgeving, sessie: Session, principal: Principal, beslissing_id: str
) -> Sequence[Beoordeling]:
    """The verdicts on a decision (at most one counts; the list has zero or one); audited."""
    with verwerking(omgeving, principal, "Beoordelingen lezen") as v:
        beslissing = zichtbare_beslissing(omgeving, sessie, principal, beslissing_id, "lezen", v)
        huidig = repository.beoordeling_van(sessie, beslissing.id)
        repository.bewaar(
            sessie, auditrecord(principal, "lezen", "Beoordelingen gelezen", 200, beslissing.id)
        )
        return [huidig] if huidig else []


def beoordeling(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    beslissing_id: str,
    beoordeling_id: str,
) -> Beoordeling:
    """One verdict on a decision (the `Location` of a review); audited. Raises 404 / 403."""
    with verwerking(omgeving, principal, "Beoordeling lezen") as v:
        beslissing = zichtbare_beslissing(omgeving, sessie, principal, beslissing_id, "lezen", v)
        return _beoordeling(sessie, principal, beslissing, beoordeling_id)


def _beoordeling(
    sessie: Session, principal: Principal, beslissing: Beslissing, beoordeling_id: str
) -> Beoordeling:
    huidig = repository.beoordeling_van(sessie, beslissing.id)
    if huidig is None or huidig.id != beoordeling_id:
        raise NietGevonden(
            f"Beoordeling {beoordeling_id} van beslissing {beslissing.id} bestaat niet."
        )
    repository.bewaar(
        sessie, auditrecord(principal, "lezen", "Beoordeling gelezen", 200, beslissing.id)
    )
    return huidig


def statistieken(
    omgeving: Omgeving, sessie: Session, principal: Principal
) -> dict[str, list[dict[str, Any]]]:
    """Review figures per kind and per rule, over the decisions `principal` may see:
    `{"perSoort": [...], "perRegel": [...]}`."""
    if not toegang.mag_statistieken_zien(principal):
        raise Verboden("Kwaliteitscijfers zijn voor medewerkers en beleid.")
    zichtbaar = toegang.zichtbaarheid(omgeving.register, principal)
    return {
        "perSoort": repository.statistieken_per_soort(sessie, zichtbaar),
        "perRegel": repository.statistieken_per_regel(sessie, zichtbaar),
    }

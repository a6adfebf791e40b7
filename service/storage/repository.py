"""Every query on decisions and rule-set versions lives here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.storage.database import schrijfslot
from service.storage.models import Beslissing, Regelsetversie


@dataclass(frozen=True)
class Filter:
    soort: str | None = None
    behandelaar: str | None = None


def voeg_toe(sessie: Session, beslissing: Beslissing) -> bool:
    """Insert a decision; False if the idempotency key was taken meanwhile."""
    sessie.add(beslissing)
    try:
        with schrijfslot(sessie.get_bind().engine):
            sessie.commit()
    except IntegrityError:
        sessie.rollback()
        return False
    return True


def haal(sessie: Session, beslissing_id: str) -> Beslissing | None:
    return sessie.get(Beslissing, beslissing_id)


def op_idempotency_key(sessie: Session, principal: str, sleutel: str) -> Beslissing | None:
    return sessie.exec(
        select(Beslissing).where(
            Beslissing.aangemaakt_door == principal, Beslissing.idempotency_key == sleutel
        )
    ).first()


def zoek(
    sessie: Session, filter: Filter, offset: int, limit: int
) -> tuple[Sequence[Beslissing], int]:
    """A page of decisions, newest first, and the total matching the filter."""
    voorwaarden = []
    if filter.soort is not None:
        voorwaarden.append(Beslissing.soort == filter.soort)
    if filter.behandelaar is not None:
        voorwaarden.append(Beslissing.behandelaar == filter.behandelaar)
    totaal = sessie.exec(select(func.count()).select_from(Beslissing).where(*voorwaarden)).one()
    pagina = sessie.exec(
        select(Beslissing)
        .where(*voorwaarden)
        .order_by(col(Beslissing.aangemaakt_op).desc(), col(Beslissing.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return pagina, int(totaal)


def bewaar_regelsetversie(sessie: Session, versie: Regelsetversie) -> None:
    """Keep the files behind a rule-set hash (once; the same hash means the same files)."""
    if sessie.get(Regelsetversie, versie.hash) is not None:
        return
    sessie.add(versie)
    try:
        sessie.commit()
    except IntegrityError:  # another worker stored it first: same hash, same content
        sessie.rollback()


def haal_regelsetversie(sessie: Session, hash: str) -> Regelsetversie | None:
    return sessie.get(Regelsetversie, hash)

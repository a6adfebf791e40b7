"""Every query on decisions and rule-set versions lives here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import and_, case, false, func, insert, or_, true
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from service.storage.database import schrijfslot
from service.storage.models import (
    Auditrecord,
    Beoordeling,
    Beslissing,
    BeslissingRegel,
    Regelsetversie,
)

Status = Literal["nietVereist", "open", "goedgekeurd", "afgekeurd"]


@dataclass(frozen=True)
class Zichtbaarheid:
    """Which decisions a principal may see: all, its own creations, or within a mandate."""

    alles: bool = False
    aangemaakt_door: str | None = None
    behandelaar: str | None = None
    rollen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wachtrij:
    """Decisions still awaiting a verdict, required role in `rollen`, not of `niet_van`."""

    niet_van: str
    rollen: tuple[str, ...]


@dataclass(frozen=True)
class Filter:
    soort: str | None = None
    behandelaar: str | None = None
    status: Status | None = None
    zaakreferentie: str | None = None


# The fields a list may be sorted on (API name → column); the id breaks ties.
SORTEERBAAR: dict[str, Any] = {
    "aangemaaktOp": Beslissing.aangemaakt_op,
    "peildatum": Beslissing.peildatum,
    "soort": Beslissing.soort,
    "behandelaar": Beslissing.behandelaar,
    "zaakreferentie": Beslissing.zaakreferentie,
}
NIEUWSTE_EERST: tuple[tuple[str, bool], ...] = (("aangemaaktOp", True),)


def status_van(beslissing: Beslissing, beoordeling: Beoordeling | None) -> Status:
    if not beslissing.beoordeling_vereist:
        return "nietVereist"
    if beoordeling is None:
        return "open"
    return "goedgekeurd" if beoordeling.oordeel == "akkoord" else "afgekeurd"


def bewaar(sessie: Session, *rijen: SQLModel, regels_van: Beslissing | None = None) -> bool:
    """Insert rows in one transaction; False (and nothing stored) on a uniqueness conflict.

    Rows are written with Core INSERTs, not the ORM unit of work: they are append-only
    records that are never updated through the session, and the ORM flush cost more than
    the whole rule evaluation. `regels_van` also records which rules applied in that
    decision (for the statistics).
    """
    per_tabel: dict[type[SQLModel], list[dict[str, Any]]] = {}
    for rij in rijen:  # in the given order: a decision before the rows that refer to it
        per_tabel.setdefault(type(rij), []).append(rij.model_dump())
    if regels_van is not None:
        per_tabel[BeslissingRegel] = [
            {"beslissing_id": regels_van.id, "regel": regel, "soort": regels_van.soort}
            for regel in dict.fromkeys(r["regel"] for r in regels_van.redenen)
        ]
    try:
        with schrijfslot(sessie.get_bind().engine):
            for tabel, waarden in per_tabel.items():
                if waarden:  # a decision in which no rule applied has no rule rows
                    sessie.execute(insert(tabel), waarden)
            sessie.commit()
    except IntegrityError:
        sessie.rollback()
        return False
    return True


def beoordeling_van(sessie: Session, beslissing_id: str) -> Beoordeling | None:
    return sessie.exec(
        select(Beoordeling).where(Beoordeling.beslissing_id == beslissing_id)
    ).first()


def beoordelingen_van(sessie: Session, ids: list[str]) -> dict[str, Beoordeling]:
    if not ids:
        return {}
    rijen = sessie.exec(select(Beoordeling).where(col(Beoordeling.beslissing_id).in_(ids))).all()
    return {b.beslissing_id: b for b in rijen}


def audittrail(sessie: Session, beslissing_id: str) -> Sequence[Auditrecord]:
    return sessie.exec(
        select(Auditrecord)
        .where(Auditrecord.beslissing_id == beslissing_id)
        .order_by(col(Auditrecord.aanmaakdatum), col(Auditrecord.id))
    ).all()


def zichtbaar_sql(z: Zichtbaarheid) -> Any:
    """The SQL condition on `beslissing` for a visibility specification."""
    if z.alles:
        return true()
    delen: list[Any] = []
    if z.aangemaakt_door is not None:
        delen.append(col(Beslissing.aangemaakt_door) == z.aangemaakt_door)
    if z.behandelaar is not None:
        delen.append(col(Beslissing.behandelaar) == z.behandelaar)
    if z.rollen:
        delen.append(col(Beslissing.vereiste_rol).in_(z.rollen))
    return or_(*delen) if delen else false()


def haal(sessie: Session, beslissing_id: str) -> Beslissing | None:
    return sessie.get(Beslissing, beslissing_id)


def op_idempotency_key(sessie: Session, principal: str, sleutel: str) -> Beslissing | None:
    return sessie.exec(
        select(Beslissing).where(
            Beslissing.aangemaakt_door == principal, Beslissing.idempotency_key == sleutel
        )
    ).first()


def _status_voorwaarde(status: Status) -> Any:
    if status == "nietVereist":
        return col(Beslissing.beoordeling_vereist).is_(False)
    if status == "open":
        return and_(col(Beslissing.beoordeling_vereist).is_(True), col(Beoordeling.id).is_(None))
    return col(Beoordeling.oordeel) == ("akkoord" if status == "goedgekeurd" else "afgekeurd")


def zoek(
    sessie: Session,
    filter: Filter,
    zichtbaar: Zichtbaarheid,
    offset: int,
    limit: int,
    volgorde: tuple[tuple[str, bool], ...] = NIEUWSTE_EERST,
) -> tuple[Sequence[Beslissing], int]:
    """A page of visible decisions and the total matching the filter.

    `volgorde`: (field of SORTEERBAAR, descending) pairs; newest first by default.
    """
    voorwaarden = [zichtbaar_sql(zichtbaar)]
    if filter.zaakreferentie is not None:
        voorwaarden.append(Beslissing.zaakreferentie == filter.zaakreferentie)
    if filter.soort is not None:
        voorwaarden.append(Beslissing.soort == filter.soort)
    if filter.behandelaar is not None:
        voorwaarden.append(Beslissing.behandelaar == filter.behandelaar)
    if filter.status is not None:
        voorwaarden.append(_status_voorwaarde(filter.status))
    verbonden = select(Beslissing).outerjoin(
        Beoordeling, col(Beoordeling.beslissing_id) == col(Beslissing.id)
    )
    totaal = sessie.exec(
        select(func.count())
        .select_from(Beslissing)
        .outerjoin(Beoordeling, col(Beoordeling.beslissing_id) == col(Beslissing.id))
        .where(*voorwaarden)
    ).one()
    sleutels = [
        col(SORTEERBAAR[veld]).desc() if af else col(SORTEERBAAR[veld]) for veld, af in volgorde
    ]
    laatste = volgorde[-1][1] if volgorde else True
    sleutels.append(col(Beslissing.id).desc() if laatste else col(Beslissing.id))
    pagina = sessie.exec(
        verbonden.where(*voorwaarden).order_by(*sleutels).offset(offset).limit(limit)
    ).all()
    return pagina, int(totaal)


def wachtrij(
    sessie: Session, spec: Wachtrij, soort: str | None, limit: int
) -> tuple[Sequence[Beslissing], int]:
    """Decisions awaiting review per the spec, oldest first (at most `limit`), and their total."""
    voorwaarden = [
        col(Beslissing.beoordeling_vereist).is_(True),
        col(Beoordeling.id).is_(None),
        col(Beslissing.vereiste_rol).in_(spec.rollen),
        col(Beslissing.behandelaar) != spec.niet_van,
        col(Beslissing.aangemaakt_door) != spec.niet_van,
    ]
    if soort is not None:
        voorwaarden.append(col(Beslissing.soort) == soort)
    totaal = sessie.exec(
        select(func.count())
        .select_from(Beslissing)
        .outerjoin(Beoordeling, col(Beoordeling.beslissing_id) == col(Beslissing.id))
        .where(*voorwaarden)
    ).one()
    rijen = sessie.exec(
        select(Beslissing)
        .outerjoin(Beoordeling, col(Beoordeling.beslissing_id) == col(Beslissing.id))
        .where(*voorwaarden)
        .order_by(col(Beslissing.aangemaakt_op), col(Beslissing.id))
        .limit(limit)
    ).all()
    return rijen, int(totaal)


def statistieken_per_soort(sessie: Session, zichtbaar: Zichtbaarheid) -> list[dict[str, Any]]:
    """Per kind, over the visible decisions: decisions, reviews required, approved,
    rejected, still open."""
    rijen = sessie.execute(
        sa_select(
            col(Beslissing.soort),
            func.count(),
            func.sum(case((col(Beslissing.beoordeling_vereist).is_(True), 1), else_=0)),
            func.sum(case((col(Beoordeling.oordeel) == "akkoord", 1), else_=0)),
            func.sum(case((col(Beoordeling.oordeel) == "afgekeurd", 1), else_=0)),
        )
        .select_from(Beslissing)
        .outerjoin(Beoordeling, col(Beoordeling.beslissing_id) == col(Beslissing.id))
        .where(zichtbaar_sql(zichtbaar))
        .group_by(Beslissing.soort)
        .order_by(Beslissing.soort)
    ).all()
    return [
        {
            "soort": soort,
            "beslissingen": int(n),
            "beoordelingVereist": int(v or 0),
            "goedgekeurd": int(a or 0),
            "afgekeurd": int(r or 0),
            "open": int(v or 0) - int(a or 0) - int(r or 0),
        }
        for soort, n, v, a, r in rijen
    ]


def statistieken_per_regel(sessie: Session, zichtbaar: Zichtbaarheid) -> list[dict[str, Any]]:
    """Per rule, over the visible decisions: in how many it applied, and how those were
    reviewed."""
    rijen = sessie.execute(
        sa_select(
            col(BeslissingRegel.soort),
            col(BeslissingRegel.regel),
            func.count(),
            func.sum(case((col(Beslissing.beoordeling_vereist).is_(True), 1), else_=0)),
            func.sum(case((col(Beoordeling.oordeel) == "akkoord", 1), else_=0)),
            func.sum(case((col(Beoordeling.oordeel) == "afgekeurd", 1), else_=0)),
        )
        .select_from(BeslissingRegel)
        .join(Beslissing, col(Beslissing.id) == col(BeslissingRegel.beslissing_id))
        .outerjoin(Beoordeling, col(Beoordeling.beslissing_id) == col(Beslissing.id))
        .where(zichtbaar_sql(zichtbaar))
        .group_by(BeslissingRegel.soort, BeslissingRegel.regel)
        .order_by(BeslissingRegel.soort, BeslissingRegel.regel)
    ).all()
    return [
        {
            "soort": soort,
            "regel": regel,
            "beslissingen": int(n),
            "beoordelingVereist": int(v or 0),
            "goedgekeurd": int(a or 0),
            "afgekeurd": int(r or 0),
        }
        for soort, regel, n, v, a, r in rijen
    ]


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

"""Read-only queries for the quality page (PDCA): verdicts over time, the review sample."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from service.storage.models import Beoordeling, Beslissing, BeslissingRegel
from service.storage.repository import Zichtbaarheid, zichtbaar_sql


def oordelen_sinds(
    sessie: Session, sinds: dt.datetime, zichtbaar: Zichtbaarheid
) -> list[tuple[str, dt.datetime, str]]:
    """(soort, beoordeeld_op, oordeel) of every verdict on a visible decision since `sinds`."""
    rijen = sessie.execute(
        sa_select(col(Beslissing.soort), col(Beoordeling.beoordeeld_op), col(Beoordeling.oordeel))
        .select_from(Beoordeling)
        .join(Beslissing, col(Beslissing.id) == col(Beoordeling.beslissing_id))
        .where(col(Beoordeling.beoordeeld_op) >= sinds, zichtbaar_sql(zichtbaar))
    ).all()
    return [(s, op, o) for s, op, o in rijen]


def oordelen_per_regel_sinds(
    sessie: Session, sinds: dt.datetime, zichtbaar: Zichtbaarheid
) -> list[tuple[str, str, dt.datetime, str]]:
    """(soort, regel, beoordeeld_op, oordeel) for every rule that applied in a judged,
    visible decision."""
    rijen = sessie.execute(
        sa_select(
            col(BeslissingRegel.soort),
            col(BeslissingRegel.regel),
            col(Beoordeling.beoordeeld_op),
            col(Beoordeling.oordeel),
        )
        .select_from(Beoordeling)
        .join(BeslissingRegel, col(BeslissingRegel.beslissing_id) == col(Beoordeling.beslissing_id))
        .join(Beslissing, col(Beslissing.id) == col(Beoordeling.beslissing_id))
        .where(col(Beoordeling.beoordeeld_op) >= sinds, zichtbaar_sql(zichtbaar))
    ).all()
    return [(s, r, op, o) for s, r, op, o in rijen]


def steekproef_per_soort(
    sessie: Session, kenmerk: str, zichtbaar: Zichtbaarheid
) -> list[dict[str, Any]]:
    """Per kind, over the visible decisions: decisions, those needing no review, and those
    drawn in the sample.

    `kenmerk` is the text the mandate module puts in the review reason of a sampled
    decision (a decision is sampled only when nothing else asked for a review).
    """
    in_steekproef = col(Beslissing.beoordeling_reden).contains(kenmerk, autoescape=True)
    rijen = sessie.execute(
        sa_select(
            col(Beslissing.soort),
            func.count(),
            func.sum(case((col(Beslissing.beoordeling_vereist).is_(False), 1), else_=0)),
            func.sum(case((in_steekproef, 1), else_=0)),
        )
        .where(zichtbaar_sql(zichtbaar))
        .group_by(Beslissing.soort)
        .order_by(Beslissing.soort)
    ).all()
    return [
        {"soort": s, "beslissingen": int(n), "nietVereist": int(v or 0), "steekproef": int(k or 0)}
        for s, n, v, k in rijen
    ]

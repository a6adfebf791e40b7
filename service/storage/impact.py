"""Tables and every query of the impact analysis: the analysis, its work table of key ranges.

An analysis is cut into parts by decision id (key ranges of about equal size). Workers,
in one process or on several machines, claim a part at a time: on PostgreSQL with
`FOR UPDATE SKIP LOCKED`, so two workers never take the same part and never wait for
each other; on SQLite (one machine) under the cross-process write lock. A part's result
is stored with the part, so a worker that dies loses only the part it held (it is
claimed again after `VERLOPEN`). Decisions are only read here, never written.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

from sqlalchemy import JSON, Column, and_, case, func, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, col, select

from service.storage.database import schrijfslot
from service.storage.models import Beslissing, BeslissingRegel, nu

VERLOPEN = dt.timedelta(minutes=10)


class Impactanalyse(SQLModel, table=True):
    __tablename__ = "impactanalyse"

    id: str = Field(primary_key=True, max_length=36)
    status: str = Field(max_length=16)  # wachtrij | bezig | klaar | mislukt
    aangemaakt_door: str = Field(max_length=100)
    aangemaakt_op: dt.datetime = Field(default_factory=nu)
    kandidaat: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    """The candidate rule files, path → text: any worker on any machine can rebuild them."""
    regelsets: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    filter: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    totaal: int = 0
    delen: int = 0
    rapport: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    fout: str | None = Field(default=None, max_length=1000)
    klaar_op: dt.datetime | None = None


class Impactdeel(SQLModel, table=True):
    """One key range of decisions: [van_id, tot_id), open-ended where None."""

    __tablename__ = "impactdeel"

    analyse_id: str = Field(foreign_key="impactanalyse.id", primary_key=True, max_length=36)
    nr: int = Field(primary_key=True)
    van_id: str | None = Field(default=None, max_length=36)
    tot_id: str | None = Field(default=None, max_length=36)
    aantal: int = 0
    status: str = Field(default="open", max_length=16)  # open | bezig | klaar
    werker: str | None = Field(default=None, max_length=100)
    geclaimd_op: dt.datetime | None = None
    verwerkt: int = 0
    rapport: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


def beslissingfilter(filter: dict[str, Any]) -> list[Any]:
    """SQL conditions for {soort?, van?, tot?}: van/tot are UTC bounds of aangemaakt_op."""
    voorwaarden: list[Any] = []
    if filter.get("soort"):
        voorwaarden.append(col(Beslissing.soort) == filter["soort"])
    if filter.get("vanaf"):
        voorwaarden.append(
            col(Beslissing.aangemaakt_op) >= dt.datetime.fromisoformat(filter["vanaf"])
        )
    if filter.get("tot"):
        voorwaarden.append(col(Beslissing.aangemaakt_op) < dt.datetime.fromisoformat(filter["tot"]))
    return voorwaarden


def maak_analyse(sessie: Session, analyse: Impactanalyse, deelgrootte: int) -> Impactanalyse:
    """Store the analysis and its parts: one pass over the matching ids, in id order."""
    voorwaarden = beslissingfilter(analyse.filter)
    grenzen: list[str] = []
    aantal = 0
    ids = sessie.execute(
        sa_select(col(Beslissing.id)).where(*voorwaarden).order_by(col(Beslissing.id)),
        execution_options={"stream_results": True, "yield_per": 10_000},
    ).scalars()
    for beslissing_id in ids:
        if aantal and aantal % deelgrootte == 0:
            grenzen.append(beslissing_id)
        aantal += 1
    randen: list[str | None] = [None, *grenzen, None]
    analyse.totaal = aantal
    analyse.delen = len(randen) - 1
    sessie.add(analyse)
    sessie.flush()  # the analysis row before the parts that refer to it
    for nr, (van, tot) in enumerate(itertools.pairwise(randen)):
        in_deel = min(deelgrootte, aantal - nr * deelgrootte)
        sessie.add(Impactdeel(analyse_id=analyse.id, nr=nr, van_id=van, tot_id=tot, aantal=in_deel))
    with schrijfslot(sessie.get_bind().engine):
        sessie.commit()
    return analyse


def haal_analyse(sessie: Session, analyse_id: str) -> Impactanalyse | None:
    return sessie.get(Impactanalyse, analyse_id)


def _claimbaar(analyse_id: str) -> list[Any]:
    grens = nu() - VERLOPEN
    return [
        col(Impactdeel.analyse_id) == analyse_id,
        or_(
            col(Impactdeel.status) == "open",
            and_(col(Impactdeel.status) == "bezig", col(Impactdeel.geclaimd_op) < grens),
        ),
    ]


def heeft_claimbaar_deel(engine: Engine, analyse_id: str) -> bool:
    with engine.connect() as verbinding:
        rij = verbinding.execute(
            sa_select(col(Impactdeel.nr)).where(*_claimbaar(analyse_id)).limit(1)
        ).first()
    return rij is not None


def claim_deel(engine: Engine, analyse_id: str, werker: str) -> Impactdeel | None:
    """Take the next open part (or one whose worker vanished); None when none is left."""
    with schrijfslot(engine), Session(engine, expire_on_commit=False) as sessie:
        deel = sessie.exec(
            select(Impactdeel)
            .where(*_claimbaar(analyse_id))
            .order_by(col(Impactdeel.nr))
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if deel is None:
            return None
        deel.status, deel.werker, deel.geclaimd_op, deel.verwerkt = "bezig", werker, nu(), 0
        sessie.add(deel)
        sessie.commit()
        return deel


def lees_beslissingen(
    engine: Engine, deel: Impactdeel, filter: dict[str, Any], batch: int
) -> Iterator[list[tuple[Any, ...]]]:
    """The decisions of one part in batches (keyset pagination on id: flat memory).

    Each row is (id, soort, peildatum, gegevens, uitkomst, rule ids applied). The rule ids
    come from `beslissing_regel`, not from parsing the stored reasons (the largest
    column, and most of the reading time); a decision without such rows falls back to
    its reasons.
    """
    voorwaarden = beslissingfilter(filter)
    if deel.van_id is not None:
        voorwaarden.append(col(Beslissing.id) >= deel.van_id)
    if deel.tot_id is not None:
        voorwaarden.append(col(Beslissing.id) < deel.tot_id)
    laatste: str | None = None
    kolommen = (
        col(Beslissing.id),
        col(Beslissing.soort),
        col(Beslissing.peildatum),
        col(Beslissing.gegevens),
        col(Beslissing.uitkomst),
    )
    while True:
        verder = [col(Beslissing.id) > laatste] if laatste is not None else []
        with engine.connect() as verbinding:
            rijen = verbinding.execute(
                sa_select(*kolommen)
                .where(*voorwaarden, *verder)
                .order_by(col(Beslissing.id))
                .limit(batch)
            ).all()
            if not rijen:
                return
            regels = _regels_van(verbinding, [r[0] for r in rijen])
        yield [(*r, regels.get(r[0], set())) for r in rijen]
        laatste = rijen[-1][0]


def _regels_van(verbinding: Any, ids: list[str]) -> dict[str, set[str]]:
    per_id: dict[str, set[str]] = {}
    for beslissing_id, regel in verbinding.execute(
        sa_select(col(BeslissingRegel.beslissing_id), col(BeslissingRegel.regel)).where(
            col(BeslissingRegel.beslissing_id).in_(ids)
        )
    ):
        per_id.setdefault(beslissing_id, set()).add(regel)
    zonder = [i for i in ids if i not in per_id]
    if zonder:
        for beslissing_id, redenen in verbinding.execute(
            sa_select(col(Beslissing.id), col(Beslissing.redenen)).where(
                col(Beslissing.id).in_(zonder)
            )
        ):
            per_id[beslissing_id] = {r["regel"] for r in redenen}
    return per_id


def meld_voortgang(engine: Engine, analyse_id: str, nr: int, verwerkt: int) -> None:
    with schrijfslot(engine), engine.begin() as verbinding:
        verbinding.execute(
            update(Impactdeel)
            .where(col(Impactdeel.analyse_id) == analyse_id, col(Impactdeel.nr) == nr)
            .values(verwerkt=verwerkt)
        )


def rond_deel_af(
    engine: Engine, analyse_id: str, nr: int, verwerkt: int, rapport: dict[str, Any]
) -> None:
    with schrijfslot(engine), engine.begin() as verbinding:
        verbinding.execute(
            update(Impactdeel)
            .where(col(Impactdeel.analyse_id) == analyse_id, col(Impactdeel.nr) == nr)
            .values(status="klaar", verwerkt=verwerkt, rapport=rapport)
        )


def zet_status(engine: Engine, analyse_id: str, status: str, **waarden: Any) -> bool:
    """Change the status unless the analysis is already finished; True if it changed."""
    with schrijfslot(engine), engine.begin() as verbinding:
        resultaat = verbinding.execute(
            update(Impactanalyse)
            .where(
                col(Impactanalyse.id) == analyse_id,
                col(Impactanalyse.status).not_in(("klaar", "mislukt")),
            )
            .values(status=status, **waarden)
        )
        return bool(resultaat.rowcount)


def voortgang(engine: Engine, analyse_id: str) -> tuple[int, int, int]:
    """(decisions replayed, parts done, parts) of an analysis."""
    with engine.connect() as verbinding:
        verwerkt, klaar, delen = verbinding.execute(
            sa_select(
                func.coalesce(func.sum(col(Impactdeel.verwerkt)), 0),
                func.coalesce(func.sum(case((col(Impactdeel.status) == "klaar", 1), else_=0)), 0),
                func.count(),
            ).where(col(Impactdeel.analyse_id) == analyse_id)
        ).one()
    return int(verwerkt), int(klaar), int(delen)


def deelrapporten(engine: Engine, analyse_id: str) -> list[dict[str, Any]]:
    with engine.connect() as verbinding:
        return [
            r
            for (r,) in verbinding.execute(
                sa_select(col(Impactdeel.rapport))
                .where(col(Impactdeel.analyse_id) == analyse_id, col(Impactdeel.status) == "klaar")
                .order_by(col(Impactdeel.nr))
            ).all()
        ]

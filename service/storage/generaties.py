"""Rule-set generations: which rule sets the service runs, one row per (re)load.

Every worker process compares the newest generation with its own, so a reload done by
one worker (or by SIGHUP to the server) reaches every worker, on every machine that
shares the database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, func, insert
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Field, SQLModel, col

from service.storage.database import schrijfslot
from service.storage.models import nu


class Regelgeneratie(SQLModel, table=True):
    __tablename__ = "regelgeneratie"

    nr: int | None = Field(default=None, primary_key=True)
    regelsets: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    """[{naam, versie, hash}] of the rule sets in force from this generation on."""
    geladen_door: str = Field(max_length=100)
    reden: str = Field(max_length=32)  # start | api | sighup
    geladen_op: dt.datetime = Field(default_factory=nu)


def laatste_nr(engine: Engine) -> int:
    """The newest generation number (0 when none): one indexed lookup, cheap to poll."""
    with engine.connect() as verbinding:
        nr = verbinding.execute(sa_select(func.max(col(Regelgeneratie.nr)))).scalar_one()
    return int(nr or 0)


def laatste(engine: Engine) -> Regelgeneratie | None:
    with engine.connect() as verbinding:
        rij = verbinding.execute(
            sa_select(Regelgeneratie).order_by(col(Regelgeneratie.nr).desc()).limit(1)
        ).first()
    return None if rij is None else Regelgeneratie.model_validate(rij._mapping)


def voeg_toe(engine: Engine, regelsets: list[dict[str, Any]], door: str, reden: str) -> int:
    """Record a new generation; returns its number."""
    with schrijfslot(engine), engine.begin() as verbinding:
        resultaat = verbinding.execute(
            insert(Regelgeneratie).values(
                regelsets=regelsets, geladen_door=door, reden=reden, geladen_op=nu()
            )
        )
        sleutel = resultaat.inserted_primary_key
        assert sleutel is not None
        return int(sleutel[0])


def gearchiveerde_hashes(engine: Engine, naam: str, versie: str) -> list[str]:
    """Hashes the service has loaded before under this rule-set name and version."""
    from service.storage.models import Regelsetversie

    with engine.connect() as verbinding:
        return list(
            verbinding.execute(
                sa_select(col(Regelsetversie.hash)).where(
                    col(Regelsetversie.naam) == naam, col(Regelsetversie.versie) == versie
                )
            ).scalars()
        )

"""Tables. Decisions are append-only: a row is written once and never updated.

Everything needed to reproduce a decision is in its row: the input as received, the
peildatum, and the rule set's name, version and content hash (whose files are kept in
`regelsetversie`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def nu() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Beslissing(SQLModel, table=True):
    __tablename__ = "beslissing"
    __table_args__ = (
        UniqueConstraint("aangemaakt_door", "idempotency_key", name="uq_beslissing_idempotency"),
    )

    id: str = Field(primary_key=True, max_length=36)
    soort: str = Field(index=True, max_length=64)
    peildatum: dt.date
    zaakreferentie: str | None = Field(default=None, max_length=200)
    behandelaar: str = Field(index=True, max_length=100)
    aangemaakt_door: str = Field(max_length=100)
    aangemaakt_op: dt.datetime = Field(default_factory=nu, index=True)
    gegevens: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    uitkomst: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    redenen: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    regelset_naam: str = Field(max_length=64)
    regelset_versie: str = Field(max_length=32)
    regelset_hash: str = Field(index=True, max_length=64)
    idempotency_key: str | None = Field(default=None, max_length=200)
    verzoek_hash: str = Field(max_length=64)


class Regelsetversie(SQLModel, table=True):
    """The exact rule files behind a content hash, so any stored decision can be replayed."""

    __tablename__ = "regelsetversie"

    hash: str = Field(primary_key=True, max_length=64)
    naam: str = Field(max_length=64)
    versie: str = Field(max_length=32)
    bestanden: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    eerst_geladen_op: dt.datetime = Field(default_factory=nu)

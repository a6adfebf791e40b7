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
    zaakreferentie: str | None = Field(default=None, index=True, max_length=200)
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
    mandaat: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    vereiste_rol: str | None = Field(default=None, index=True, max_length=64)
    beoordeling_vereist: bool = Field(default=False, index=True)
    beoordeling_reden: str = Field(default="", max_length=1000)
    betrokkene: str | None = Field(default=None, max_length=64)
    """Pseudonym of the data subject (keyed hash of the BSN), never the BSN itself."""


class Regelsetversie(SQLModel, table=True):
    """The exact rule files behind a content hash, so any stored decision can be replayed."""

    __tablename__ = "regelsetversie"

    hash: str = Field(primary_key=True, max_length=64)
    naam: str = Field(max_length=64)
    versie: str = Field(max_length=32)
    bestanden: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    eerst_geladen_op: dt.datetime = Field(default_factory=nu)


class Beoordeling(SQLModel, table=True):
    """A reviewer's verdict. One per decision (unique): exactly one verdict counts."""

    __tablename__ = "beoordeling"

    id: str = Field(primary_key=True, max_length=36)
    beslissing_id: str = Field(foreign_key="beslissing.id", unique=True, max_length=36)
    oordeel: str = Field(max_length=16)
    toelichting: str | None = Field(default=None, max_length=4000)
    beoordelaar: str = Field(max_length=100)
    beoordelaar_rol: str | None = Field(default=None, max_length=64)
    beoordeeld_op: dt.datetime = Field(default_factory=nu)


class BeslissingRegel(SQLModel, table=True):
    """Which rules applied in which decision: for the quality figures per rule."""

    __tablename__ = "beslissing_regel"

    beslissing_id: str = Field(foreign_key="beslissing.id", primary_key=True, max_length=36)
    regel: str = Field(primary_key=True, index=True, max_length=100)
    soort: str = Field(max_length=64)


class Auditrecord(SQLModel, table=True):
    """Who did what with a decision, when, and the result (after the ZGW audittrail)."""

    __tablename__ = "auditrecord"

    id: str = Field(primary_key=True, max_length=36)
    beslissing_id: str | None = Field(default=None, index=True, max_length=36)
    bron: str = Field(default="beslisservice-invordering", max_length=64)
    gebruikers_id: str = Field(max_length=100)
    gebruikers_rol: str = Field(max_length=32)
    actie: str = Field(max_length=32)
    actie_weergave: str = Field(max_length=200)
    resultaat: int
    hoofd_object: str = Field(max_length=200)
    aanmaakdatum: dt.datetime = Field(default_factory=nu, index=True)
    oud: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    nieuw: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class Dataverwerking(SQLModel, table=True):
    """One record per processing of personal data (Logboek Dataverwerkingen), pseudonymised."""

    __tablename__ = "dataverwerking"

    id: str = Field(primary_key=True, max_length=36)
    trace_id: str = Field(index=True, max_length=32)
    operation_id: str = Field(max_length=16)
    parent_operation_id: str | None = Field(default=None, max_length=16)
    verwerkingsactiviteit: str = Field(max_length=100)
    status: str = Field(max_length=16)
    start: dt.datetime
    einde: dt.datetime
    betrokkene: str = Field(max_length=64)
    beslissing_id: str | None = Field(default=None, max_length=36)


class Abonnement(SQLModel, table=True):
    """A subscription to notifications (after the ZGW Notificaties API's ABONNEMENT)."""

    __tablename__ = "abonnement"

    id: str = Field(primary_key=True, max_length=36)
    eigenaar: str = Field(index=True, max_length=100)
    """The principal that subscribed: it gets only notifications about what it may see."""
    callback_url: str = Field(max_length=1000)
    auth: str | None = Field(default=None, max_length=1000)
    """Value of the Authorization header sent to the callback (a secret: never returned)."""
    geheim: str = Field(max_length=100)
    """Key of the HMAC signature (Standard Webhooks `whsec_…`), shown once at creation."""
    kanalen: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    aangemaakt_op: dt.datetime = Field(default_factory=nu)


class Notificatiebezorging(SQLModel, table=True):
    """One notification to one subscriber: the outbox, stored with the event that caused it,
    delivered (and retried) in the background, surviving a restart."""

    __tablename__ = "notificatiebezorging"

    id: str = Field(primary_key=True, max_length=36)
    abonnement_id: str = Field(index=True, max_length=36)
    inhoud: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    status: str = Field(default="wachtend", index=True, max_length=16)
    """wachtend | bezorgd | mislukt"""
    pogingen: int = 0
    volgende_poging: dt.datetime = Field(default_factory=nu, index=True)
    geclaimd_tot: dt.datetime | None = None
    laatste_fout: str | None = Field(default=None, max_length=500)
    aangemaakt_op: dt.datetime = Field(default_factory=nu)
    bezorgd_op: dt.datetime | None = None

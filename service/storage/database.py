"""Database engine: SQLite (WAL) by default, PostgreSQL via INVORDERING_DATABASE_URL."""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager as ContextManager
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson
import structlog
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import create_engine

MIGRATIES = Path(__file__).parent / "migrations"
log = structlog.get_logger()


def normaliseer_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def json_tekst(waarde: Any) -> str:
    """JSON columns are written with orjson (several times faster than the standard library)."""
    try:
        return orjson.dumps(waarde, default=str).decode()
    except TypeError:  # an integer beyond 64 bits: the standard library writes it
        return json.dumps(waarde, default=str, separators=(",", ":"), ensure_ascii=False)


def maak_engine(url: str) -> Engine:
    url = normaliseer_url(url)
    json_opties: dict[str, Any] = {"json_serializer": json_tekst, "json_deserializer": orjson.loads}
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **json_opties
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(verbinding: Any, _record: Any) -> None:
            cursor = verbinding.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True, **json_opties)


def migreer(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision, exactly once across processes.

    Several workers start at once: only one migrates, under a lock (a PostgreSQL advisory
    lock, held for the migration's transaction; a file lock beside a SQLite file); the
    others wait for it and then find the schema current. Later starts only read the
    revision. Without the lock two workers both ran the migrations and one crashed.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIES))
    nieuwste = ScriptDirectory.from_config(config).get_current_head()
    if _revisie(engine) == nieuwste:
        return
    with _migratieslot(engine), engine.begin() as verbinding:
        if verbinding.dialect.name == "postgresql":
            verbinding.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATIESLOT})
        huidig = MigrationContext.configure(verbinding).get_current_revision()
        if huidig == nieuwste:
            return  # another worker migrated while this one waited
        config.attributes["connection"] = verbinding
        command.upgrade(config, "head")
    log.info("migraties_uitgevoerd", van=huidig, naar=nieuwste)


MIGRATIESLOT = 0x696E76_6D6967  # "inv" "mig": the advisory-lock key of the migrations


def _revisie(engine: Engine) -> str | None:
    with engine.connect() as verbinding:
        return MigrationContext.configure(verbinding).get_current_revision()


@contextmanager
def _migratieslot(engine: Engine) -> Iterator[None]:
    """For SQLite a file lock beside the database (PostgreSQL locks in the transaction)."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        yield
        return
    fd = os.open(str(Path(database).resolve()) + ".migratieslot", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class Controlepunten:
    """Copies SQLite's WAL into the database beside the group-commit writer, not in it.

    SQLite checkpoints inside the commit that passes 1,000 WAL pages: that commit, and
    every request waiting on it, then waits for the copy (and its fsync) too. The writer's
    connection turns that off (`stille_verbinding`) and this thread runs a PASSIVE
    checkpoint every `interval` seconds on its own connection; it blocks no reader or
    writer, and SQLite does the copying outside the GIL.
    """

    def __init__(self, engine: Engine, interval: float = 0.2) -> None:
        self._engine = engine
        self._interval = interval
        self._stop = threading.Event()
        self._draad = threading.Thread(target=self._lus, name="controlepunten", daemon=True)
        self._draad.start()

    def _lus(self) -> None:
        with self._engine.connect() as verbinding:
            while not self._stop.wait(self._interval):
                verbinding.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
                verbinding.rollback()  # end SQLAlchemy's implicit transaction

    def stop(self) -> None:
        self._stop.set()
        self._draad.join()


@contextmanager
def stille_verbinding(engine: Engine) -> Iterator[Connection]:
    """A connection for the group-commit writer: on SQLite without automatic checkpoints
    (a `Controlepunten` thread does them) for as long as it is held."""
    with engine.connect() as verbinding:
        if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
            yield verbinding
            return
        verbinding.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        verbinding.commit()  # end SQLAlchemy's implicit transaction
        controlepunten = Controlepunten(engine)
        try:
            yield verbinding
        finally:
            controlepunten.stop()
            # The connection goes back to the pool: other users checkpoint as usual again.
            verbinding.rollback()
            verbinding.exec_driver_sql("PRAGMA wal_autocheckpoint=1000")
            verbinding.commit()


class _Bestandsslot:
    """Serialises SQLite writers across processes (uvicorn workers) and threads.

    SQLite allows one writer; a second one waits in SQLite's busy handler, which sleeps in
    growing steps (1, 2, 5, 10 … ms) and made p99 latency jump. A blocking flock wakes the
    waiter as soon as the lock is free.
    """

    def __init__(self, pad: Path) -> None:
        self._pad = pad
        self._draad = threading.Lock()
        self._fd: int | None = None

    @contextmanager
    def vast(self) -> Iterator[None]:
        with self._draad:
            if self._fd is None:
                self._fd = os.open(self._pad, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)


_sloten: dict[str, _Bestandsslot] = {}


def schrijfslot(engine: Engine) -> ContextManager[None]:
    """A lock to hold around a write transaction (only needed, and only taken, for SQLite)."""
    slot = _slot_van(engine.url.get_backend_name(), engine.url.database)
    return nullcontext() if slot is None else slot.vast()


@lru_cache(maxsize=64)
def _slot_van(backend: str, database: str | None) -> _Bestandsslot | None:
    """The lock of one SQLite file (resolved once: the path lookups cost a few syscalls)."""
    if backend != "sqlite" or not database or database == ":memory:":
        return None
    pad = str(Path(database).resolve()) + ".schrijfslot"
    if pad not in _sloten:
        _sloten[pad] = _Bestandsslot(Path(pad))
    return _sloten[pad]

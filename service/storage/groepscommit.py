"""Group commit: one writer per process and database; waiting requests share a transaction.

A decision answers 201 only after its rows are committed. Committing each request on its
own cost more than the whole evaluation (one transaction, one SQLite write lock or one
PostgreSQL round trip per request). Here every request hands its rows to the writer and
waits; the writer takes everything that is waiting, inserts it per table with one Core
`executemany` in one transaction, commits, and then wakes every waiter with the result.
Under load, groups grow by themselves; alone, a request is committed at once.

A uniqueness conflict (the same Idempotency-Key at the same moment) rolls back the whole
group; the writer then commits the group's requests one by one, so only the conflicting
request hears `False` and the others are stored as usual.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy import Table
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from service.storage.database import schrijfslot, stille_verbinding

log = structlog.get_logger()

AANSLUITEND = 0.05
"""Seconds the writer keeps its connection waiting for the next group before it lets go."""

Rij = tuple[Table, dict[str, Any]]
"""One row to insert: its table and its column values."""
Uitkomst = bool | BaseException


def als_rijen(*modellen: SQLModel) -> list[Rij]:
    """Rows of SQLModel table objects, in the given order (their column values, read
    directly: `model_dump` cost 20 µs per decision row)."""
    rijen: list[Rij] = []
    for model in modellen:
        tabel: Table = model.__table__  # type: ignore[attr-defined]
        rijen.append((tabel, {naam: getattr(model, naam) for naam in _kolomnamen(tabel)}))
    return rijen


@functools.cache
def _kolomnamen(tabel: Table) -> tuple[str, ...]:
    return tuple(kolom.key for kolom in tabel.columns)


@dataclass
class _Opdracht:
    rijen: Sequence[Rij]
    klaar: Callable[[Uitkomst], None]


def _vul(toekomst: asyncio.Future[bool], uitkomst: Uitkomst) -> None:
    if toekomst.done():  # the waiting request was cancelled; the rows are stored anyway
        return
    if isinstance(uitkomst, BaseException):
        toekomst.set_exception(uitkomst)
    else:
        toekomst.set_result(uitkomst)


class Groepsschrijver:
    """The writer thread of one database in this process (started on demand).

    The thread stops after `rust` seconds without work and starts again on the next
    request, so an idle process (or a test's app) keeps no thread.
    """

    def __init__(self, engine: Engine, max_groep: int = 512, rust: float = 5.0) -> None:
        self.engine = engine
        self.max_groep = max_groep
        self.rust = rust
        self._wachtrij: queue.SimpleQueue[_Opdracht] = queue.SimpleQueue()
        self._start = threading.Lock()
        self._draad: threading.Thread | None = None
        # Parents before children (a decision before the rows that refer to it).
        self._volgorde = {t: i for i, t in enumerate(SQLModel.metadata.sorted_tables)}
        self._invoegingen: dict[Table, _Invoeging] = {}
        self.groepen = 0
        """Transactions committed so far (for tests and the benchmark)."""

    async def schrijf(self, rijen: Sequence[Rij]) -> bool:
        """Store the rows (one request's) once committed: True; False on a uniqueness
        conflict (nothing of this request stored). Database errors are raised."""
        loop = asyncio.get_running_loop()
        toekomst: asyncio.Future[bool] = loop.create_future()

        def klaar(uitkomst: Uitkomst) -> None:
            loop.call_soon_threadsafe(_vul, toekomst, uitkomst)

        self._plaats(_Opdracht(rijen, klaar))
        return await toekomst

    def schrijf_en_wacht(self, rijen: Sequence[Rij]) -> bool:
        """As `schrijf`, for a thread that may block (never the event loop)."""
        toekomst: Future[bool] = Future()

        def klaar(uitkomst: Uitkomst) -> None:
            if isinstance(uitkomst, BaseException):
                toekomst.set_exception(uitkomst)
            else:
                toekomst.set_result(uitkomst)

        self._plaats(_Opdracht(rijen, klaar))
        return toekomst.result()

    def plaats(self, rijen: Sequence[Rij], klaar: Callable[[Uitkomst], None]) -> None:
        """Queue the rows; `klaar` is called on the writer thread with True, False (a
        uniqueness conflict) or the database error. For a thread that must not wait."""
        self._plaats(_Opdracht(rijen, klaar))

    def _plaats(self, opdracht: _Opdracht) -> None:
        self._wachtrij.put(opdracht)
        # Under the lock: the thread checks for work and stops under the same lock, so
        # a row put in while it stops is seen by it or finds no thread and starts one.
        with self._start:
            if self._draad is None:
                self._start_draad()

    def _start_draad(self) -> None:
        self._draad = threading.Thread(target=self._lus, name="groepscommit", daemon=True)
        self._draad.start()

    def _lus(self) -> None:
        try:
            self._schrijf_zolang_er_werk_is()
        finally:  # also after an unforeseen error: no request may wait for a dead thread
            with self._start:
                if self._draad is threading.current_thread():
                    self._draad = None
                    if not self._wachtrij.empty():
                        self._start_draad()

    def _schrijf_zolang_er_werk_is(self) -> None:
        # One connection while work keeps coming (a pool checkout and the rollback of its
        # check-in per group cost more than a small group's inserts); none while idle, so an
        # idle process, or a test's short-lived app, holds no database connection.
        while (groep := self._volgende_groep(self.rust, stoppen=True)) is not None:
            try:
                with stille_verbinding(self.engine) as verbinding:
                    while groep is not None and self._verwerk(verbinding, groep):
                        groep = self._volgende_groep(AANSLUITEND, stoppen=False)
            except BaseException as fout:  # no connection: every waiter hears it
                log.error("groepscommit_mislukt", fout=type(fout).__name__)
                if groep is not None:
                    _meld(groep, fout)

    def _volgende_groep(self, wacht: float, stoppen: bool) -> list[_Opdracht] | None:
        """Everything waiting (at most max_groep); None after `wacht` seconds without work
        (and with `stoppen`, the thread then ends: set under the lock, see _plaats)."""
        while True:
            try:
                groep = [self._wachtrij.get(timeout=wacht)]
                break
            except queue.Empty:
                if not stoppen:
                    return None
                with self._start:
                    if self._wachtrij.empty():
                        self._draad = None
                        return None
        while len(groep) < self.max_groep:
            try:
                groep.append(self._wachtrij.get_nowait())
            except queue.Empty:
                break
        return groep

    def _verwerk(self, verbinding: Connection, groep: list[_Opdracht]) -> bool:
        """Commit the group, or find its conflicting request; False after a database error."""
        try:
            self._commit(verbinding, groep)
        except IntegrityError:
            if len(groep) == 1:
                _meld(groep, False)
                return True
            # Find the request that conflicts; store the others.
            return all([self._verwerk(verbinding, [opdracht]) for opdracht in groep])
        except BaseException as fout:  # the database is unreachable, full, ...
            log.error("groepscommit_mislukt", fout=type(fout).__name__, verzoeken=len(groep))
            _meld(groep, fout)
            return False
        self.groepen += 1
        _meld(groep, True)
        return True

    def _commit(self, verbinding: Connection, groep: Iterable[_Opdracht]) -> None:
        per_tabel: dict[Table, list[dict[str, Any]]] = {}
        for opdracht in groep:
            for tabel, waarden in opdracht.rijen:
                per_tabel.setdefault(tabel, []).append(waarden)
        volgorde = self._volgorde
        with schrijfslot(self.engine), verbinding.begin():
            for tabel in sorted(per_tabel, key=lambda t: volgorde.get(t, len(volgorde))):
                invoeging = self._invoeging(tabel)
                verbinding.exec_driver_sql(invoeging.sql, invoeging.parameters(per_tabel[tabel]))

    def _invoeging(self, tabel: Table) -> _Invoeging:
        if tabel not in self._invoegingen:
            self._invoegingen[tabel] = _Invoeging(tabel, self.engine.dialect)
        return self._invoegingen[tabel]


class _Invoeging:
    """One table's INSERT as driver SQL, and its columns' conversions (JSON, dates...).

    `executemany` on the driver with SQL built once: SQLAlchemy's compiled-statement path
    (cache lookup, parameter construction per execute) cost more than SQLite's own work
    for a small group.
    """

    def __init__(self, tabel: Table, dialect: Dialect) -> None:
        kolommen = list(tabel.columns)
        self.namen = [k.name for k in kolommen]
        self.omzetters = [k.type.dialect_impl(dialect).bind_processor(dialect) for k in kolommen]
        aanhalen = dialect.identifier_preparer
        plek = "?" if dialect.paramstyle == "qmark" else "%s"
        self.sql = (
            f"INSERT INTO {aanhalen.format_table(tabel)} "
            f"({', '.join(aanhalen.quote(n) for n in self.namen)}) "
            f"VALUES ({', '.join([plek] * len(kolommen))})"
        )

    def parameters(self, rijen: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        paren = list(zip(self.namen, self.omzetters, strict=True))
        return [
            tuple(om(rij.get(naam)) if om else rij.get(naam) for naam, om in paren) for rij in rijen
        ]


def _meld(groep: Iterable[_Opdracht], uitkomst: Uitkomst) -> None:
    for opdracht in groep:
        # RuntimeError: the waiter's event loop is closed, nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            opdracht.klaar(uitkomst)

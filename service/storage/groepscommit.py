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
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy import Table
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from service.storage.database import schrijfslot

log = structlog.get_logger()

Rij = tuple[Table, dict[str, Any]]
"""One row to insert: its table and its column values."""
Uitkomst = bool | BaseException


def als_rijen(*modellen: SQLModel) -> list[Rij]:
    """Rows of SQLModel table objects, in the given order."""
    return [(model.__table__, model.model_dump()) for model in modellen]  # type: ignore[attr-defined]


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
        self._wachtend: list[_Opdracht] = []
        self._conditie = threading.Condition()
        self._draad: threading.Thread | None = None
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

    def _plaats(self, opdracht: _Opdracht) -> None:
        with self._conditie:
            self._wachtend.append(opdracht)
            if self._draad is None:
                self._draad = threading.Thread(target=self._lus, name="groepscommit", daemon=True)
                self._draad.start()
            else:
                self._conditie.notify()

    def _lus(self) -> None:
        while True:
            with self._conditie:
                if not self._wachtend:
                    self._conditie.wait(self.rust)
                if not self._wachtend:
                    self._draad = None
                    return
                groep = self._wachtend[: self.max_groep]
                del self._wachtend[: self.max_groep]
            self._verwerk(groep)

    def _verwerk(self, groep: list[_Opdracht]) -> None:
        try:
            self._commit(groep)
        except IntegrityError:
            if len(groep) == 1:
                _meld(groep, False)
                return
            for opdracht in groep:  # find the one that conflicts; store the others
                self._verwerk([opdracht])
            return
        except BaseException as fout:  # the database is unreachable, full, ...
            log.error("groepscommit_mislukt", fout=type(fout).__name__, verzoeken=len(groep))
            _meld(groep, fout)
            return
        self.groepen += 1
        _meld(groep, True)

    def _commit(self, groep: Iterable[_Opdracht]) -> None:
        per_tabel: dict[Table, list[dict[str, Any]]] = {}
        for opdracht in groep:
            for tabel, waarden in opdracht.rijen:
                per_tabel.setdefault(tabel, []).append(waarden)
        # Parents before children (a decision before the rows that refer to it).
        volgorde = {t: i for i, t in enumerate(SQLModel.metadata.sorted_tables)}
        with schrijfslot(self.engine), self.engine.begin() as verbinding:
            for tabel in sorted(per_tabel, key=lambda t: volgorde.get(t, len(volgorde))):
                verbinding.execute(tabel.insert(), per_tabel[tabel])


def _meld(groep: Iterable[_Opdracht], uitkomst: Uitkomst) -> None:
    for opdracht in groep:
        # RuntimeError: the waiter's event loop is closed, nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            opdracht.klaar(uitkomst)

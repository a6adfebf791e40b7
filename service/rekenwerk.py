"""The process's thread for CPU work, so the event loop stays free.

Parsing a large body, evaluating rules and rendering a decision take from microseconds to
(at the limits) a second of CPU. On the event loop that time would stall every other
request of the process, health checks included. They run here instead, one at a time
and in arrival order: the GIL lets only one thread compute anyway, the rule engine takes
one evaluation at a time per process (see engine.durable_runtime), and durable_rules is
slower when called from several threads. The event loop keeps answering meanwhile: it
gets the GIL back within the interpreter's switch interval (5 ms).

A `queue.SimpleQueue` (C) and `call_soon_threadsafe` carry the work and the answer:
`ThreadPoolExecutor.submit` with `wrap_future` cost the event loop about 40 µs per call.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_Taak = tuple[Callable[[], Any], asyncio.AbstractEventLoop | None, "asyncio.Future[Any] | None"]
_wachtrij: queue.SimpleQueue[_Taak] = queue.SimpleQueue()
_start = threading.Lock()
_draad: threading.Thread | None = None


def _vul(toekomst: asyncio.Future[Any] | None, resultaat: Any, fout: BaseException | None) -> None:
    if toekomst is None or toekomst.done():  # the waiting request was cancelled
        return
    if fout is not None:
        toekomst.set_exception(fout)
    else:
        toekomst.set_result(resultaat)


def _lus() -> None:
    while True:
        werk, loop, toekomst = _wachtrij.get()
        resultaat: Any = None
        fout: BaseException | None = None
        try:
            resultaat = werk()
        except BaseException as e:  # handed to the waiting coroutine, raised there
            fout = e
        if loop is not None:
            # RuntimeError: that event loop is closed, nobody is waiting any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_vul, toekomst, resultaat, fout)
        del werk, resultaat, fout, toekomst, loop


def _zorg_voor_draad() -> None:
    global _draad
    with _start:
        if _draad is None or not _draad.is_alive():
            _draad = threading.Thread(target=_lus, name="rekenwerk", daemon=True)
            _draad.start()


async def op_rekenthread(functie: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `functie` on the CPU thread and await its result (or its exception)."""
    if _draad is None:
        _zorg_voor_draad()
    loop = asyncio.get_running_loop()
    toekomst: asyncio.Future[T] = loop.create_future()
    _wachtrij.put((lambda: functie(*args, **kwargs), loop, toekomst))
    return await toekomst


def start_op_rekenthread(werk: Callable[[], None]) -> None:
    """Queue `werk` on the CPU thread without waiting for it: `werk` reports its outcome
    itself (the decision path lets the group-commit writer answer the event loop, which
    saves a hand-off back and forth per decision). `werk` must not raise."""
    if _draad is None:
        _zorg_voor_draad()
    _wachtrij.put((werk, None, None))

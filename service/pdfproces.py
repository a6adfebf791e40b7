"""PDFs are made in a process of their own, never in the service process.

WeasyPrint lays text out with Pango, GLib and fontconfig through cffi, which releases the
GIL: in a threaded server (the event loop, the CPU thread, a threadpool) those libraries
are entered from several threads and can abort the whole process (WeasyPrint issues #167,
#684, #1402, #1870: SIGSEGV/SIGABRT "in a threaded context"). A CI run of this project
ended in a SIGABRT after PDFs had been made (the cause was not confirmed). So every PDF of
this process is made by one long-lived child process, started with `spawn` (a fork of a
threaded process inherits locks held by other threads).

Letters wait here, in arrival order, and go to the child one at a time, from one thread:
- a child that dies on a letter costs that letter (a 500); the letters behind it are made
  by a new child;
- a letter that takes longer than `TIJDSLIMIET` seconds ends its child the same way;
- the child ends itself when the service process is gone (also after a SIGTERM, when no
  exit handler runs), and `stop()` ends it at a normal shutdown.
The event loop meanwhile stays free: the layout of a letter takes a tenth of a second or
more.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import structlog

log = structlog.get_logger()

TIJDSLIMIET = 60.0
"""Seconds one letter may take in the child before the child is ended (a hung layout)."""

_slot = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_draad: threading.Thread | None = None


class PdfFout(RuntimeError):
    """This letter's PDF was not made: its child process died or hung (a 500 to a client)."""


@dataclass
class _Opdracht:
    html: str
    basis: str
    loop: asyncio.AbstractEventLoop
    toekomst: asyncio.Future[bytes]


_wachtrij: queue.SimpleQueue[_Opdracht] = queue.SimpleQueue()


def _start_kind(ouder: int) -> None:
    """In the child: Ctrl-C is for the service; and end when the service is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_volg_ouder, args=(ouder,), daemon=True).start()


def _volg_ouder(ouder: int) -> None:
    while os.getppid() == ouder:
        time.sleep(1)
    os._exit(0)


def _maak(html: str, basis: str) -> bytes:
    """In the child: the HTML document as PDF (A4 from the style sheet)."""
    import weasyprint  # a heavy import, in the child only

    return bytes(weasyprint.HTML(string=html, base_url=basis).write_pdf())


def _nieuwe_pool(oude: ProcessPoolExecutor | None) -> ProcessPoolExecutor:
    """The current pool, or a new one if `oude` (the one that failed) is still current."""
    global _pool
    with _slot:
        if _pool is None or _pool is oude:
            if oude is not None:
                _beeindig(oude)
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_kind,
                initargs=(os.getpid(),),
            )
        return _pool


def _beeindig(pool: ProcessPoolExecutor) -> None:
    # `_processes`: the executor has no public way to end a hung worker before Python 3.14
    # (`terminate_workers`); a dead child also ends its pool's management thread.
    for proces in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError):
            proces.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _maak_in_kind(html: str, basis: str) -> bytes:
    """On the PDF thread: one letter in the child, with the time limit."""
    pool = _pool or _nieuwe_pool(None)
    try:
        toekomst = pool.submit(_maak, html, basis)
    except BrokenProcessPool:  # died between letters: nothing of this letter was lost
        pool = _nieuwe_pool(pool)
        toekomst = pool.submit(_maak, html, basis)
    try:
        return toekomst.result(timeout=TIJDSLIMIET)
    except BrokenProcessPool as fout:
        log.error("pdf_proces_gestopt", fout=type(fout).__name__)
        _nieuwe_pool(pool)
        raise PdfFout("het PDF-proces stopte tijdens het maken van deze brief") from fout
    except TimeoutError:
        log.error("pdf_proces_te_traag", seconden=TIJDSLIMIET)
        _nieuwe_pool(pool)
        raise PdfFout(f"de brief was na {TIJDSLIMIET:.0f} s nog niet opgemaakt") from None


def _vul(opdracht: _Opdracht, pdf: bytes | None, fout: BaseException | None) -> None:
    if opdracht.toekomst.done():  # the request was cancelled meanwhile
        return
    if fout is not None:
        opdracht.toekomst.set_exception(fout)
    else:
        opdracht.toekomst.set_result(pdf or b"")


def _lus() -> None:
    while True:
        opdracht = _wachtrij.get()
        pdf: bytes | None = None
        fout: BaseException | None = None
        try:
            pdf = _maak_in_kind(opdracht.html, opdracht.basis)
        except Exception as e:  # handed to the waiting request, raised there
            fout = e
        with contextlib.suppress(RuntimeError):  # that event loop is closed: nobody waits
            opdracht.loop.call_soon_threadsafe(_vul, opdracht, pdf, fout)
        del opdracht, pdf, fout


def _zorg_voor_draad() -> None:
    global _draad
    with _slot:
        if _draad is None or not _draad.is_alive():
            _draad = threading.Thread(target=_lus, name="pdf", daemon=True)
            _draad.start()


async def maak_pdf(html: str, basis: str) -> bytes:
    """`html` (a complete HTML document) as PDF bytes; relative URLs resolve against
    `basis` (a directory path). Raises `PdfFout` if the child died or hung on this letter."""
    _zorg_voor_draad()
    loop = asyncio.get_running_loop()
    toekomst: asyncio.Future[bytes] = loop.create_future()
    _wachtrij.put(_Opdracht(html, basis, loop, toekomst))
    return await toekomst


def kindproces() -> int:
    """The process id of the PDF child, started if need be (for diagnostics and tests)."""
    pool = _pool or _nieuwe_pool(None)
    try:
        return pool.submit(os.getpid).result()
    except BrokenProcessPool:
        return _nieuwe_pool(pool).submit(os.getpid).result()


def stop() -> None:
    """End the PDF child at shutdown (a later letter starts a new one)."""
    global _pool
    with _slot:
        if _pool is not None:
            _beeindig(_pool)
            _pool = None

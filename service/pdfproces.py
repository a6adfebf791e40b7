"""PDFs are made in a process of their own, never in the service process.

WeasyPrint lays text out with Pango, GLib and fontconfig through cffi, which releases the
GIL: in a threaded server (the event loop, the CPU thread, a threadpool) those libraries
are entered from several threads and can abort the whole process (WeasyPrint issues #167,
#684, #1402, #1870: SIGSEGV/SIGABRT "in a threaded context"). A CI run of this project
ended in a SIGABRT after PDFs had been made (the cause was not confirmed). So every PDF of
this process is made by one long-lived child process, started
with `spawn` (a fork of a threaded process inherits locks held by other threads), one
letter at a time, in the order asked. If that child dies, only that letter fails; the next
letter gets a new child. The event loop meanwhile stays free: the layout of a letter takes
a tenth of a second or more.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import structlog

log = structlog.get_logger()

_slot = threading.Lock()
_pool: ProcessPoolExecutor | None = None


class PdfFout(RuntimeError):
    """The PDF process stopped while it made this letter (shown to a client as a 500)."""


def _start_kind() -> None:
    """In the child: Ctrl-C is for the service, which ends its child itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
                oude.shutdown(wait=False, cancel_futures=True)
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_kind,
            )
        return _pool


def kindproces() -> int:
    """The process id of the PDF child, started if need be (for diagnostics and tests)."""
    pool = _pool or _nieuwe_pool(None)
    try:
        return pool.submit(os.getpid).result()
    except BrokenProcessPool:
        return _nieuwe_pool(pool).submit(os.getpid).result()


async def maak_pdf(html: str, basis: str) -> bytes:
    """`html` (a complete HTML document) as PDF bytes; relative URLs resolve against
    `basis` (a directory path). Raises `PdfFout` if the child process died on this letter.
    A child that died earlier (between letters) is replaced without an error."""
    pool = _pool or _nieuwe_pool(None)
    try:
        toekomst = pool.submit(_maak, html, basis)
    except BrokenProcessPool:  # died before this letter: nothing of this letter was lost
        pool = _nieuwe_pool(pool)
        toekomst = pool.submit(_maak, html, basis)
    try:
        return await asyncio.wrap_future(toekomst)
    except BrokenProcessPool as fout:
        log.error("pdf_proces_gestopt", fout=type(fout).__name__)
        _nieuwe_pool(pool)
        raise PdfFout("het PDF-proces stopte tijdens het maken van deze brief") from fout

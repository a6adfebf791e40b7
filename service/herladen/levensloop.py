"""Per worker process: follow new rule-set generations in the background, reload on SIGHUP.

The background check (every half second) makes a worker switch even when it gets no
request; the check on each request (see api.dependencies.omgeving) makes the switch
immediate for the next decision.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import AsyncIterator
from typing import Any

import structlog
from fastapi import FastAPI

from service.herladen.herladen import herlaad, samenvatting
from service.rulefiles.loading import RegelbestandFout

PERIODE = 0.5
SIGHUP_DOOR = ("sighup", "beheer")
log = structlog.get_logger()


async def _bewaak(staat: Any) -> None:
    while True:
        await asyncio.sleep(PERIODE)
        try:
            staat.regelwacht.controleer(staat)
        except Exception as fout:  # a database hiccup must not stop the watching
            log.warning("regelwacht_fout", fout=type(fout).__name__)


def herlaad_in_proces(staat: Any, door: tuple[str, str], reden: str) -> Any:
    """Reload the configured rules directory in this process and switch to it."""
    herlading = herlaad(
        staat.engine, staat.regelmap, samenvatting(staat.omgeving.bibliotheek), door, reden
    )
    staat.regelwacht.wissel(staat, herlading.bibliotheek, herlading.generatie)
    return herlading


def _sighup(staat: Any) -> None:
    try:
        herlading = herlaad_in_proces(staat, SIGHUP_DOOR, "sighup")
    except RegelbestandFout as fout:
        for probleem in fout.problemen:
            log.error("regels_herladen_geweigerd", probleem=str(probleem))
        return
    log.info(
        "regels_herladen",
        generatie=herlading.generatie,
        gewijzigd=herlading.gewijzigd,
        proces=os.getpid(),
    )


@contextlib.asynccontextmanager
async def levensloop(app: FastAPI) -> AsyncIterator[None]:
    staat = app.state
    taak = asyncio.create_task(_bewaak(staat))
    lus = asyncio.get_running_loop()
    met_signaal = False
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread
        lus.add_signal_handler(signal.SIGHUP, _sighup, staat)
        met_signaal = True
    try:
        yield
    finally:
        taak.cancel()
        if met_signaal:
            lus.remove_signal_handler(signal.SIGHUP)

"""Every worker process follows the newest rule-set generation, without a restart.

Cheap on the request path: a `stat` of the signal file at most every `STAT_INTERVAL`
seconds (a reload on this machine rewrites it), and a look at the database at most every
`INTERVAL` seconds (a reload on another machine sharing the database). A stat per request
cost about a tenth of a worker's samples under load (py-spy): the syscall hands the GIL to
the evaluation thread and the event loop then waits to get it back. A newer generation is rebuilt from the
files archived behind its hashes, so a worker gets exactly the rule sets that were
checked, even if someone edits the directory again meanwhile. A request already running
keeps the library it started with: only new requests see the new one.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.herladen.herladen import samenvatting, signaalbestand
from service.storage import generaties, repository

INTERVAL = 2.0
STAT_INTERVAL = 0.05
log = structlog.get_logger()


class Regelwacht:
    def __init__(self, engine: Engine, generatie: int) -> None:
        self.engine = engine
        self.generatie = generatie
        self.signaal = signaalbestand(engine)
        self._stempel = self._lees_stempel()
        self._volgende = time.monotonic() + INTERVAL
        self._volgende_stat = 0.0
        self._map: Path | None = None
        self._mislukt: int | None = None

    def _lees_stempel(self) -> int | None:
        try:
            return os.stat(self.signaal).st_mtime_ns
        except OSError:
            return None

    def controleer(self, staat: Any) -> None:
        """Switch `staat.omgeving` to the newest generation if there is one (cheap if not)."""
        nu = time.monotonic()
        if nu < self._volgende_stat:
            return
        self._volgende_stat = nu + STAT_INTERVAL
        stempel = self._lees_stempel()
        if stempel == self._stempel and nu < self._volgende:
            return
        self._stempel, self._volgende = stempel, nu + INTERVAL
        if generaties.laatste_nr(self.engine) <= self.generatie:
            return
        generatie = generaties.laatste(self.engine)
        if generatie is None or generatie.nr is None or generatie.nr == self._mislukt:
            return
        if generatie.regelsets == samenvatting(staat.omgeving.bibliotheek):
            self.generatie = generatie.nr  # same rule sets (another worker's start): adopt
            return
        try:
            bibliotheek, map = self._uit_archief(generatie.regelsets)
        except Exception as fout:  # keep serving the rules we have; say so once
            self._mislukt = generatie.nr
            log.error("regels_wisselen_mislukt", generatie=generatie.nr, fout=type(fout).__name__)
            return
        self.wissel(staat, bibliotheek, generatie.nr)
        self._ruim_op(map)
        log.info(
            "regels_gewisseld",
            generatie=generatie.nr,
            proces=os.getpid(),
            regelsets=[f"{r['naam']}@{r['versie']}#{r['hash'][:12]}" for r in generatie.regelsets],
        )

    def wissel(self, staat: Any, bibliotheek: Regelbibliotheek, generatie: int) -> None:
        """New requests get the new library; running ones keep theirs (they hold a reference)."""
        staat.omgeving = dataclasses.replace(staat.omgeving, bibliotheek=bibliotheek)
        self.generatie = generatie

    def _uit_archief(self, regelsets: list[dict[str, Any]]) -> tuple[Regelbibliotheek, Path]:
        bestanden: dict[str, str] = {}
        with Session(self.engine) as sessie:
            for regelset in regelsets:
                versie = repository.haal_regelsetversie(sessie, regelset["hash"])
                if versie is None:
                    raise LookupError(f"regelset {regelset['hash']} niet gearchiveerd")
                bestanden.update(versie.bestanden)
        map = Path(tempfile.mkdtemp(prefix="invordering-generatie-"))
        for pad, tekst in bestanden.items():
            doel = map / pad
            doel.parent.mkdir(parents=True, exist_ok=True)
            doel.write_text(tekst, encoding="utf-8")
        bibliotheek = laad_bibliotheek(map)
        if samenvatting(bibliotheek) != regelsets:
            shutil.rmtree(map, ignore_errors=True)
            raise ValueError("de herbouwde regelsets hebben andere hashes")
        return bibliotheek, map

    def _ruim_op(self, nieuw: Path) -> None:
        # The documentation reads the files of the running library: keep the current map.
        if self._map is not None:
            shutil.rmtree(self._map, ignore_errors=True)
        self._map = nieuw


def actuele_omgeving(staat: Any) -> Any:
    """The app's current Omgeving, after switching to a newer rule generation if there is one.

    The API and the werkbank both ask this, so a reload reaches every page and endpoint.
    """
    wacht = getattr(staat, "regelwacht", None)
    if wacht is not None:
        wacht.controleer(staat)
    return staat.omgeving

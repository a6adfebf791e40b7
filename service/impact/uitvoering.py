"""Run an impact analysis: create it, let worker processes claim parts, add up the report.

One worker process per core by default. Workers find everything in the database (the
candidate's files travel with the analysis), so `invordering impact --analyse ID` on
another machine joins the same analysis: on PostgreSQL its workers claim the parts that
are still open. The coordinator only watches progress in the database.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import socket
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.engine.library import controleer_map, laad_bibliotheek
from service.impact.herafspelen import Herafspeler
from service.impact.vergelijking import eindrapport, nieuwe_telling, voeg_samen
from service.rulefiles.loading import Probleem, RegelbestandFout
from service.storage import impact as opslag
from service.storage.database import maak_engine, migreer
from service.storage.models import nu

NL = ZoneInfo("Europe/Amsterdam")
BATCH = 500
DEELGROOTTE = 2000
MAX_KANDIDAAT_BYTES = 20 * 1024 * 1024


def lees_kandidaat(map: Path) -> dict[str, str]:
    """The rule files of a candidate directory, path (relative) → text."""
    if not map.is_dir():
        raise RegelbestandFout([_probleem(str(map), "de kandidaatmap bestaat niet")])
    bestanden = {
        pad.relative_to(map).as_posix(): pad.read_text(encoding="utf-8")
        for pad in sorted([*map.rglob("*.yaml"), *map.rglob("*.yml")])
    }
    if sum(len(t) for t in bestanden.values()) > MAX_KANDIDAAT_BYTES:
        raise RegelbestandFout([_probleem(str(map), "de kandidaat is groter dan 20 MB")])
    return bestanden


def _probleem(bestand: str, melding: str) -> Probleem:
    return Probleem(bestand, 0, "-", melding)


def schrijf_kandidaat(bestanden: dict[str, str], map: Path) -> None:
    for pad, tekst in bestanden.items():
        doel = map / pad
        doel.parent.mkdir(parents=True, exist_ok=True)
        doel.write_text(tekst, encoding="utf-8")


def controleer_kandidaat(bestanden: dict[str, str]) -> list[dict[str, Any]]:
    """The candidate's rule sets (naam, versie, hash); RegelbestandFout with every problem."""
    with tempfile.TemporaryDirectory(prefix="invordering-kandidaat-") as map:
        schrijf_kandidaat(bestanden, Path(map))
        regelsets, problemen = controleer_map(Path(map))
    if problemen:
        raise RegelbestandFout(problemen)
    return [
        {"naam": r.naam, "versie": r.versie, "hash": r.hash}
        for r in sorted(regelsets, key=lambda r: (r.naam, r.geldig_vanaf))
    ]


class Filterfout(ValueError):
    """A filter that can select nothing: which option (soort, van, tot) and why, in Dutch."""

    def __init__(self, naam: str, reden: str) -> None:
        super().__init__(f"{naam}: {reden}")
        self.naam = naam
        self.reden = reden


def filter_van(soort: str | None, van: dt.date | None, tot: dt.date | None) -> dict[str, Any]:
    """Decisions of a kind, taken from `van` through `tot` (Dutch calendar days); Filterfout
    when `tot` lies before `van` (that would silently select nothing)."""
    if van is not None and tot is not None and tot < van:
        raise Filterfout(
            "tot",
            f"{tot.isoformat()} ligt vóór van ({van.isoformat()}) — geef een einddatum op of "
            "na de begindatum",
        )
    filter: dict[str, Any] = {
        "soort": soort,
        "van": van and van.isoformat(),
        "totEnMet": tot and tot.isoformat(),
    }
    if van is not None:
        filter["vanaf"] = dt.datetime.combine(van, dt.time(), NL).astimezone(dt.UTC).isoformat()
    if tot is not None:
        volgende = tot + dt.timedelta(days=1)
        filter["tot"] = dt.datetime.combine(volgende, dt.time(), NL).astimezone(dt.UTC).isoformat()
    return filter


def maak_analyse(
    engine: Engine,
    bestanden: dict[str, str],
    filter: dict[str, Any],
    door: str,
    deelgrootte: int = DEELGROOTTE,
) -> opslag.Impactanalyse:
    """Check the candidate and store the analysis with its parts (status 'wachtrij').

    Filterfout when the filter's soort is none of the candidate's rule sets (nothing to replay).
    """
    regelsets = controleer_kandidaat(bestanden)
    soorten = sorted({str(r["naam"]) for r in regelsets})
    if filter.get("soort") and filter["soort"] not in soorten:
        raise Filterfout(
            "soort",
            f"'{filter['soort']}' is geen regelset van de kandidaat — kies uit: "
            + ", ".join(soorten),
        )
    analyse = opslag.Impactanalyse(
        id=str(uuid.uuid4()),
        status="wachtrij",
        aangemaakt_door=door,
        kandidaat=bestanden,
        regelsets=regelsets,
        filter=filter,
    )
    with Session(engine, expire_on_commit=False) as sessie:
        return opslag.maak_analyse(sessie, analyse, deelgrootte)


def werk(engine: Engine, analyse_id: str, werker: str, batch: int = BATCH) -> int:
    """Claim and replay parts until none is left; finish the analysis if all are done.

    Returns the number of decisions this worker replayed.
    """
    with Session(engine) as sessie:
        analyse = opslag.haal_analyse(sessie, analyse_id)
        if analyse is None:
            raise LookupError(analyse_id)
        bestanden, filter = dict(analyse.kandidaat), dict(analyse.filter)
    totaal = 0
    with tempfile.TemporaryDirectory(prefix="invordering-kandidaat-") as map:
        schrijf_kandidaat(bestanden, Path(map))
        herafspeler = Herafspeler(laad_bibliotheek(Path(map)))
        while (deel := opslag.claim_deel(engine, analyse_id, werker)) is not None:
            telling = nieuwe_telling()
            verwerkt = 0
            for rijen in opslag.lees_beslissingen(engine, deel, filter, batch):
                for rij in rijen:
                    herafspeler.speel(rij, telling)
                verwerkt += len(rijen)
                opslag.meld_voortgang(engine, analyse_id, deel.nr, verwerkt)
            opslag.rond_deel_af(engine, analyse_id, deel.nr, verwerkt, telling)
            totaal += verwerkt
    rond_af(engine, analyse_id)
    return totaal


def rond_af(engine: Engine, analyse_id: str) -> bool:
    """When every part is done: add up the parts and store the report (once)."""
    _, klaar, delen = opslag.voortgang(engine, analyse_id)
    if klaar < delen:
        return False
    with Session(engine) as sessie:
        analyse = opslag.haal_analyse(sessie, analyse_id)
        assert analyse is not None
        begin = analyse.aangemaakt_op
    einde = nu()
    rapport = eindrapport(voeg_samen(opslag.deelrapporten(engine, analyse_id)))
    duur = (einde - (begin if begin.tzinfo else begin.replace(tzinfo=dt.UTC))).total_seconds()
    rapport["duurSeconden"] = round(duur, 1)
    rapport["perSeconde"] = round(rapport["beoordeeld"] / duur) if duur > 0 else None
    return opslag.zet_status(engine, analyse_id, "klaar", rapport=rapport, klaar_op=einde)


def _werker_proces(database_url: str, analyse_id: str, werker: str) -> None:
    """Entry point of a worker process (spawned: a fresh interpreter, its own engine)."""
    engine = maak_engine(database_url)
    try:
        werk(engine, analyse_id, werker)
    finally:
        engine.dispose()


def database_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def voer_uit(
    engine: Engine,
    analyse_id: str,
    processen: int | None = None,
    voortgang: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Run workers (one process per core) until the analysis is done; returns its row data.

    `voortgang(replayed, total)` is called about five times a second.
    """
    aantal = processen or os.cpu_count() or 1
    context = multiprocessing.get_context("spawn")  # no forked copy of a loaded rule engine
    naam = f"{socket.gethostname()}:{os.getpid()}"
    werkers = [
        context.Process(
            target=_werker_proces,
            args=(database_url(engine), analyse_id, f"{naam}:{i}"),
            daemon=True,
        )
        for i in range(aantal)
    ]
    opslag.zet_status(engine, analyse_id, "bezig")
    for werker in werkers:
        werker.start()
    with Session(engine) as sessie:
        analyse = opslag.haal_analyse(sessie, analyse_id)
        assert analyse is not None
        totaal = analyse.totaal
    while any(w.is_alive() for w in werkers):
        if voortgang is not None:
            voortgang(opslag.voortgang(engine, analyse_id)[0], totaal)
        time.sleep(0.2)
    for werker in werkers:
        werker.join()
    if any(w.exitcode for w in werkers):
        opslag.zet_status(
            engine, analyse_id, "mislukt", fout="een werkproces stopte met een fout", klaar_op=nu()
        )
    _wacht_op_einde(engine, analyse_id, naam, voortgang, totaal)
    if voortgang is not None:
        voortgang(opslag.voortgang(engine, analyse_id)[0], totaal)
    with Session(engine) as sessie:
        analyse = opslag.haal_analyse(sessie, analyse_id)
        assert analyse is not None
        return analyse.model_dump()


def _wacht_op_einde(
    engine: Engine,
    analyse_id: str,
    naam: str,
    voortgang: Callable[[int, int], None] | None,
    totaal: int,
) -> None:
    """Parts still held by workers elsewhere: wait for them, or take over a part whose
    worker vanished (its claim expired), until the analysis is finished."""
    while not rond_af(engine, analyse_id):
        with Session(engine) as sessie:
            analyse = opslag.haal_analyse(sessie, analyse_id)
            if analyse is None or analyse.status in ("klaar", "mislukt"):
                return
        if opslag.heeft_claimbaar_deel(engine, analyse_id):
            werk(engine, analyse_id, f"{naam}:overname")
            continue
        if voortgang is not None:
            voortgang(opslag.voortgang(engine, analyse_id)[0], totaal)
        time.sleep(1.0)


def hoofd(database_url_: str, analyse_id: str, processen: int | None) -> None:
    """`python -m service.impact`: run an analysis in the background (started by the API)."""
    engine = maak_engine(database_url_)
    migreer(engine)
    try:
        voer_uit(engine, analyse_id, processen)
    except Exception as fout:
        opslag.zet_status(engine, analyse_id, "mislukt", fout=type(fout).__name__, klaar_op=nu())
        raise
    finally:
        engine.dispose()


Impactanalyse = opslag.Impactanalyse


def haal_analyse(sessie: Session, analyse_id: str) -> Impactanalyse | None:
    """One analysis (its status, filters and, when done, its report), or None."""
    return opslag.haal_analyse(sessie, analyse_id)


def voortgang(engine: Engine, analyse_id: str) -> tuple[int, int, int]:
    """(decisions replayed, parts done, parts in all) of one analysis."""
    return opslag.voortgang(engine, analyse_id)

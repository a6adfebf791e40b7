"""Reload the rules directory without a restart: all or nothing, recorded and audited.

A reload compiles the whole directory first. Any problem: the running rules stay, and
the caller gets every `file:line`. All well: the files are archived by hash (so every
worker, on every machine, can rebuild exactly these rule sets), a new generation is
recorded, the audit trail says who loaded what (old and new hashes), and the workers on
this machine are signalled through a file (see wacht.py).
"""

from __future__ import annotations

import hashlib
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.decisions.replay import archiveer
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.rulefiles.loading import RegelbestandFout
from service.storage import generaties, repository
from service.storage.models import Auditrecord, nu


@dataclass(frozen=True)
class Herlading:
    """The outcome of a reload that succeeded."""

    generatie: int
    oud: list[dict[str, Any]]
    nieuw: list[dict[str, Any]]
    gewijzigd: bool
    bibliotheek: Regelbibliotheek


def samenvatting(bibliotheek: Regelbibliotheek) -> list[dict[str, Any]]:
    """The rule sets of a library as {naam, versie, hash}, in a fixed order."""
    return [
        {"naam": r.naam, "versie": r.versie, "hash": r.hash}
        for r in sorted(bibliotheek.regelsets, key=lambda r: (r.naam, r.geldig_vanaf, r.hash))
    ]


def signaalbestand(engine: Engine) -> Path:
    """The file whose change tells the workers on this machine to look for a new generation."""
    sleutel = hashlib.sha256(engine.url.render_as_string(hide_password=False).encode()).hexdigest()
    return Path(tempfile.gettempdir()) / f"invordering-regelgeneratie-{sleutel[:16]}"


def signaleer(engine: Engine, nr: int) -> None:
    pad = signaalbestand(engine)
    tijdelijk = pad.with_suffix(f".{secrets.token_hex(4)}")
    tijdelijk.write_text(str(nr), encoding="utf-8")
    tijdelijk.replace(pad)  # atomic: a reader never sees half a file


def _audit(
    engine: Engine, door: tuple[str, str], resultaat: int, weergave: str, **waarden: Any
) -> None:
    record = Auditrecord(
        id=secrets.token_hex(16),
        beslissing_id=None,
        gebruikers_id=door[0],
        gebruikers_rol=door[1],
        actie="herladen",
        actie_weergave=weergave,
        resultaat=resultaat,
        hoofd_object="/v1/regelsets",
        aanmaakdatum=nu(),
        oud=waarden.get("oud"),
        nieuw=waarden.get("nieuw"),
    )
    with Session(engine) as sessie:
        repository.bewaar(sessie, record)


def herlaad(
    engine: Engine, map: Path, huidig: list[dict[str, Any]], door: tuple[str, str], reden: str
) -> Herlading:
    """Load `map` anew; RegelbestandFout (every problem) leaves everything as it was.

    `door` is (principal id, role) for the audit trail; `reden` is api or sighup.
    """
    try:
        bibliotheek = laad_bibliotheek(map)
    except RegelbestandFout as fout:
        _audit(
            engine,
            door,
            422,
            f"Regels herladen geweigerd: {len(fout.problemen)} probleem/problemen",
            oud={"regelsets": huidig},
            nieuw={"problemen": [str(p) for p in fout.problemen[:50]]},
        )
        raise
    with Session(engine) as sessie:
        archiveer(sessie, bibliotheek)
    nieuw = samenvatting(bibliotheek)
    laatste = generaties.laatste(engine)
    if laatste is not None and nieuw == huidig == laatste.regelsets:
        _audit(engine, door, 200, "Regels herladen: ongewijzigd", oud={"regelsets": huidig})
        return Herlading(laatste.nr or 0, huidig, nieuw, False, bibliotheek)
    nr = generaties.voeg_toe(engine, nieuw, door[0], reden)
    _audit(
        engine,
        door,
        200,
        f"Regels herladen: generatie {nr}",
        oud={"regelsets": huidig},
        nieuw={"regelsets": nieuw, "generatie": nr},
    )
    signaleer(engine, nr)
    return Herlading(nr, huidig, nieuw, True, bibliotheek)


def bij_start(engine: Engine, bibliotheek: Regelbibliotheek, door: str) -> int:
    """The generation a starting worker runs: the newest if it has the same rule sets,
    else a new one (the files changed while the service was down)."""
    nieuw = samenvatting(bibliotheek)
    laatste = generaties.laatste(engine)
    if laatste is not None and laatste.regelsets == nieuw:
        return laatste.nr or 0
    return generaties.voeg_toe(engine, nieuw, door, "start")

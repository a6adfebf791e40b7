"""Version discipline for rule sets: a changed rule set gets a new `versie` and a changelog entry.

`rules check` warns (it does not fail) when:
- a rule set's content hash differs from one the service archived before under the same
  name and version: its files changed but `versie` did not;
- rules/CHANGELOG.md has no heading for a rule set's current version.
The database is only read, and only if it already exists: a check never creates one.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from service.engine.compiled import GecompileerdeRegelset
from service.rulefiles.loading import lees_map
from service.storage import generaties
from service.storage.database import maak_engine, normaliseer_url

WIJZIGINGEN = "CHANGELOG.md"


def _engine_als_die_bestaat(database_url: str) -> Engine | None:
    url = normaliseer_url(database_url)
    if url.startswith("sqlite"):
        pad = url.split("///", 1)[-1] if "///" in url else ""
        if not pad or pad == ":memory:" or not Path(pad).is_file():
            return None
    try:
        engine = maak_engine(url)
        if not inspect(engine).has_table("regelsetversie"):
            engine.dispose()
            return None
    except SQLAlchemyError:
        return None
    return engine


def waarschuwingen(
    map: Path, regelsets: list[GecompileerdeRegelset], database_url: str
) -> list[str]:
    """One line per warning, `file:line: rule-set: what — what to do`."""
    bron = lees_map(map)
    uit: list[str] = []
    engine = _engine_als_die_bestaat(database_url)
    for regelset in sorted(regelsets, key=lambda r: r.bestanden[0]):
        bestand = regelset.bestanden[0]
        regel = bron.bestanden[bestand].regelnummer("versie") if bestand in bron.bestanden else 1
        if engine is not None:
            eerder = [
                h
                for h in generaties.gearchiveerde_hashes(engine, regelset.naam, regelset.versie)
                if h != regelset.hash
            ]
            if eerder:
                uit.append(
                    f"{bestand}:{regel}: {regelset.naam}: de inhoud is veranderd sinds versie "
                    f"{regelset.versie} werd geladen (hash {eerder[0][:12]} → {regelset.hash[:12]}), "
                    "maar de versie niet — verhoog 'versie' en beschrijf de wijziging in CHANGELOG.md"
                )
    if engine is not None:
        engine.dispose()
    wijzigingen = map / WIJZIGINGEN
    tekst = wijzigingen.read_text(encoding="utf-8") if wijzigingen.is_file() else ""
    for regelset in regelsets:
        kop = re.compile(
            rf"^##\s+{re.escape(regelset.naam)}\s+{re.escape(regelset.versie)}\b", re.MULTILINE
        )
        if not kop.search(tekst):
            uit.append(
                f"{WIJZIGINGEN}:1: {regelset.naam}: geen kopje '## {regelset.naam} {regelset.versie}' "
                "— beschrijf wat er in deze versie verandert"
            )
    return uit

"""The rule library: every rule set of a rules directory, compiled, or all its problems.

Loading is all-or-nothing: one broken file and `laad_bibliotheek` raises with every
problem, so a running service keeps the rule sets it already had and never starts on a
half-valid directory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from service.engine.compiled import GecompileerdeRegelset
from service.engine.compiler import compileer_regelset
from service.engine.evaluation import Beslisser
from service.engine.input import Invoer
from service.rulefiles.loading import Probleem, RegelbestandFout, lees_map
from service.rulefiles.model import Regelset


class OnbekendeSoort(LookupError):
    """No rule set of this kind exists."""


class GeenGeldigeRegelset(LookupError):
    """Rule sets of this kind exist, but none is valid on the peildatum."""


@dataclass
class GeladenRegelset:
    regelset: GecompileerdeRegelset

    @cached_property
    def beslisser(self) -> Beslisser:
        return Beslisser(self.regelset)

    @cached_property
    def invoer(self) -> Invoer:
        return Invoer(self.regelset.invoer)


class Regelbibliotheek:
    def __init__(self, map: Path, regelsets: list[GecompileerdeRegelset]) -> None:
        self.map = map
        self._regelsets = [GeladenRegelset(r) for r in regelsets]

    @property
    def regelsets(self) -> list[GecompileerdeRegelset]:
        return [g.regelset for g in self._regelsets]

    @property
    def soorten(self) -> list[str]:
        return sorted({g.regelset.naam for g in self._regelsets})

    def voor(self, soort: str, peildatum: dt.date) -> GeladenRegelset:
        kandidaten = [g for g in self._regelsets if g.regelset.naam == soort]
        if not kandidaten:
            raise OnbekendeSoort(soort)
        for geladen in kandidaten:
            if geladen.regelset.geldig_op(peildatum):
                return geladen
        raise GeenGeldigeRegelset(soort)

    def op_hash(self, soort: str, hash: str) -> GeladenRegelset | None:
        for geladen in self._regelsets:
            if geladen.regelset.naam == soort and geladen.regelset.hash == hash:
                return geladen
        return None

    def compileer_alles(self) -> None:
        """Register every rule set in durable_rules now, not on the first request."""
        for geladen in self._regelsets:
            _ = geladen.beslisser, geladen.invoer


def controleer_map(map: Path) -> tuple[list[GecompileerdeRegelset], list[Probleem]]:
    """Compile every rule set in a directory; return them and every problem found."""
    bron = lees_map(map)
    problemen = list(bron.problemen)
    regelsets: list[GecompileerdeRegelset] = []
    for pad, bestand in bron.bestanden.items():
        if isinstance(bestand.model, Regelset):
            regelset, fouten = compileer_regelset(bron, pad)
            problemen.extend(fouten)
            if regelset is not None:
                regelsets.append(regelset)
    problemen.extend(_overlap(regelsets, bron))
    if not regelsets and not problemen:
        problemen.append(Probleem(str(map), 0, "-", "geen enkele regelset gevonden"))
    return regelsets, sorted(set(problemen))


def _overlap(regelsets: list[GecompileerdeRegelset], bron: object) -> list[Probleem]:
    problemen = []
    for i, a in enumerate(regelsets):
        for b in regelsets[i + 1 :]:
            if a.naam != b.naam:
                continue
            a_tot = a.geldig_tot or dt.date.max
            b_tot = b.geldig_tot or dt.date.max
            if a.geldig_vanaf <= b_tot and b.geldig_vanaf <= a_tot:
                problemen.append(
                    Probleem(
                        b.bestanden[0],
                        1,
                        "-",
                        f"regelset '{b.naam}' overlapt in geldigheid met {a.bestanden[0]}; "
                        "pas geldigVanaf/geldigTot aan",
                    )
                )
    return problemen


def laad_bibliotheek(map: Path) -> Regelbibliotheek:
    """Load and compile a rules directory; raise RegelbestandFout listing every problem."""
    regelsets, problemen = controleer_map(map)
    if problemen:
        raise RegelbestandFout(problemen)
    bibliotheek = Regelbibliotheek(map, regelsets)
    bibliotheek.compileer_alles()
    return bibliotheek

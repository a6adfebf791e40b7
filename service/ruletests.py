"""Rule test cases: YAML files under fixtures/ (paths mirror rules/), run by pytest and CLI.

A case gives `gegevens` and a `peildatum` and says what must come out: part of the
`uitkomst` (only the keys given are compared), the rules that must apply, the rules that
must not, or the problem status expected. Failures print the file, the case and the
expected versus actual values, for a policy author to read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from service.decisions.service import evalueer, kies_regelset
from service.engine.library import Regelbibliotheek
from service.engine.presentation import json_waarde
from service.errors import ServiceFout


@dataclass
class Geval:
    bestand: str
    naam: str
    regelset: str
    peildatum: dt.date
    gegevens: Any
    verwacht: dict[str, Any]


@dataclass
class Resultaat:
    geval: Geval
    fouten: list[str] = field(default_factory=list)
    toegepast: list[str] = field(default_factory=list)

    @property
    def geslaagd(self) -> bool:
        return not self.fouten


def lees_gevallen(map: Path) -> list[Geval]:
    gevallen = []
    for pad in sorted(map.rglob("*.yaml")):
        data = yaml.safe_load(pad.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "gevallen" not in data:
            continue
        for g in data["gevallen"]:
            gevallen.append(
                Geval(
                    bestand=pad.relative_to(map).as_posix(),
                    naam=g["naam"],
                    regelset=g.get("regelset", data.get("regelset", "")),
                    peildatum=g["peildatum"],
                    gegevens=g["gegevens"],
                    verwacht=g["verwacht"],
                )
            )
    return gevallen


def vergelijk(verwacht: Any, werkelijk: Any, pad: str, fouten: list[str]) -> None:
    verwacht = json_waarde(verwacht)
    if isinstance(verwacht, dict):
        if not isinstance(werkelijk, dict):
            fouten.append(f"{pad}: verwacht een object, kreeg {werkelijk!r}")
            return
        for sleutel, waarde in verwacht.items():
            vergelijk(waarde, werkelijk.get(sleutel), f"{pad}.{sleutel}", fouten)
    elif isinstance(verwacht, list):
        if not isinstance(werkelijk, list) or len(werkelijk) != len(verwacht):
            fouten.append(f"{pad}: verwacht {len(verwacht)} elementen, kreeg {werkelijk!r}")
            return
        for i, (v, w) in enumerate(zip(verwacht, werkelijk, strict=True)):
            vergelijk(v, w, f"{pad}[{i}]", fouten)
    elif verwacht != werkelijk:
        fouten.append(f"{pad}: verwacht {verwacht!r}, kreeg {werkelijk!r}")


def beoordeel(
    verwacht: dict[str, Any],
    uitkomst: dict[str, Any] | None,
    redenen: list[dict[str, Any]],
    fout: dict[str, Any] | None,
) -> list[str]:
    """Every way an outcome (or a problem) differs from what a case expects.

    The same check for the rule runner and for the API replay, so neither checks less.
    """
    fouten: list[str] = []
    if fout is not None:
        if "fout" in verwacht:
            vergelijk(verwacht["fout"], fout, "fout", fouten)
        else:
            fouten.append(f"onverwachte fout {fout.get('status')}: {fout.get('detail')}")
        return fouten
    if "fout" in verwacht:
        fouten.append(f"verwacht fout {verwacht['fout']}, maar er kwam een uitkomst")
    toegepast = [r["regel"] for r in redenen]
    if "uitkomst" in verwacht:
        vergelijk(verwacht["uitkomst"], uitkomst, "uitkomst", fouten)
    for regel in verwacht.get("toegepast", []):
        if regel not in toegepast:
            fouten.append(f"regel {regel} had moeten gelden, maar gold niet")
    for regel in verwacht.get("nietToegepast", []):
        if regel in toegepast:
            fouten.append(f"regel {regel} gold, maar had niet mogen gelden")
    for regel_id, stukken in verwacht.get("uitlegBevat", {}).items():
        uitleg = " ".join(r["uitleg"] for r in redenen if r["regel"] == regel_id)
        for stuk in stukken:
            if stuk not in uitleg:
                fouten.append(f"uitleg van {regel_id} noemt niet '{stuk}': {uitleg!r}")
    return fouten


def voer_uit(bibliotheek: Regelbibliotheek, geval: Geval) -> Resultaat:
    """Run one case in process (no API, no database)."""
    resultaat = Resultaat(geval)
    try:
        geladen = kies_regelset(bibliotheek, geval.regelset, geval.peildatum)
        evaluatie = evalueer(geladen, json_waarde(geval.gegevens), geval.peildatum)
    except ServiceFout as fout:
        probleem = {"status": fout.status, "detail": fout.detail, **fout.extra}
        resultaat.fouten = beoordeel(geval.verwacht, None, [], probleem)
        return resultaat
    resultaat.toegepast = [r["regel"] for r in evaluatie.redenen]
    resultaat.fouten = beoordeel(geval.verwacht, evaluatie.uitkomst, evaluatie.redenen, None)
    return resultaat


def niet_gedekt(bibliotheek: Regelbibliotheek, resultaten: list[Resultaat]) -> list[str]:
    """Rules of loaded rule sets that no case saw applied."""
    toegepast = {r for res in resultaten for r in res.toegepast}
    alle = {regel.id for rs in bibliotheek.regelsets for regel in rs.regels}
    return sorted(alle - toegepast)

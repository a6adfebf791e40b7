"""The rule test cases (fixtures/rules/**, paths mirror rules/) as documentation examples.

Each case is run against the loaded rules, so a rule lists exactly the cases in which it
applied, not the cases that happen to mention it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from service.engine.library import GeenGeldigeRegelset, OnbekendeSoort, Regelbibliotheek
from service.engine.presentation import json_waarde
from service.ruletests import lees_gevallen, voer_uit


@dataclass
class Gevalweergave:
    anker: str
    naam: str
    bestand: str
    peildatum: str
    invoer: str
    verwacht: str
    geslaagd: bool
    toegepast: list[str] = field(default_factory=list)


def _yaml(waarde: Any) -> str:
    return yaml.safe_dump(
        json_waarde(waarde), allow_unicode=True, sort_keys=False, default_flow_style=False
    ).strip()


def gevallen_per_regelset(
    bibliotheek: Regelbibliotheek, map: Path | None
) -> dict[str, list[Gevalweergave]]:
    """Per rule set (its `sleutel`), the cases that are decided by it, with the rules applied."""
    uit: dict[str, list[Gevalweergave]] = {}
    if map is None or not map.is_dir():
        return uit
    for i, geval in enumerate(lees_gevallen(map), start=1):
        try:
            regelset = bibliotheek.voor(geval.regelset, geval.peildatum).regelset
        except (OnbekendeSoort, GeenGeldigeRegelset):
            continue
        resultaat = voer_uit(bibliotheek, geval)
        uit.setdefault(regelset.sleutel, []).append(
            Gevalweergave(
                anker=f"geval-{i}",
                naam=geval.naam,
                bestand=f"fixtures/rules/{geval.bestand}",
                peildatum=geval.peildatum.isoformat(),
                invoer=_yaml(geval.gegevens),
                verwacht=_yaml(geval.verwacht),
                geslaagd=resultaat.geslaagd,
                toegepast=resultaat.toegepast,
            )
        )
    return uit

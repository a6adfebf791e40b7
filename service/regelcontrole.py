"""What `rules check` checks beyond the rule files themselves: the whole path of a soort.

A decision kind is complete when its rule set compiles, the mandate register has an entry
for it (otherwise its decisions can never be reviewed), every rule applies in at least one
fixture case, and the fixture cases name only rules that exist. Each problem is reported as
`file:line: id: what is wrong — what to do`, like the problems in the rule files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from service.engine.compiled import GecompileerdeRegelset
from service.engine.library import Regelbibliotheek
from service.mandates.register import GeladenRegister
from service.rulefiles.loading import Probleem
from service.rulefiles.yamlsource import YamlDocument, YamlFout, lees_yaml
from service.ruletests import lees_gevallen, niet_gedekt, voer_uit


def soorten_zonder_mandaat(
    regelsets: Iterable[GecompileerdeRegelset], register: GeladenRegister
) -> list[Probleem]:
    """A rule set whose soort has no entry in the mandate register."""
    return [
        Probleem(
            r.bestanden[0],
            1,
            r.naam,
            f"soort '{r.naam}' staat niet in het mandaatregister ({register.pad}) — voeg onder "
            f"'soorten' een blok '{r.naam}' met grenzen per rol toe, anders kan geen beslissing "
            "worden beoordeeld",
        )
        for r in sorted(regelsets, key=lambda r: r.naam)
        if r.naam not in register.register.soorten
    ]


def _verwijzingen(verwacht: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Every rule id a case names, with its path inside `verwacht`."""
    if not isinstance(verwacht, dict):
        return []
    uit: list[tuple[tuple[str | int, ...], str]] = []
    for sleutel in ("toegepast", "nietToegepast"):
        for i, regel in enumerate(verwacht.get(sleutel) or []):
            uit.append(((sleutel, i), str(regel)))
    for regel in verwacht.get("uitlegBevat") or {}:
        uit.append((("uitlegBevat", regel), str(regel)))
    fout = verwacht.get("fout")
    if isinstance(fout, dict) and fout.get("regel"):
        uit.append((("fout", "regel"), str(fout["regel"])))
    return uit


def _lees(pad: Path, naam: str) -> tuple[YamlDocument | None, list[Probleem]]:
    try:
        return lees_yaml(pad.read_text(encoding="utf-8")), []
    except YamlFout as fout:
        return None, [Probleem(naam, fout.regelnummer, "-", fout.melding)]


def onbekende_regels_in_gevallen(bibliotheek: Regelbibliotheek, gevallen: Path) -> list[Probleem]:
    """Fixture cases that name a rule or rule set that does not exist (a typo hides a test)."""
    ids_per_set: dict[str, set[str]] = {}
    for regelset in bibliotheek.regelsets:
        ids_per_set.setdefault(regelset.naam, set()).update(r.id for r in regelset.regels)
    problemen: list[Probleem] = []
    for pad in sorted(gevallen.rglob("*.yaml")):
        naam = (gevallen / pad.relative_to(gevallen)).as_posix()
        document, fouten = _lees(pad, naam)
        problemen += fouten
        if document is None or not isinstance(document.data, dict):
            continue
        standaard = document.data.get("regelset", "")
        for i, geval in enumerate(document.data.get("gevallen") or []):
            if not isinstance(geval, dict):
                continue
            soort = geval.get("regelset", standaard)
            titel = str(geval.get("naam", f"geval {i + 1}"))
            if soort not in ids_per_set:
                problemen.append(
                    Probleem(
                        naam,
                        document.regelnummer_van(("gevallen", i)),
                        titel,
                        f"regelset '{soort}' bestaat niet — kies uit {', '.join(sorted(ids_per_set))}",
                    )
                )
                continue
            for pad_in, regel in _verwijzingen(geval.get("verwacht")):
                if regel not in ids_per_set[soort]:
                    problemen.append(
                        Probleem(
                            naam,
                            document.regelnummer_van(("gevallen", i, "verwacht", *pad_in)),
                            titel,
                            f"regel '{regel}' bestaat niet in regelset '{soort}' — controleer de id",
                        )
                    )
    return problemen


def regels_zonder_geval(bibliotheek: Regelbibliotheek, gevallen: Path) -> list[Probleem]:
    """Rules that apply in no fixture case: each is reported at its own line."""
    resultaten = [voer_uit(bibliotheek, g) for g in lees_gevallen(gevallen)]
    ongedekt = set(niet_gedekt(bibliotheek, resultaten))
    gezien: dict[str, Probleem] = {}
    for regelset in bibliotheek.regelsets:
        for regel in regelset.regels:
            if regel.id in ongedekt and regel.id not in gezien:
                spiegel = gevallen / regel.bestand
                gezien[regel.id] = Probleem(
                    regel.bestand,
                    regel.regelnummer,
                    regel.id,
                    f"geen testgeval laat deze regel gelden — voeg in {spiegel.as_posix()} een "
                    "geval toe (aan beide kanten van elke drempel)",
                )
    return sorted(gezien.values())

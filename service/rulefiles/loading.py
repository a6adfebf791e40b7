"""Read every file under a rules directory into validated models, or report problems.

Every problem names the file, the line and the rule (or parameter) it concerns, in a
sentence a policy author can act on: `file:line: rule-id: what is wrong`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from service.rulefiles.gedeeltelijk import OVERGESLAGEN, Deel, zonder_kapotte_delen
from service.rulefiles.model import Regelmodule, Regelset
from service.rulefiles.parametermodel import Parameterbestand
from service.rulefiles.parameterwaarden import Waardefout, lees_waarde
from service.rulefiles.probleem import Probleem, RegelbestandFout
from service.rulefiles.validatie import problemen as validatieproblemen
from service.rulefiles.validatie import veldnamen
from service.rulefiles.yamlsource import DubbeleSleutel, YamlDocument, YamlFout, lees_yaml

__all__ = ["Probleem", "RegelbestandFout"]


Bestandsmodel = Regelset | Regelmodule | Parameterbestand


@dataclass
class GeladenBestand:
    """A validated file, its text (for the content hash) and its line lookup."""

    pad: str
    tekst: str
    document: YamlDocument
    model: Bestandsmodel
    kapotte_regels: frozenset[int] = frozenset()
    """Rules left out for their errors (placeholders in `model.regels`; gedeeltelijk)."""
    kapotte_parameters: frozenset[str] = frozenset()
    """Parameters left out for their errors (their names stay known to importers)."""
    dubbele_sleutels: bool = False
    """A key stands twice (its last value was read and checked)."""

    @property
    def onvolledig(self) -> bool:
        """Loaded without its broken parts or with a key twice: checked, but never compiled."""
        return bool(self.kapotte_regels or self.kapotte_parameters or self.dubbele_sleutels)

    def regelnummer(self, *pad: str | int) -> int:
        """The 1-based line number of the value at `pad` in this file."""
        return self.document.regelnummer_van(pad)


@dataclass
class Bibliotheekbron:
    """All files of a rules directory, by path relative to the directory."""

    map: Path
    bestanden: dict[str, GeladenBestand] = field(default_factory=dict)
    problemen: list[Probleem] = field(default_factory=list)

    def inhoudshash(self, paden: list[str]) -> str:
        """SHA-256 over the named files' exact bytes: any edit gives a new version hash."""
        h = hashlib.sha256()
        for pad in sorted(set(paden)):
            h.update(pad.encode())
            h.update(b"\0")
            h.update(self.bestanden[pad].tekst.encode())
            h.update(b"\0")
        return h.hexdigest()


def _soort(data: Any) -> type[BaseModel] | None:
    if not isinstance(data, dict):
        return None
    if "regelset" in data:
        return Regelset
    if "module" in data:
        return Regelmodule
    if "parameters" in data:
        return Parameterbestand
    return None


def _id_bij(data: Any, pad: tuple[str | int, ...]) -> tuple[str, int]:
    """The rule id or parameter name a path inside a file belongs to, and how many of the
    path's first steps it stands for (`regels.3` is the rule's id)."""
    if len(pad) >= 2 and pad[0] == "regels" and isinstance(pad[1], int):
        try:
            return str(data["regels"][pad[1]].get("id") or f"regel {pad[1] + 1}"), 2
        except (KeyError, IndexError, AttributeError, TypeError):
            return f"regel {pad[1] + 1}", 2
    if len(pad) >= 2 and pad[0] == "parameters":
        return str(pad[1]), 2
    if len(pad) >= 2 and pad[0] in ("invoer", "uitkomst"):
        return f"{pad[0]}.{pad[1]}", 2
    return "-", 0


def _plek(dubbel: DubbeleSleutel) -> str:
    """The keys of a duplicate's path below its rule or parameter (`dan.`), as a prefix."""
    gedekt = _id_bij({}, dubbel.pad)[1]
    binnen = [str(s) for s in dubbel.pad[gedekt:-1] if not isinstance(s, int)]
    return f"{'.'.join(binnen)}: " if binnen else ""


def lees_bestand(map: Path, pad: Path) -> tuple[GeladenBestand | None, list[Probleem]]:
    """Load and validate one file: the file (None if its structure is invalid) and its problems.

    A parameter value that does not fit its type is a problem, but the file is still returned,
    so the rules that use it are checked in the same run (all problems at once); so is a file
    whose only errors lie inside rules or parameters, without them (`gedeeltelijk`).
    """
    naam = pad.relative_to(map).as_posix()
    tekst = pad.read_text(encoding="utf-8")
    try:
        document = lees_yaml(tekst)
    except YamlFout as fout:
        return None, [Probleem(naam, fout.regelnummer, "-", fout.melding)]
    dubbel = [
        Probleem(naam, d.regelnummer, _id_bij(document.data, d.pad)[0], _plek(d) + d.melding)
        for d in document.dubbel
    ]
    model = _soort(document.data)
    if model is None:
        return None, [
            *dubbel,
            Probleem(
                naam,
                1,
                "-",
                "onbekend soort bestand — begin met 'regelset:', 'module:' of 'parameters:'",
            ),
        ]
    problemen: list[Probleem] = list(dubbel)
    try:
        deel = Deel(model.model_validate(document.data), frozenset(), frozenset())
    except ValidationError as validatie:
        problemen += validatieproblemen(
            naam,
            document,
            validatie,
            lambda plek: _id_bij(document.data, plek),
            veldnamen(Regelset, Regelmodule, Parameterbestand),
        )
        gedeeltelijk = zonder_kapotte_delen(model, document.data, validatie)
        if gedeeltelijk is None:
            return None, [*problemen, Probleem(naam, 1, "-", OVERGESLAGEN)]
        deel = gedeeltelijk
    geldig = deel.model
    assert isinstance(geldig, Regelset | Regelmodule | Parameterbestand)
    if isinstance(geldig, Parameterbestand):
        problemen += _controleer_waarden(naam, document, geldig)
    bestand = GeladenBestand(
        naam,
        tekst,
        document,
        geldig,
        deel.kapotte_regels,
        deel.kapotte_parameters,
        bool(document.dubbel),
    )
    return bestand, problemen


def _controleer_waarden(
    naam: str, document: YamlDocument, bestand: Parameterbestand
) -> list[Probleem]:
    """Every dated value against the parameter's declared type: all problems, each at its line."""
    problemen = []
    for parameter_naam, parameter in bestand.parameters.items():
        for i, waarde in enumerate(parameter.waarden):
            try:
                lees_waarde(parameter, waarde.waarde)
            except Waardefout as fout:
                pad = ("parameters", parameter_naam, "waarden", i, "waarde", *fout.pad)
                problemen.append(
                    Probleem(
                        naam,
                        document.regelnummer_van(pad),
                        parameter_naam,
                        f"waarde ({parameter.type}): {fout.melding}",
                    )
                )
    return problemen


def lees_map(map: Path) -> Bibliotheekbron:
    """Load every .yaml/.yml file under `map`; collect problems instead of stopping."""
    bron = Bibliotheekbron(map=map)
    if not map.is_dir():
        bron.problemen.append(Probleem(str(map), 0, "-", "de regelmap bestaat niet"))
        return bron
    for pad in sorted([*map.rglob("*.yaml"), *map.rglob("*.yml")]):
        bestand, problemen = lees_bestand(map, pad)
        bron.problemen.extend(problemen)
        if bestand is not None:
            bron.bestanden[bestand.pad] = bestand
    return bron

"""Strict YAML reading that remembers where every value stood.

Policy authors get their errors as `file:line: rule-id: what is wrong`, so every value
we load must be traceable to its line. Duplicate keys are errors (plain PyYAML would
silently keep the last one, hiding an author's mistake); the document keeps the last value
of each, so the rest of the file is still checked, and lists them (`dubbel`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml


class YamlFout(Exception):
    """A file that is not valid (strict) YAML."""

    def __init__(self, regelnummer: int, melding: str) -> None:
        super().__init__(melding)
        self.regelnummer = regelnummer
        self.melding = melding


@dataclass(frozen=True)
class YamlDocument:
    """Loaded data plus the node tree to find line numbers."""

    data: Any
    knoop: yaml.Node
    dubbel: tuple[DubbeleSleutel, ...] = ()
    """Keys that stand twice: problems, but the data holds the last value of each (checked)."""

    def regelnummer_van(self, pad: Sequence[str | int], sleutel: bool = False) -> int:
        """The 1-based line of the value at `pad` (as deep as the path still exists).

        `sleutel`: the line of the last key itself instead (a misspelt key whose value is a
        block starts on the line below it).
        """
        knoop = self.knoop
        for i, stap in enumerate(pad):
            gevonden = _kind(knoop, stap)
            if gevonden is None:
                break
            sleutelknoop, knoop = gevonden
            if sleutel and i == len(pad) - 1 and sleutelknoop is not None:
                return sleutelknoop.start_mark.line + 1
        return knoop.start_mark.line + 1


def _kind(knoop: yaml.Node, stap: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The key node (None in a list) and the value node of one step of a path."""
    if isinstance(knoop, yaml.MappingNode):
        for sleutel, waarde in reversed(knoop.value):  # a key twice: the last one counts
            if sleutel.value == stap:
                return sleutel, waarde
    if isinstance(knoop, yaml.SequenceNode) and isinstance(stap, int) and stap < len(knoop.value):
        return None, knoop.value[stap]
    return None


@dataclass(frozen=True)
class DubbeleSleutel:
    """A key that stands twice in one block: where, its path, and the line of the first."""

    regelnummer: int
    pad: tuple[str | int, ...]
    eerder: int

    @property
    def melding(self) -> str:
        return (
            f"sleutel '{self.pad[-1]}' staat dubbel (eerder op regel {self.eerder}) — "
            "verwijder of hernoem een van beide (gecontroleerd is de laatste)"
        )


def _dubbele_sleutels(knoop: yaml.Node, pad: tuple[str | int, ...] = ()) -> list[DubbeleSleutel]:
    uit: list[DubbeleSleutel] = []
    if isinstance(knoop, yaml.MappingNode):
        gezien: dict[Any, int] = {}
        for sleutel, waarde in knoop.value:
            if sleutel.value in gezien:
                uit.append(
                    DubbeleSleutel(
                        sleutel.start_mark.line + 1, (*pad, sleutel.value), gezien[sleutel.value]
                    )
                )
            gezien[sleutel.value] = sleutel.start_mark.line + 1
            uit += _dubbele_sleutels(waarde, (*pad, sleutel.value))
    elif isinstance(knoop, yaml.SequenceNode):
        for i, element in enumerate(knoop.value):
            uit += _dubbele_sleutels(element, (*pad, i))
    return uit


class _Lader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2027-13-01) as its text.

    PyYAML raises a bare ValueError for it, without a line; as text it reaches the
    validation, which reports it at its line in words a policy author can act on.
    """

    def construct_yaml_timestamp(self, knoop: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(knoop)
        except ValueError:
            return self.construct_scalar(knoop)


_Lader.add_constructor("tag:yaml.org,2002:timestamp", _Lader.construct_yaml_timestamp)

_HINT = "controleer inspringing, dubbele punten, streepjes en aanhalingstekens"
# PyYAML's own words, in Dutch: what a policy author sees.
_VERTALING = {
    "expected <block end>, but found": "de inspringing klopt niet",
    "found character '\\t' that cannot start any token": "er staat een tab; gebruik spaties",
    "mapping values are not allowed here": (
        "een dubbele punt waar die niet kan (zet zo'n tekst tussen aanhalingstekens)"
    ),
    "could not find expected ':'": "er ontbreekt een dubbele punt",
    "found unexpected end of stream": "het bestand houdt onverwacht op (iets niet afgesloten?)",
    "expected ',' or ']'": "een lijst [ … ] is niet goed afgesloten",
    "expected ',' or '}'": "een blok { … } is niet goed afgesloten",
    "found undefined alias": "een onbekende verwijzing (*naam)",
    "expected a comment or a line break": "er staat iets achter een waarde dat er niet hoort",
}


def _probleem(fout: yaml.MarkedYAMLError) -> str:
    tekst = str(fout.problem or "")
    for engels, nederlands in _VERTALING.items():
        if tekst.startswith(engels):
            return nederlands
    return f"onverwachte opbouw ({tekst})" if tekst else "onverwachte opbouw"


def _regelnummer(fout: yaml.MarkedYAMLError) -> int:
    mark = fout.problem_mark or fout.context_mark
    return mark.line + 1 if mark else 1


def lees_yaml(tekst: str) -> YamlDocument:
    """Parse one YAML document strictly; raise YamlFout with the line on any problem."""
    try:
        knoop = yaml.compose(tekst, Loader=_Lader)
    except yaml.MarkedYAMLError as fout:
        raise YamlFout(
            _regelnummer(fout), f"geen geldige YAML: {_probleem(fout)} — {_HINT}"
        ) from None
    except yaml.YAMLError as fout:
        raise YamlFout(1, f"geen geldige YAML: {fout} — {_HINT}") from None
    if knoop is None:
        raise YamlFout(1, "het bestand is leeg")
    dubbel = tuple(_dubbele_sleutels(knoop))
    loader = _Lader(tekst)
    try:
        data = loader.construct_document(knoop)
    except yaml.MarkedYAMLError as fout:
        raise YamlFout(
            _regelnummer(fout), f"kan waarde niet lezen: {_probleem(fout)} — {_HINT}"
        ) from None
    finally:
        loader.dispose()
    return YamlDocument(data=data, knoop=knoop, dubbel=dubbel)

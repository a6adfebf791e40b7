"""Breaking a copy of the shipped rules on purpose, and reading what `rules check` says."""

from __future__ import annotations

import shutil
from pathlib import Path

from service.engine.library import controleer_map
from tests.conftest import RULES


def kopie(tmp_path: Path) -> Path:
    """A copy of the shipped rules directory under `tmp_path`."""
    doel = tmp_path / "rules"
    shutil.copytree(RULES, doel)
    return doel


def vervang(map: Path, bestand: str, oud: str, nieuw: str) -> int:
    """Replace text that occurs once in `bestand`; return the 1-based line where it starts."""
    pad = map / bestand
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.count(oud) == 1, oud
    pad.write_text(tekst.replace(oud, nieuw), encoding="utf-8")
    return tekst[: tekst.index(oud)].count("\n") + 1


def problemen(map: Path) -> list[str]:
    """Every problem `rules check` finds in the directory, as `file:line: rule-id: text`."""
    return [str(p) for p in controleer_map(map)[1]]

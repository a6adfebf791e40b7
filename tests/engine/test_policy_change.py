"""A policy author's edit in rules/ changes decisions, with no code change."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from service.decisions.service import evalueer
from service.engine.library import laad_bibliotheek
from tests.conftest import RULES

VORDERING = {
    "vorderingen": [{"id": "V1", "bedrag": "100.00", "verzenddatumBeschikking": "2026-01-05"}]
}


def betalingstermijn(map: Path) -> Any:
    geladen = laad_bibliotheek(map).voor("termijnen", dt.date(2026, 1, 20))
    evaluatie = evalueer(geladen, VORDERING, dt.date(2026, 1, 20))
    return evaluatie.uitkomst["vorderingen"][0]["betalingstermijnEinde"], geladen.regelset.hash


def kopie(tmp_path: Path) -> Path:
    doel = tmp_path / "rules"
    shutil.copytree(RULES, doel)
    return doel


def test_betalingstermijn_in_weken_aanpassen(tmp_path: Path) -> None:
    """6 → 8 weeks: 5 Jan + 56 days = Mon 2 Mar 2026, and the rule-set hash changes."""
    regels = kopie(tmp_path)
    voor, hash_voor = betalingstermijn(regels)
    pad = regels / "parameters" / "termijnen.yaml"
    tekst = pad.read_text(encoding="utf-8")
    oud = "      - geldigVanaf: 2009-07-01\n        waarde: 6\n"
    assert tekst.count(oud) == 1
    pad.write_text(
        tekst.replace(oud, oud + "      - geldigVanaf: 2026-01-01\n        waarde: 8\n"),
        encoding="utf-8",
    )
    na, hash_na = betalingstermijn(regels)
    assert (voor, na) == ("2026-02-16", "2026-03-02")
    assert hash_voor != hash_na


def test_kb_dag_toevoegen(tmp_path: Path) -> None:
    """A KB day on Mon 16 Feb 2026 (hypothetical) moves the term to Tue 17 Feb."""
    regels = kopie(tmp_path)
    pad = regels / "parameters" / "algemene-termijnenwet.yaml"
    tekst = pad.read_text(encoding="utf-8")
    anker = '          - {datum: 2026-01-02, bron: "Besluit gelijkstelling 2026-2028 (titel)"}\n'
    assert anker in tekst
    pad.write_text(
        tekst.replace(anker, anker + '          - {datum: 2026-02-16, bron: "test"}\n'),
        encoding="utf-8",
    )
    assert betalingstermijn(regels)[0] == "2026-02-17"


def test_geleverde_regels_ongewijzigd() -> None:
    assert betalingstermijn(RULES)[0] == "2026-02-16"

"""`rules check` warns when a rule set changed but its versie did not, and when the changelog lags."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session

from service.decisions.replay import archiveer
from service.engine.library import Regelbibliotheek, controleer_map, laad_bibliotheek
from service.storage.database import maak_engine, migreer
from service.versiebeheer import waarschuwingen
from tests.conftest import ROOT, RULES, TERMIJNEN_VERSIE

INVORDERING = str(Path(sys.executable).parent / "invordering")


def check(map: Path, database: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [INVORDERING, "rules", "check", "--dir", str(map)],
        env={**os.environ, "INVORDERING_DATABASE_URL": database},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestVersiebeheer:
    def test_geleverde_regels_en_logboek_kloppen(
        self, bibliotheek: Regelbibliotheek, tmp_path: Path
    ) -> None:
        database = f"sqlite:///{tmp_path / 'bestaat-niet.db'}"
        assert waarschuwingen(RULES, bibliotheek.regelsets, database) == []
        assert not (tmp_path / "bestaat-niet.db").exists()  # a check never creates a database

    def test_inhoud_veranderd_versie_niet(
        self, bibliotheek: Regelbibliotheek, tmp_path: Path
    ) -> None:
        database = f"sqlite:///{tmp_path / 'archief.db'}"
        engine = maak_engine(database)
        migreer(engine)
        with Session(engine) as sessie:
            archiveer(sessie, bibliotheek)
        engine.dispose()
        map = tmp_path / "rules"
        shutil.copytree(RULES, map)
        pad = map / "parameters" / "termijnen.yaml"
        # A content change that moves no decision (a value's source text), so that the
        # rule test cases and their coverage stay as they are and only the version warns.
        oud = "        bron: Awb 4:87 (tekst 2026-01-01; dezelfde tekst sinds 2009)\n"
        tekst = pad.read_text(encoding="utf-8")
        assert oud in tekst
        pad.write_text(
            tekst.replace(oud, oud.replace("2026-01-01", "2026-11-29")), encoding="utf-8"
        )

        uit = check(map, database)
        assert uit.returncode == 0, uit.stdout
        regels = [r for r in uit.stdout.splitlines() if r.startswith("waarschuwing:")]
        versieregel = next(
            i
            for i, r in enumerate((map / "termijnen.yaml").read_text().splitlines(), 1)
            if r.startswith("versie:")
        )
        assert any(
            r.startswith(
                f"waarschuwing: termijnen.yaml:{versieregel}: termijnen: de inhoud is veranderd sinds versie {TERMIJNEN_VERSIE}"
            )
            for r in regels
        ), regels
        # Every rule set importing the changed parameter file is named; the others are not.
        gebruikers = {
            r.naam for r in controleer_map(map)[0] if "parameters/termijnen.yaml" in r.bestanden
        }
        genoemd = {r.split(": ")[2] for r in regels}
        assert genoemd == gebruikers and "beslagvrije-voet" not in genoemd

        (map / "termijnen.yaml").write_text(
            (map / "termijnen.yaml")
            .read_text(encoding="utf-8")
            .replace(f"versie: {TERMIJNEN_VERSIE}", "versie: 99.0.0"),
            encoding="utf-8",
        )
        regels = [
            r for r in check(map, database).stdout.splitlines() if r.startswith("waarschuwing:")
        ]
        assert not any(r.startswith("waarschuwing: termijnen.yaml:") for r in regels)
        assert (
            "waarschuwing: CHANGELOG.md:1: termijnen: geen kopje '## termijnen 99.0.0'"
            in " ".join(regels)
        )
        assert (
            laad_bibliotheek(map).voor("termijnen", dt.date(2026, 1, 1)).regelset.versie == "99.0.0"
        )

"""`rules check` checks the whole path of a soort: register entry, fixture cases, rule ids."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from service.cli import app as cli
from tests.conftest import ROOT, RULES

NIEUWE_SOORT = """formaat: "1.0"
regelset: kwijtschelding
versie: 0.1.0
titel: Voorbeeld
doel: Een voorbeeldsoort om de controle te testen.
eigenaar: Team Beleid Invordering
geldigVanaf: 2026-01-01
invoer:
  bedrag: {type: bedrag, verplicht: true}
regels:
  - id: KWS-KLEIN
    titel: Klein bedrag
    grondslag: [{regeling: Voorbeeldregeling, artikel: "1"}]
    als: [bedrag < 10]
    dan:
      klein: waar
    uitleg: Het bedrag is kleiner dan tien euro.
uitkomst:
  klein: klein
"""


def kopieer(tmp_path: Path) -> tuple[Path, Path, Path]:
    regels, mandaten, gevallen = tmp_path / "rules", tmp_path / "mandates", tmp_path / "fixtures"
    shutil.copytree(RULES, regels)
    shutil.copytree(ROOT / "mandates", mandaten)
    shutil.copytree(ROOT / "fixtures" / "rules", gevallen)
    return regels, mandaten, gevallen


def rules_check(regels: Path, mandaten: Path, gevallen: Path) -> tuple[int, list[str]]:
    uit = CliRunner().invoke(
        cli,
        [
            "rules",
            "check",
            "--dir",
            str(regels),
            "--mandates-dir",
            str(mandaten),
            "--fixtures",
            str(gevallen),
        ],
    )
    return uit.exit_code, uit.output.splitlines()


def test_geleverd_is_in_orde(tmp_path: Path) -> None:
    code, regels = rules_check(*kopieer(tmp_path))
    assert code == 0, regels


def test_nieuwe_soort_zonder_register_en_zonder_gevallen(tmp_path: Path) -> None:
    regels, mandaten, gevallen = kopieer(tmp_path)
    (regels / "kwijtschelding.yaml").write_text(NIEUWE_SOORT, encoding="utf-8")
    code, uitvoer = rules_check(regels, mandaten, gevallen)
    assert code == 1
    assert any(
        r.startswith(
            "kwijtschelding.yaml:1: kwijtschelding: soort 'kwijtschelding' staat niet in het mandaatregister"
        )
        for r in uitvoer
    ), uitvoer

    # With a register entry, the rule without a case is what is left, at the rule's line.
    tekst = (mandaten / "register.yaml").read_text(encoding="utf-8")
    (mandaten / "register.yaml").write_text(
        tekst.replace(
            "soorten:\n",
            "soorten:\n  kwijtschelding:\n    grenzen: {medewerker-invorderen: alles}\n",
            1,
        ),
        encoding="utf-8",
    )
    code, uitvoer = rules_check(regels, mandaten, gevallen)
    assert code == 1
    assert uitvoer[0].startswith(
        "kwijtschelding.yaml:11: KWS-KLEIN: geen testgeval laat deze regel gelden"
    ), uitvoer
    assert len(uitvoer) == 1

    # A case that makes the rule apply: in order.
    (gevallen / "kwijtschelding.yaml").write_text(
        "regelset: kwijtschelding\ngevallen:\n"
        "  - naam: klein\n    peildatum: 2026-02-01\n    gegevens: {bedrag: '5.00'}\n"
        "    verwacht: {uitkomst: {klein: true}, toegepast: [KWS-KLEIN]}\n",
        encoding="utf-8",
    )
    code, uitvoer = rules_check(regels, mandaten, gevallen)
    assert code == 0, uitvoer


def test_geval_noemt_een_onbekende_regel(tmp_path: Path) -> None:
    regels, mandaten, gevallen = kopieer(tmp_path)
    pad = gevallen / "termijnen.yaml"
    tekst = pad.read_text(encoding="utf-8")
    oud = "      toegepast: [TRM-STAP-AANMANING]\n"
    assert tekst.count(oud) == 1
    regelnummer = tekst[: tekst.index(oud)].count("\n") + 1
    pad.write_text(tekst.replace(oud, "      toegepast: [TRM-STAP-AANMANNIG]\n"), encoding="utf-8")
    code, uitvoer = rules_check(regels, mandaten, gevallen)
    assert code == 1
    assert any(
        r.startswith(f"{gevallen.as_posix()}/termijnen.yaml:{regelnummer}: ")
        and "regel 'TRM-STAP-AANMANNIG' bestaat niet in regelset 'termijnen'" in r
        for r in uitvoer
    ), uitvoer

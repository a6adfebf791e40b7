"""`invordering rules check` as a type checker for policy staff: every mistake at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app as cli
from service.engine.library import controleer_map
from tests.conftest import RULES
from tests.rulefiles.bewerken import kopie, vervang

BVV = "parameters/beslagvrije-voet/algemeen.yaml"
TERMIJNEN = "parameters/termijnen.yaml"
ATW = "parameters/algemene-termijnenwet.yaml"
BETALINGSTERMIJN = "gedeeld/betalingstermijn.yaml"
AANMANING = "gedeeld/aanmaning.yaml"

# The five mistakes of issue 8: file, text, replacement, the message, and the line of the
# mistake relative to where the replaced text starts.
VIJF_FOUTEN = {
    "waarde drie": (
        TERMIJNEN,
        "      - geldigVanaf: 1994-01-01\n        waarde: 6\n",
        "      - geldigVanaf: 1994-01-01\n        waarde: drie\n",
        "'drie' is geen geheel getal",
        1,
    ),
    "decimale komma": (
        BVV,
        '      - {geldigVanaf: 2021-01-01, waarde: "0.475"}\n',
        "      - geldigVanaf: 2021-01-01\n        waarde: 0,475\n",
        "'0,475' is geen factor — gebruik een punt als decimaalteken: 0.475",
        1,
    ),
    "keuze verkeerd gespeld": (
        AANMANING,
        '- regime == "awir"',
        '- regime == "awirr"',
        "'awirr' is geen mogelijke waarde — kies uit awb, awir, invorderingswet, lokaleBelasting",
        0,
    ),
    "datum plus getal": (
        BETALINGSTERMIJN,
        "betalingstermijnEinde: betalingstermijnBegin + iwAanslagBetalingstermijn",
        "betalingstermijnEinde: betalingstermijnBegin + 42",
        "een datum plus een geheel getal kan niet — gebruik dagen(n), weken(n)",
        0,
    ),
    "onmogelijke datum": (
        ATW,
        "{datum: 2027-05-07,",
        "{datum: 2027-13-01,",
        "'2027-13-01' is geen bestaande datum",
        0,
    ),
}


def rules_check(map: Path) -> tuple[int, str]:
    resultaat = CliRunner().invoke(cli, ["rules", "check", "--dir", str(map)])
    assert resultaat.exception is None or isinstance(resultaat.exception, SystemExit)
    return resultaat.exit_code, resultaat.output


@pytest.mark.parametrize("fout", sorted(VIJF_FOUTEN))
def test_elke_fout_op_zijn_regel(tmp_path: Path, fout: str) -> None:
    """Each mistake: exit 1, its file:line and a Dutch message; never a traceback."""
    bestand, oud, nieuw, melding, verschuiving = VIJF_FOUTEN[fout]
    regels = kopie(tmp_path)
    regelnummer = vervang(regels, bestand, oud, nieuw) + verschuiving
    code, uitvoer = rules_check(regels)
    assert code == 1
    assert "Traceback" not in uitvoer
    gevonden = [r for r in uitvoer.splitlines() if melding in r]
    assert gevonden, uitvoer
    assert gevonden[0].startswith(f"{bestand}:{regelnummer}: "), (regelnummer, gevonden)


def test_alle_vijf_in_een_run(tmp_path: Path) -> None:
    """All problems at once: the rules using a broken parameter file are still checked."""
    regels = kopie(tmp_path)
    for bestand, oud, nieuw, _, _ in VIJF_FOUTEN.values():
        vervang(regels, bestand, oud, nieuw)
    code, uitvoer = rules_check(regels)
    assert code == 1
    for naam, (_, _, _, melding, _) in VIJF_FOUTEN.items():
        assert melding in uitvoer, (naam, uitvoer)


def test_decimale_komma_in_een_flow_mapping(tmp_path: Path) -> None:
    """`{…, waarde: 2,5}` splits at the comma in YAML; the message says what happened."""
    regels = kopie(tmp_path)
    vervang(regels, BVV, 'waarde: "0.475"}', "waarde: 0,475}")
    code, uitvoer = rules_check(regels)
    assert code == 1
    assert "decimale komma" in uitvoer and "Schrijf een punt (2.5)" in uitvoer
    assert "bvvZonderAdresFactor" in uitvoer


def test_yaml_fout_in_het_nederlands(tmp_path: Path) -> None:
    regels = kopie(tmp_path)
    regelnummer = vervang(regels, BETALINGSTERMIJN, "    titel: Verzuim\n", "    titel: [Verzuim\n")
    code, uitvoer = rules_check(regels)
    assert code == 1
    assert "Traceback" not in uitvoer
    assert f"{BETALINGSTERMIJN}:" in uitvoer and "geen geldige YAML" in uitvoer
    assert "— controleer inspringing" in uitvoer
    assert any(str(n) in uitvoer for n in range(regelnummer, regelnummer + 3))


@pytest.mark.parametrize(
    ("bestand", "oud", "nieuw", "melding"),
    [
        (
            BETALINGSTERMIJN,
            "inVerzuimVanaf: betalingstermijnEinde + dagen(1)",
            "inVerzuimVanaf: betalingstermijnEinde + bedrag",
            "een datum plus een bedrag kan niet",
        ),
        (
            "termijnen.yaml",
            "- peildatum <= betalingstermijnEinde",
            "- bedrag <= betalingstermijnEinde",
            "vergelijkt een bedrag met een datum",
        ),
        (
            AANMANING,
            "    geldendOp: laatsteAanmaning\n",
            "    geldendOp: aantal(aanmaningen)\n",
            "geldendOp moet een datum zijn, niet een geheel getal",
        ),
        (
            AANMANING,
            "    geldendOp: laatsteAanmaning\n",
            "",
            "leest parameter 'aanmaningstermijnWeken', die geldt naar de datum van het rechtsfeit",
        ),
        (
            BETALINGSTERMIJN,
            "{iwAanslagBetalingstermijn:gedateerd}",
            "{iwAanslagBetalingstermijn:datum}",
            "onbekende opmaak",
        ),
        (
            BETALINGSTERMIJN,
            "dagen(1)\n    uitleg: >-\n      Wie niet betaalt",
            "dagen(bekendmakingsdatum)\n    uitleg: >-\n      Wie niet betaalt",
            "dagen(…): argument 1 moet een geheel getal zijn, niet een datum",
        ),
        (
            "verschuldigd-bedrag.yaml",
            "- aantal(latereDwangbevelen) > 0",
            "- aantal(berekeningsdatum) > 0",
            "aantal(berekeningsdatum): 'berekeningsdatum' is een datum, geen lijst",
        ),
    ],
    ids=[
        "datum-plus-bedrag",
        "bedrag-vs-datum",
        "geldendOp-geen-datum",
        "zonder-geldendOp",
        "opmaak",
        "argument",
        "aantal-van-geen-lijst",
    ],
)
def test_typefouten(tmp_path: Path, bestand: str, oud: str, nieuw: str, melding: str) -> None:
    regels = kopie(tmp_path)
    vervang(regels, bestand, oud, nieuw)
    _, problemen = controleer_map(regels)
    teksten = [str(p) for p in problemen]
    assert any(melding in t and t.startswith(bestand) for t in teksten), teksten


def test_geleverde_regels_zijn_typevast() -> None:
    _, problemen = controleer_map(RULES)
    assert problemen == []

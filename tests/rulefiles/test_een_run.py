"""`rules check` reports every problem of a rules directory in one run, each at its own line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app as cli
from service.engine.library import controleer_map
from service.rulefiles.gedeeltelijk import OVERGESLAGEN
from tests.rulefiles.bewerken import problemen, vervang

TOEREKENING = "toerekening.yaml"
TERMIJNEN = "parameters/termijnen.yaml"
ATW = "parameters/algemene-termijnenwet.yaml"
OPSCHORTING = "gedeeld/opschorting.yaml"


class TestSleutelOpZijnRegel:
    def test_tikfout_in_een_blok(self, regels: Path) -> None:
        """A misspelt key whose value is an indented list is reported at the key's own line."""
        regel = vervang(
            regels,
            TOEREKENING,
            "    titel: De betaling\n    grondslag:\n",
            "    titel: De betaling\n    grondslg:\n",
        )
        gevonden = [p for p in problemen(regels) if "grondslg" in p]
        assert gevonden == [
            f"{TOEREKENING}:{regel + 1}: TOE-BETALING: grondslg: onbekend veld — bedoelt u 'grondslag'?"
        ]


class TestAndereRegelsVanHetBestand:
    def test_tikfout_verbergt_typefout_niet(self, regels: Path) -> None:
        """A misspelt key in TOE-BETALING does not hide a type error in another rule of the file."""
        regel = vervang(regels, TOEREKENING, "    titel: De betaling\n    grondslag:\n", "    titel: De betaling\n    grondslg:\n") + 1  # fmt: skip
        typefout = vervang(regels, TOEREKENING, '- regime == "awir"\n      - aantalAangewezen > 0', '- regime == "awirr"\n      - aantalAangewezen > 0')  # fmt: skip
        assert problemen(regels) == [
            f"{TOEREKENING}:{regel - 2}: TOE-BETALING: grondslag: verplicht veld ontbreekt",
            f"{TOEREKENING}:{regel}: TOE-BETALING: grondslg: onbekend veld — bedoelt u 'grondslag'?",
            f"{TOEREKENING}:{typefout}: TOE-AANWIJZING-AWIR: 'regime == \"awirr\"': 'regime' 'awirr' "
            "is geen mogelijke waarde — kies uit awb, awir, invorderingswet, lokaleBelasting",
        ]

    def test_wat_een_kapotte_regel_afleidt_blijft_bekend(self, regels: Path) -> None:
        """A misspelt `dan` still defines its names: the rules reading them get no false alarm."""
        regel = vervang(regels, TOEREKENING, "    dan:\n      betalingBedrag:", "    dann:\n      betalingBedrag:")  # fmt: skip
        assert problemen(regels) == [
            f"{TOEREKENING}:{regel}: TOE-BETALING: dann: onbekend veld — bedoelt u 'dan'?"
        ]

    def test_module_met_alleen_kapotte_regels(self, regels: Path) -> None:
        """A module whose only rule is broken still serves its importers: one line in total."""
        regel = vervang(
            regels, OPSCHORTING, "    titel: Lopend uitstel", "    tietel: Lopend uitstel"
        )
        assert problemen(regels) == [
            f"{OPSCHORTING}:{regel - 1}: TRM-OPSCHORTING: titel: verplicht veld ontbreekt",
            f"{OPSCHORTING}:{regel}: TRM-OPSCHORTING: tietel: onbekend veld — bedoelt u 'titel'?",
        ]

    def test_onvolledige_regelset_wordt_niet_gecompileerd(self, regels: Path) -> None:
        """A rule set checked without its broken rule is never compiled."""
        vervang(regels, TOEREKENING, "    titel: De betaling\n", "    tietel: De betaling\n")
        regelsets, gevonden = controleer_map(regels)
        assert gevonden and "toerekening" not in {r.naam for r in regelsets}

    def test_kapotte_opbouw_zegt_wat_is_overgeslagen(self, regels: Path) -> None:
        """A problem outside the rules stops the file, and the output says so."""
        vervang(regels, TOEREKENING, "\nuitkomst:\n", "\nuitkomsten:\n")
        gevonden = [p for p in problemen(regels) if p.startswith(TOEREKENING)]
        assert f"{TOEREKENING}:1: -: {OVERGESLAGEN}" in gevonden
        assert any("uitkomsten: onbekend veld" in p for p in gevonden), gevonden


# A mistake in a parameter file: (file, text, replacement, part of its one message).
PARAMETERFOUTEN = {
    "onmogelijke datum": (
        TERMIJNEN,
        "      - geldigVanaf: 2009-07-01\n        waarde: 6\n",
        "      - geldigVanaf: 2009-13-01\n        waarde: 6\n",
        "'2009-13-01' is geen bestaande datum",
    ),
    "tikfout in een sleutel": (
        TERMIJNEN,
        "    eenheid: weken\n    datering: rechtsfeit\n    uitlegZonderWaarde: >-\n      Titel 4.4",
        "    eenhied: weken\n    datering: rechtsfeit\n    uitlegZonderWaarde: >-\n      Titel 4.4",
        "eenhied: onbekend veld — bedoelt u 'eenheid'?",
    ),
    "waarde drie": (
        TERMIJNEN,
        "      - geldigVanaf: 2009-07-01\n        waarde: 6\n",
        "      - geldigVanaf: 2009-07-01\n        waarde: drie\n",
        "'drie' is geen geheel getal",
    ),
    "parameter van een functie": (
        ATW,
        "    omschrijving: Algemeen erkende feestdagen op een vaste datum (maand-dag).\n",
        "    omschrijvng: Algemeen erkende feestdagen op een vaste datum (maand-dag).\n",
        "omschrijvng: onbekend veld — bedoelt u 'omschrijving'?",
    ),
}


class TestParameterfouten:
    @pytest.mark.parametrize("fout", sorted(PARAMETERFOUTEN))
    def test_een_regel_per_fout(self, regels: Path, fout: str) -> None:
        """Every kind of mistake in a parameter: its own lines only, none in the importers."""
        bestand, oud, nieuw, melding = PARAMETERFOUTEN[fout]
        vervang(regels, bestand, oud, nieuw)
        gevonden = problemen(regels)
        assert any(melding in p for p in gevonden), gevonden
        assert all(p.startswith(f"{bestand}:") for p in gevonden), gevonden
        assert not any("verplicht veld ontbreekt" in p for p in gevonden) or fout.endswith(
            "functie"
        )

    def test_onleesbaar_bestand_bij_de_importeurs(self, regels: Path) -> None:
        """A file that cannot be read at all: each importer says its rules wait for the fix."""
        vervang(regels, TERMIJNEN, "        waarde: 6\n        bron: Awb 4:87", "        waarde: [6\n        bron: Awb 4:87")  # fmt: skip
        eigen = [p for p in problemen(regels) if p.startswith(TERMIJNEN)]
        elders = [p for p in problemen(regels) if not p.startswith(TERMIJNEN)]
        assert len(eigen) == 1 and "geen geldige YAML" in eigen[0]
        assert elders and all(
            f"importeer: '{TERMIJNEN}' heeft fouten (zie de meldingen daar); de regels hier "
            "worden pas gecontroleerd als die zijn opgelost" in p
            for p in elders
        ), elders


class TestServeMetKapotteRegels:
    def test_een_regel_per_probleem(self, regels: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`serve` on a broken rules directory prints each problem on one unwrapped line."""
        import service.herladen.server

        def niet_starten(*_: object) -> None:
            raise AssertionError("de service mag niet starten")

        monkeypatch.setattr(service.herladen.server, "start", niet_starten)
        monkeypatch.setenv("INVORDERING_RULES_DIR", str(regels))
        vervang(regels, TOEREKENING, '- regime == "awir"\n      - aantalAangewezen > 0', '- regime == "awirr"\n      - aantalAangewezen > 0')  # fmt: skip
        uit = CliRunner().invoke(cli, ["serve"], terminal_width=80)
        assert uit.exit_code == 1, uit.output
        assert "Traceback" not in uit.output
        regels_uit = uit.output.splitlines()
        assert regels_uit[:-1] == problemen(regels)
        assert len(regels_uit[0]) > 80  # not wrapped at the terminal's width
        assert regels_uit[-1] == "De service start niet: los eerst deze problemen op."

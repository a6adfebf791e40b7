"""A rule file with a mistake is reported as file:line: rule-id: what, and never loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app as cli
from service.engine.library import controleer_map, laad_bibliotheek
from service.rulefiles.loading import RegelbestandFout
from tests.conftest import RULES


def vervang(pad: Path, oud: str, nieuw: str) -> int:
    """Replace text once; return the 1-based line where it stood."""
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.count(oud) >= 1, oud
    regel = tekst[: tekst.index(oud)].count("\n") + 1
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    return regel


def MODULE(regels: Path) -> Path:
    """The shared module with the payment-term and verzuim rules."""
    return regels / "gedeeld" / "betalingstermijn.yaml"


def splits(gevonden: list[str], bestand: str) -> tuple[list[str], list[str]]:
    """The problems in one file, and those elsewhere (notices from the files importing it)."""
    return [p for p in gevonden if p.startswith(bestand)], [
        p for p in gevonden if not p.startswith(bestand)
    ]


def problemen(map: Path) -> list[str]:
    _, gevonden = controleer_map(map)
    return [str(p) for p in gevonden]


class TestFoutmeldingen:
    def test_geleverde_regels_zijn_in_orde(self) -> None:
        assert problemen(RULES) == []

    def test_onbekende_naam_in_uitdrukking(self, regels: Path) -> None:
        regel = vervang(
            MODULE(regels),
            "inVerzuimVanaf: betalingstermijnEinde + dagen(1)",
            "inVerzuimVanaf: betalingstermijnEind + dagen(1)",
        )
        assert problemen(regels) == [
            f"gedeeld/betalingstermijn.yaml:{regel}: TRM-VERZUIM: 'betalingstermijnEind' is geen "
            "invoerveld, parameter of afgeleide waarde"
        ]

    def test_dubbele_sleutel(self, regels: Path) -> None:
        pad = regels / "parameters" / "termijnen.yaml"
        tekst = pad.read_text(encoding="utf-8")
        pad.write_text(
            tekst.replace("        waarde: 6\n", "        waarde: 6\n        waarde: 8\n", 1),
            encoding="utf-8",
        )
        regel = tekst[: tekst.index("        waarde: 6\n")].count("\n") + 1
        eigen, meldingen = splits(problemen(regels), "parameters/termijnen.yaml:")
        # named by its parameter; the file is read with the last value, so the files importing
        # it are checked as usual: no cascade of unknown names, and nothing else to report
        assert eigen == [
            f"parameters/termijnen.yaml:{regel + 1}: betalingstermijnWeken: waarden: sleutel "
            f"'waarde' staat dubbel (eerder op regel {regel}) — verwijder of hernoem een van "
            "beide (gecontroleerd is de laatste)"
        ]
        assert meldingen == []

    def test_onbekend_veld_met_regelnummer_en_id(self, regels: Path) -> None:
        regel = vervang(
            MODULE(regels), "    titel: Verzuim\n", "    titel: Verzuim\n    tietel: x\n"
        )
        eigen, meldingen = splits(problemen(regels), "gedeeld/betalingstermijn.yaml:")
        assert eigen == [
            f"gedeeld/betalingstermijn.yaml:{regel + 1}: TRM-VERZUIM: tietel: onbekend veld "
            "— bedoelt u 'titel'?"
        ]
        assert all(
            "importeer: 'gedeeld/betalingstermijn.yaml' heeft fouten" in p for p in meldingen
        )

    def test_onbekend_veld_zonder_gelijkenis(self, regels: Path) -> None:
        regel = vervang(
            MODULE(regels), "    titel: Verzuim\n", "    titel: Verzuim\n    xyzzy: x\n"
        )
        eigen, _ = splits(problemen(regels), "gedeeld/betalingstermijn.yaml:")
        assert eigen == [
            f"gedeeld/betalingstermijn.yaml:{regel + 1}: TRM-VERZUIM: xyzzy: onbekend veld "
            "(tikfout?) — toegestaan zijn alleen de velden uit het schema"
        ]

    def test_pad_in_de_melding_zonder_interne_nummers(self, regels: Path) -> None:
        """The id names the parameter; the message names the key below it, not `waarden.0`."""
        pad = regels / "parameters" / "termijnen.yaml"
        tekst = pad.read_text(encoding="utf-8")
        eerste = next(r for r in tekst.splitlines() if "geldigVanaf: " in r)
        datum = eerste.split("geldigVanaf: ")[1][:10]
        pad.write_text(
            tekst.replace(eerste, eerste.replace(datum, datum[:5] + "13-01"), 1), "utf-8"
        )
        eigen, _ = splits(problemen(regels), "parameters/termijnen.yaml:")
        assert len(eigen) == 1
        melding = eigen[0].split(": ", 2)[2]
        assert melding.startswith("waarden.geldigVanaf: '"), eigen
        assert "13-01' is geen bestaande datum" in melding

    def test_ongeldige_voorwaarde(self, regels: Path) -> None:
        regel = vervang(
            regels / "termijnen.yaml",
            "- peildatum <= betalingstermijnEinde",
            "- peildatum <= betalingstermijnEinde + dagen(1)",
        )
        gevonden = problemen(regels)
        assert len(gevonden) == 1
        assert gevonden[0].startswith(f"termijnen.yaml:{regel}: TRM-STAP-BETALEN: ")
        assert "reken eerst in 'dan' uit" in gevonden[0]

    def test_kringredenering(self, regels: Path) -> None:
        vervang(
            MODULE(regels),
            'ofAnders(verzenddatumBeschikking, dagtekening) if regime == "awb"',
            'ofAnders(verzenddatumBeschikking, inVerzuimVanaf) if regime == "awb"',
        )
        gevonden = problemen(regels)
        assert any("kringredenering" in p for p in gevonden), gevonden

    def test_verboden_python(self, regels: Path) -> None:
        vervang(
            MODULE(regels),
            "inVerzuimVanaf: betalingstermijnEinde + dagen(1)",
            "inVerzuimVanaf: betalingstermijnEinde.__class__",
        )
        gevonden = problemen(regels)
        assert len(gevonden) == 1 and "niet toegestaan" in gevonden[0]

    def test_ongeldige_yaml(self, regels: Path) -> None:
        (regels / "kapot.yaml").write_text("regelset: [\n", encoding="utf-8")
        gevonden = problemen(regels)
        assert len(gevonden) == 1 and gevonden[0].startswith("kapot.yaml:")

    def test_dubbele_regel_id(self, regels: Path) -> None:
        vervang(MODULE(regels), "id: TRM-VERZUIM", "id: TRM-BEZWAARTERMIJN")
        assert any("komt twee keer voor" in p for p in problemen(regels))


class TestNooitLadenOverEenGoede:
    def test_service_weigert_kapotte_map(self, regels: Path) -> None:
        vervang(regels / "termijnen.yaml", "dagen(1)", "dagen(")
        with pytest.raises(RegelbestandFout) as fout:
            laad_bibliotheek(regels)
        assert "termijnen.yaml:" in str(fout.value)

    def test_cli_check(self, regels: Path) -> None:
        runner = CliRunner()
        goed = runner.invoke(cli, ["rules", "check", "--dir", str(regels)])
        assert goed.exit_code == 0, goed.output
        regel = vervang(
            MODULE(regels),
            "inVerzuimVanaf: betalingstermijnEinde + dagen(1)",
            "inVerzuimVanaf: onbekendeWaarde + dagen(1)",
        )
        fout = runner.invoke(cli, ["rules", "check", "--dir", str(regels)])
        assert fout.exit_code == 1
        assert fout.output.strip() == (
            f"gedeeld/betalingstermijn.yaml:{regel}: TRM-VERZUIM: 'onbekendeWaarde' is geen "
            "invoerveld, parameter of afgeleide waarde"
        )

    def test_cli_rules_test(self) -> None:
        resultaat = CliRunner().invoke(cli, ["rules", "test"])
        assert resultaat.exit_code == 0, resultaat.output
        assert " passed, 0 failed" in resultaat.output


class TestMandaatregister:
    def test_kapot_register_in_rules_check(self, tmp_path: Path) -> None:
        """`invordering rules check` also checks the mandate register, with file and line."""
        from tests.conftest import ROOT

        map = tmp_path / "mandates"
        shutil.copytree(ROOT / "mandates", map)
        regel = vervang(
            map / "register.yaml",
            'senior-invorderaar: {bedrag: "5000.00"}',
            'seniorinvorderaar: {bedrag: "5000.00"}',
        )
        uit = CliRunner().invoke(cli, ["rules", "check", "--mandates-dir", str(map)])
        assert uit.exit_code == 1
        assert uit.output.startswith(f"mandates/register.yaml:{regel}: soorten.afschrijving: ")
        assert "'seniorinvorderaar' staat niet in 'rollen'" in uit.output

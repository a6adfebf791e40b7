"""Impact analysis input and output: a filter that selects nothing is refused; shifts typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from service.cli import app as cli
from service.impact.vergelijking import beschrijf
from tests.conftest import auth
from tests.impact.test_api import tar_gz
from tests.impact.test_impact import kandidaat


def impact(tmp_path: Path, *opties: str) -> Any:
    map = kandidaat(tmp_path)
    return CliRunner().invoke(
        cli,
        ["impact", "--kandidaat", str(map), *opties],
        env={"INVORDERING_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"},
    )


class TestCli:
    def test_onbekende_soort(self, tmp_path: Path) -> None:
        """An unknown --soort exits 2 naming the option and the candidate's rule sets."""
        uit = impact(tmp_path, "--soort", "bestaatniet")
        assert uit.exit_code == 2, uit.output
        assert "--soort: 'bestaatniet' is geen regelset van de kandidaat — kies uit: " in (
            uit.output
        )
        assert "termijnen" in uit.output and "afschrijving" in uit.output

    def test_tot_voor_van(self, tmp_path: Path) -> None:
        """A --tot before --van exits 2 instead of silently judging nothing."""
        uit = impact(tmp_path, "--van", "2027-01-01", "--tot", "2026-01-01")
        assert uit.exit_code == 2, uit.output
        assert "--tot: 2026-01-01 ligt vóór van (2027-01-01)" in uit.output


class TestApi:
    @pytest.mark.parametrize(
        ("velden", "naam", "reden"),
        [
            ({"soort": "bestaatniet"}, "soort", "'bestaatniet' is geen regelset van de kandidaat"),
            ({"van": "2027-01-01", "tot": "2026-01-01"}, "tot", "ligt vóór van (2027-01-01)"),
        ],
    )
    def test_filter_zonder_beslissingen(
        self, maak_client: Any, tmp_path: Path, velden: dict[str, str], naam: str, reden: str
    ) -> None:
        """An unknown soort or a tot before van is a 400 problem naming the field."""
        antwoord = maak_client().post(
            "/v1/impactanalyses",
            files={"archief": ("k.tar.gz", tar_gz(kandidaat(tmp_path)), "application/gzip")},
            data=velden,
            headers=auth("beleid"),
        )
        assert antwoord.status_code == 400, antwoord.text
        assert antwoord.headers["content-type"].startswith("application/problem+json")
        [probleem] = antwoord.json()["invalidParams"]
        assert probleem["name"] == naam
        assert reden in probleem["reason"]


class TestVerschil:
    def test_dagen_als_geheel_getal(self) -> None:
        """A date's shift in the report is a whole number of days, not a float."""
        _, soort, verschil = beschrijf("2026-01-01", "2026-01-06")
        assert (soort, verschil) == ("datum", 5)
        assert isinstance(verschil, int)

    def test_bedrag_als_decimale_tekst(self) -> None:
        """An amount's shift in the report is a Decimal string with its cents, never a float."""
        assert beschrijf("100.00", "87.50")[1:] == ("bedrag", "-12.50")

"""Settings: secrets are never shown, unsafe production settings refuse the start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from service.settings import Instellingen
from tests.conftest import ROOT

SLEUTEL = "kort-geheim-7f3a"  # 16 bytes: too short for production
WACHTWOORD = "db-wachtwoord-91c2"
LANGE_SLEUTEL = "0123456789abcdef0123456789abcdef"  # 32 bytes


def productie(tmp_path: Path, **extra: str) -> dict[str, str]:
    principals = tmp_path / "principals.yaml"
    principals.write_text("principals: []\n", encoding="utf-8")
    return {
        "INVORDERING_ENV": "production",
        "INVORDERING_PRINCIPALS_FILE": str(principals),
        "INVORDERING_DATABASE_URL": f"postgresql://beheer:{WACHTWOORD}@127.0.0.1:1/db",
        "INVORDERING_PSEUDONIMISERINGSSLEUTEL": SLEUTEL,
        **extra,
    }


class TestSleutellengte:
    def test_te_korte_sleutel_geweigerd(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError) as fout:
            Instellingen(
                env="production", principals_file=tmp_path, pseudonimiseringssleutel=SLEUTEL
            )
        assert "te kort" in str(fout.value) and "32 bytes" in str(fout.value)
        assert SLEUTEL not in str(fout.value)

    def test_sleutel_van_32_bytes(self, tmp_path: Path) -> None:
        gelezen = Instellingen(
            env="production", principals_file=tmp_path, pseudonimiseringssleutel=LANGE_SLEUTEL
        )
        assert gelezen.pseudonimiseringssleutel.get_secret_value() == LANGE_SLEUTEL

    def test_geheimen_niet_in_repr(self) -> None:
        gelezen = Instellingen(
            database_url=f"postgresql://u:{WACHTWOORD}@h/db", pseudonimiseringssleutel=SLEUTEL
        )
        for tekst in (repr(gelezen), str(gelezen), str(gelezen.model_dump())):
            assert WACHTWOORD not in tekst and SLEUTEL not in tekst
        assert gelezen.database == f"postgresql://u:{WACHTWOORD}@h/db"


class TestGeweigerdeStart:
    @pytest.mark.parametrize(
        "opdracht",
        [
            [str(Path(sys.executable).parent / "invordering"), "serve", "--workers", "2"],
            [sys.executable, "-c", "from service.api.app import maak_app_uit_omgeving as m; m()"],
        ],
        ids=["invordering-serve", "uvicorn-factory"],
    )
    def test_toont_geen_geheim(self, tmp_path: Path, opdracht: list[str]) -> None:
        """The refusal names the setting and the rule; no key, no password, no traceback."""
        klaar = subprocess.run(
            opdracht,
            cwd=ROOT,
            env={**os.environ, **productie(tmp_path)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        uitvoer = klaar.stdout + klaar.stderr
        assert klaar.returncode == 1, uitvoer
        assert "INVORDERING_PSEUDONIMISERINGSSLEUTEL is te kort" in uitvoer
        assert SLEUTEL not in uitvoer and WACHTWOORD not in uitvoer
        assert "Traceback" not in uitvoer

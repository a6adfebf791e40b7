"""Typed settings from the environment (INVORDERING_*), with safe production defaults."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ONTWIKKELSLEUTEL = "ontwikkelsleutel-niet-voor-productie"


class Instellingen(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INVORDERING_", extra="ignore")

    env: Literal["development", "production"] = "development"
    database_url: str = "sqlite:///invordering.db"
    rules_dir: Path = Path("rules")
    mandates_dir: Path = Path("mandates")
    kandidaten_dir: Path | None = None
    """Root of named candidate rules directories for POST /v1/impactanalyses {"map": …}."""
    principals_file: Path | None = None
    """Production principals: a YAML file of {id, rol, mandaatrol?, tokenHash} (sha256)."""
    pseudonimiseringssleutel: SecretStr = SecretStr(ONTWIKKELSLEUTEL)
    """Key of the keyed hash (HMAC-SHA256) that pseudonymises a BSN for the processing log."""

    @model_validator(mode="after")
    def _veilig_in_productie(self) -> Instellingen:
        if self.env == "production" and self.principals_file is None:
            raise ValueError(
                "INVORDERING_PRINCIPALS_FILE is verplicht in productie (demo-tokens gelden daar niet)"
            )
        if (
            self.env == "production"
            and self.pseudonimiseringssleutel.get_secret_value() == ONTWIKKELSLEUTEL
        ):
            raise ValueError("zet INVORDERING_PSEUDONIMISERINGSSLEUTEL in productie")
        return self


@lru_cache
def instellingen() -> Instellingen:
    return Instellingen()

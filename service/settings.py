"""Typed settings from the environment (INVORDERING_*), with safe production defaults."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ONTWIKKELSLEUTEL = "ontwikkelsleutel-niet-voor-productie"
ONTWIKKEL_SESSIESLEUTEL = "werkbank-ontwikkelsleutel-niet-voor-productie"


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

    # Ecosystem (issue 13): processing log, organisation, public address.
    verwerkingsregister_file: Path = Path("fixtures/verwerkingsregister.yaml")
    """Processing activities (AVG art. 30) per soort, as URIs into the organisation's register."""
    logboek_bestand: Path = Path("logboek-dataverwerkingen.jsonl")
    """The Logboek Dataverwerkingen as JSON lines (when no OTLP endpoint is configured)."""
    logboek_otlp_endpoint: str | None = None
    """OTLP/HTTP traces endpoint (e.g. http://collector:4318/v1/traces): export there instead."""
    organisatie_file: Path = Path("fixtures/organisatie.yaml")
    """The organisation: name, RSIN, contact, ZGW besluittypen, algoritmeregister fields."""
    notificatie_wachttijden: list[float] = [5, 30, 120, 600, 1800, 3600, 7200, 14400]
    """Seconds before each retry of an undelivered notification; after the last: given up."""
    publieke_url: str = "http://127.0.0.1:8000"
    """Where clients reach this service (absolute URLs in notifications and ZGW exports)."""

    # The werkbank (web pages): its session cookie and, in production, OpenID Connect.
    sessiesleutel: SecretStr = SecretStr(ONTWIKKEL_SESSIESLEUTEL)
    """Signs the werkbank session cookie; required (not the development value) with OIDC."""
    oidc_issuer: str | None = None
    """Issuer URL; its /.well-known/openid-configuration is read at the first login."""
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_claim_id: str = "preferred_username"
    """Claim with the principal id (as in the audit trail and `behandelaar`)."""
    oidc_claim_rol: str = "invordering_rol"
    """Claim with the role: `medewerker` or `beleid`."""
    oidc_claim_mandaatrol: str = "invordering_mandaatrol"
    """Claim with the mandate role (a role of the mandate register), for medewerkers."""

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
        if self.oidc_issuer and not (self.oidc_client_id and self.oidc_client_secret):
            raise ValueError(
                "INVORDERING_OIDC_ISSUER vraagt ook INVORDERING_OIDC_CLIENT_ID en _CLIENT_SECRET"
            )
        if (
            self.oidc_issuer
            and self.sessiesleutel.get_secret_value() == ONTWIKKEL_SESSIESLEUTEL
            and self.env == "production"
        ):
            raise ValueError("zet INVORDERING_SESSIESLEUTEL wanneer de werkbank OIDC gebruikt")
        return self


@lru_cache
def instellingen() -> Instellingen:
    return Instellingen()

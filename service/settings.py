"""Typed settings from the environment (INVORDERING_*), with safe production defaults.

Secrets (the database URL, which may hold a password, and the pseudonymisation key) are
`SecretStr`: their repr is `**********`, and a refused start names the setting and the
rule it breaks, never its value (`hide_input_in_errors`, and `OnveiligeInstellingen`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ONTWIKKELSLEUTEL = "ontwikkelsleutel-niet-voor-productie"
ONTWIKKEL_SESSIESLEUTEL = "werkbank-ontwikkelsleutel-niet-voor-productie"
MINIMALE_SLEUTELLENGTE = 32
"""Bytes of key material for the HMAC-SHA256 pseudonyms and fingerprints (its block half)."""


class Instellingen(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="INVORDERING_", extra="ignore", hide_input_in_errors=True
    )

    env: Literal["development", "production"] = "development"
    database_url: SecretStr = SecretStr("sqlite:///invordering.db")
    """May carry a password (postgresql://user:pw@host/db): a secret, never printed."""
    rules_dir: Path = Path("rules")
    mandates_dir: Path = Path("mandates")
    kandidaten_dir: Path | None = None
    """Root of named candidate rules directories for POST /v1/impactanalyses {"map": …}."""
    principals_file: Path | None = None
    """Production principals: a YAML file of {id, rol, mandaatrol?, tokenHash} (sha256)."""
    pseudonimiseringssleutel: SecretStr = SecretStr(ONTWIKKELSLEUTEL)
    """Key of the HMAC-SHA256 that pseudonymises a BSN (processing log) and fingerprints a
    request (Idempotency-Key); at least 32 bytes in production."""
    max_verzoek_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)
    """A larger request body gets 413 before it is read to the end or parsed."""
    max_lijstelementen: int = Field(default=5_000, ge=1)
    """List elements in one JSON body, all lists together; more gets 413 before evaluation."""
    max_paginagrootte: int = Field(default=100, ge=1, le=100)
    """Largest `paginaGrootte` of GET /v1/beslissingen (the API allows at most 100)."""

    @property
    def database(self) -> str:
        """The database URL in clear text, for the engine only (never log it)."""
        return self.database_url.get_secret_value()

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
        if self.oidc_issuer and not (self.oidc_client_id and self.oidc_client_secret):
            raise ValueError(
                "INVORDERING_OIDC_ISSUER vraagt ook INVORDERING_OIDC_CLIENT_ID en _CLIENT_SECRET"
            )
        if self.env != "production":
            return self
        if self.principals_file is None:
            raise ValueError(
                "INVORDERING_PRINCIPALS_FILE is verplicht in productie (demo-tokens gelden daar niet)"
            )
        sleutel = self.pseudonimiseringssleutel.get_secret_value()
        if sleutel == ONTWIKKELSLEUTEL:
            raise ValueError("zet INVORDERING_PSEUDONIMISERINGSSLEUTEL in productie")
        if self.oidc_issuer and self.sessiesleutel.get_secret_value() == ONTWIKKEL_SESSIESLEUTEL:
            raise ValueError("zet INVORDERING_SESSIESLEUTEL wanneer de werkbank OIDC gebruikt")
        if len(sleutel.encode()) < MINIMALE_SLEUTELLENGTE:
            raise ValueError(
                f"INVORDERING_PSEUDONIMISERINGSSLEUTEL is te kort: geef in productie ten minste "
                f"{MINIMALE_SLEUTELLENGTE} bytes willekeurige sleutel (bv. `openssl rand -hex 32`)"
            )
        return self


class OnveiligeInstellingen(SystemExit):
    """A refused start: the message names settings and rules, never a value."""


def lees_instellingen() -> Instellingen:
    """Settings from the environment; raise OnveiligeInstellingen with a clean message."""
    try:
        return Instellingen()
    except ValidationError as fout:
        regels = []
        for probleem in fout.errors(include_input=False, include_url=False):
            veld = ".".join(str(d) for d in probleem.get("loc", ()))
            naam = f"INVORDERING_{veld.upper()}: " if veld else ""
            regels.append(f"  - {naam}{str(probleem['msg']).removeprefix('Value error, ')}")
        raise OnveiligeInstellingen(
            "De service start niet; de instellingen zijn niet in orde:\n" + "\n".join(regels)
        ) from None


@lru_cache
def instellingen() -> Instellingen:
    return lees_instellingen()

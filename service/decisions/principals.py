"""Who is calling: a case-handling system, a medewerker or policy staff."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

Rol = Literal["systeem", "medewerker", "beleid"]


@dataclass(frozen=True)
class Principal:
    id: str
    rol: Rol
    mandaatrol: str | None = None
    organisatie: str | None = None
    """The organisation it works for; a case system names behandelaars of its own only."""
    applicatie: str | None = None
    """URL of the calling application (a case system), for the processing log."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Principalregister:
    """Principals by the SHA-256 of their bearer token (tokens themselves are not kept)."""

    def __init__(
        self, per_hash: dict[str, Principal], zonder_token: tuple[Principal, ...] = ()
    ) -> None:
        self._per_hash = per_hash
        self._per_id = {p.id: p for p in (*per_hash.values(), *zonder_token)}

    def zoek(self, token: str) -> Principal | None:
        return self._per_hash.get(token_hash(token))

    def alle(self) -> list[Principal]:
        """Every principal, in the order of the file (the werkbank's development login)."""
        return list(self._per_id.values())

    def op_id(self, principal_id: str) -> Principal | None:
        """A known principal by id (to find a named behandelaar's mandate role)."""
        return self._per_id.get(principal_id)

    @classmethod
    def uit_bestand(cls, pad: Path, tokens_in_klare_tekst: bool) -> Principalregister:
        """Load principals; demo files name their tokens, production files only hashes."""
        data = yaml.safe_load(pad.read_text(encoding="utf-8"))
        per_hash: dict[str, Principal] = {}
        zonder_token: list[Principal] = []
        for p in data["principals"]:
            principal = Principal(
                p["id"], p["rol"], p.get("mandaatrol"), p.get("organisatie"), p.get("applicatie")
            )
            if tokens_in_klare_tekst:
                per_hash[token_hash(p["token"])] = principal
                continue
            if "token" in p:
                raise ValueError(f"{pad}: geef in productie alleen tokenHash, nooit het token")
            if "tokenHash" in p:
                per_hash[p["tokenHash"]] = principal
            else:  # known (a behandelaar, with its mandate role) but no API token: werkbank only
                zonder_token.append(principal)
        return cls(per_hash, tuple(zonder_token))

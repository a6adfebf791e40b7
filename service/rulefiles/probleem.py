"""A problem in a rule file (or the mandate register), located for its author."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Probleem:
    """One problem in a rule file, located for its author."""

    bestand: str
    regelnummer: int
    regel_id: str
    melding: str

    def __str__(self) -> str:
        return f"{self.bestand}:{self.regelnummer}: {self.regel_id}: {self.melding}"


class RegelbestandFout(Exception):
    """A rules directory that cannot be loaded; carries every problem found."""

    def __init__(self, problemen: list[Probleem]) -> None:
        self.problemen = sorted(problemen)
        super().__init__("\n".join(str(p) for p in self.problemen))

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

    def als_json(self) -> dict[str, str | int]:
        """The problem as the API lists it: its parts and the one-line text."""
        return {
            "bestand": self.bestand,
            "regelnummer": self.regelnummer,
            "regelId": self.regel_id,
            "melding": self.melding,
            "tekst": str(self),
        }


class RegelbestandFout(Exception):
    """A rules directory that cannot be loaded; carries every problem found."""

    def __init__(self, problemen: list[Probleem]) -> None:
        self.problemen = sorted(problemen)
        super().__init__("\n".join(str(p) for p in self.problemen))

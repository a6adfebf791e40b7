"""Names of values (`betalingstermijnEinde`) as Dutch noun phrases for jurists.

Generic, not per rule: a lowerCamelCase name is split into words and its last word
decides the phrase (`…Einde` → "het einde van de …", `…Weken` → "de … in weken").
Dutch compounds take the article of their last part, so a short list of het-words
is enough for the article.
"""

from __future__ import annotations

import re

_WOORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")

# Last parts that take "het"; everything else takes "de" (compounds follow their last part).
HET_WOORDEN = (
    "aantal",
    "adres",
    "bedrag",
    "begin",
    "besluit",
    "deel",
    "einde",
    "inkomen",
    "kader",
    "maximum",
    "minimum",
    "percentage",
    "plafond",
    "regime",
    "restant",
    "saldo",
    "stelsel",
    "totaal",
    "vermogen",
    "verzoek",
)
EENHEDEN = ("dagen", "weken", "maanden", "jaren")
# A few fixed names whose generic phrase would read poorly.
VASTE_NAMEN = {
    "peildatum": "de peildatum",
    "id": "het kenmerk",
}


def woorden(naam: str) -> list[str]:
    """`betalingstermijnEinde` → ["betalingstermijn", "einde"]."""
    return [w.lower() for w in _WOORD.findall(naam)] or [naam]


def lidwoord(woord: str) -> str:
    return "het" if woord.endswith(HET_WOORDEN) else "de"


def zelfstandig(delen: list[str]) -> str:
    """Words as a noun phrase with its article: ["openstaand", "bedrag"] → "het openstaand bedrag"."""
    return f"{lidwoord(delen[-1])} {' '.join(delen)}"


def naam_als_tekst(naam: str, type: str | None = None) -> str:
    """A value's name as a Dutch noun phrase; `type` (datum, jaNee, lijst, …) refines it."""
    if naam in VASTE_NAMEN:
        return VASTE_NAMEN[naam]
    delen = woorden(naam)
    laatste, rest = delen[-1], delen[:-1]
    if type == "jaNee":
        return f"‘{' '.join(delen)}’"
    if type == "lijst":
        return f"de {' '.join(delen)}"
    if rest and laatste in ("einde", "begin"):
        return f"het {laatste} van {zelfstandig(rest)}"
    if rest and laatste in EENHEDEN:
        return f"{zelfstandig(rest)} in {laatste}"
    if rest and laatste in ("vanaf", "tot"):
        return f"de datum ‘{' '.join(delen)}’"
    if delen[0] == "aantal" and rest:
        return f"het aantal {' '.join(delen[1:])}"
    return zelfstandig(delen)


def eenheid_van(naam: str) -> str | None:
    """The unit a name already carries (`betalingstermijnWeken` → "weken"), if any."""
    laatste = woorden(naam)[-1]
    return laatste if laatste in EENHEDEN else None

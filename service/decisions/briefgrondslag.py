"""Legal references of the letters, per regime, and where each letter's term is found."""

from __future__ import annotations

AWB = "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel="
IW = "https://wetten.overheid.nl/jci1.3:c:BWBR0004770&artikel="
AWIR = "https://wetten.overheid.nl/jci1.3:c:BWBR0018472&artikel="
KOSTENWET = "https://wetten.overheid.nl/jci1.3:c:BWBR0002645&artikel="
GEMEENTEWET = "https://wetten.overheid.nl/jci1.3:c:BWBR0005416&artikel="
RV = "https://wetten.overheid.nl/jci1.3:c:BWBR0001827&artikel="


def ref(regeling: str, artikel: str, url: str, lid: str | None = None) -> dict[str, str | None]:
    """A legal reference as in a decision's reasons: {regeling, artikel, lid, url}."""
    return {"regeling": regeling, "artikel": artikel, "lid": lid, "url": url + artikel}


# Per regime: the parameter with the aanmaningstermijn, from when it counts, and the law.
AANMANING = {
    "awb": ("aanmaningstermijnWeken", "de dag na verzending van deze aanmaning"),
    "invorderingswet": ("iwAanmaningstermijn", "de dagtekening van deze aanmaning"),
    "lokaleBelasting": ("iwAanmaningstermijn", "de dagtekening van deze aanmaning"),
    "awir": ("awirAanmaningstermijn", "de dagtekening van deze aanmaning"),
}
BELASTING = ("invorderingswet", "lokaleBelasting", "awir")


def aanmaning_grondslag(regime: str) -> list[dict[str, str | None]]:
    if regime == "awb":
        return [
            ref("Algemene wet bestuursrecht", "4:112", AWB),
            ref("Algemene wet bestuursrecht", "4:113", AWB),
            ref("Algemene wet bestuursrecht", "4:106", AWB),
        ]
    uit = [
        ref("Invorderingswet 1990", "11", IW),
        ref("Kostenwet invordering rijksbelastingen", "2", KOSTENWET),
        ref("Algemene wet bestuursrecht", "4:112", AWB, "3"),
    ]
    if regime == "lokaleBelasting":
        uit.append(ref("Gemeentewet", "231", GEMEENTEWET))
    if regime == "awir":
        uit = [ref("Algemene wet inkomensafhankelijke regelingen", "32", AWIR, "1"), *uit[1:]]
        uit.append(ref("Algemene wet inkomensafhankelijke regelingen", "34", AWIR, "2"))
    return uit


def dwangbevel_grondslag(regime: str) -> list[dict[str, str | None]]:
    uit = [
        ref("Algemene wet bestuursrecht", artikel, AWB)
        for artikel in ("4:114", "4:115", "4:117", "4:119", "4:122", "4:123")
    ]
    if regime in ("invorderingswet", "lokaleBelasting"):
        uit += [ref("Invorderingswet 1990", a, IW) for a in ("12", "13", "17")]
        uit.append(ref("Kostenwet invordering rijksbelastingen", "3", KOSTENWET))
    if regime == "lokaleBelasting":
        uit.append(ref("Gemeentewet", "231", GEMEENTEWET))
    if regime == "awir":
        uit.append(ref("Algemene wet inkomensafhankelijke regelingen", "32", AWIR))
        uit.append(ref("Kostenwet invordering rijksbelastingen", "3", KOSTENWET))
    if regime == "awb":
        uit.append(ref("Algemene wet bestuursrecht", "4:120", AWB))
    return uit

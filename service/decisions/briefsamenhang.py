"""Whether amounts belong to a letter: one case, one day, the same claims and the same acts.

A letter states what is owed on its own date for its own claims, the costs of the act it is
included (Awb 4:113 and Kostenwet art 2 for an aanmaning, Kostenwet art 3 for a dwangbevel).
Those amounts come from a `verschuldigd-bedrag` decision. These checks refuse (Conflict, 409,
every difference listed) amounts of another case, another day, other claims or other
aanmaningen and dwangbevelen, so that no letter mixes two calculations.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from service.decisions.briefgrondslag import BELASTING
from service.decisions.briefkop import invoer_per_vordering
from service.errors import Conflict
from service.storage.models import Beslissing


def _data(handelingen: Any, veld: str) -> list[str]:
    """The dates of a claim's aanmaningen or dwangbevelen, sorted."""
    return sorted(str(h.get(veld)) for h in handelingen or [] if isinstance(h, dict))


def _lijst(data: list[str]) -> str:
    return ", ".join(data) if data else "geen"


def _bedrag(waarde: Any) -> Decimal | None:
    try:
        return Decimal(str(waarde))
    except InvalidOperation:
        return None


def _zaak(zaakreferentie: str | None) -> str:
    return f"zaak {zaakreferentie}" if zaakreferentie else "geen zaak"


def _vordering(
    vid: str, naam: str, datum: str, eigen: dict[str, Any], andere: dict[str, Any], rij: Any
) -> list[str]:
    """The differences of one claim between the termijnen input and the bedragen input
    (`andere`) and outcome (`rij`)."""
    regime = rij.get("regime")
    problemen = []
    if eigen.get("regime", "awb") != regime:
        problemen.append(f"regime {eigen.get('regime', 'awb')} tegenover {regime}")
    for veld in ("verzenddatumBeschikking", "dagtekening", "soortAanslag"):
        if eigen.get(veld) != andere.get(veld):
            problemen.append(
                f"{veld} {eigen.get(veld) or 'niet gegeven'} tegenover "
                f"{andere.get(veld) or 'niet gegeven'}"
            )
    if _bedrag(eigen.get("bedrag")) != _bedrag(andere.get("hoofdsom")):
        problemen.append(
            f"bedrag {eigen.get('bedrag')} tegenover hoofdsom {andere.get('hoofdsom')}"
        )
    open_ = eigen.get("openstaandBedrag")
    if open_ is not None and _bedrag(open_) != _bedrag(rij.get("hoofdsom")):
        problemen.append(
            f"openstaand bedrag {open_} tegenover een openstaande hoofdsom van "
            f"{rij.get('hoofdsom')} na de betalingen in de bedragen"
        )
    aanmaningen = _data(eigen.get("aanmaningen"), "verzenddatum")
    verwacht = sorted([*aanmaningen, datum]) if naam == "aanmaning" else aanmaningen
    if _data(andere.get("aanmaningen"), "verzenddatum") != verwacht:
        problemen.append(
            f"aanmaningen {_lijst(_data(andere.get('aanmaningen'), 'verzenddatum'))} in de "
            f"bedragen, verwacht {_lijst(verwacht)}"
            + (
                " (met de aanmaning van deze brief, dan zijn haar kosten berekend)"
                if naam == "aanmaning"
                else ""
            )
        )
    dwangbevelen = _data(eigen.get("dwangbevelen"), "datum")
    met_deze = sorted([*dwangbevelen, datum])
    toegestaan = [dwangbevelen]
    if naam == "dwangbevel":  # a tax dwangbevel names its Kostenwet costs: it must be in
        toegestaan = [met_deze] if regime in BELASTING else [dwangbevelen, met_deze]
    if _data(andere.get("dwangbevelen"), "datum") not in toegestaan:
        problemen.append(
            f"dwangbevelen {_lijst(_data(andere.get('dwangbevelen'), 'datum'))} in de "
            f"bedragen, verwacht {_lijst(toegestaan[-1])}"
            + (
                " (met het dwangbevel van deze brief, dan zijn zijn kosten berekend)"
                if naam == "dwangbevel" and regime in BELASTING
                else ""
            )
        )
    return [f"vordering {vid}: {p}" for p in problemen]


def passende_bedragen(b: Beslissing, bedragen: Beslissing, naam: str) -> dict[str, dict[str, Any]]:
    """The amounts of `bedragen` (verschuldigd-bedrag) by claim id, for letter `naam`
    (aanmaning | dwangbevel) of the termijnen decision `b`, once they belong to it.

    They must be computed on `b`'s peildatum (the letter's date), for the same zaak, for
    claims all in `b`, and cover every claim of the letter with the same regime, beschikking
    or aanslag date, amount, aanmaningen and dwangbevelen — plus the act of this letter on
    its date, so that its costs are in. Raises Conflict (409) listing every difference.
    """
    datum = b.peildatum.isoformat()
    problemen = []
    if b.zaakreferentie != bedragen.zaakreferentie:  # also when only one names a zaak
        problemen.append(
            f"de bedragen horen bij {_zaak(bedragen.zaakreferentie)}, de brief bij "
            f"{_zaak(b.zaakreferentie)}"
        )
    berekend_op = str(bedragen.uitkomst.get("berekendOp") or bedragen.peildatum.isoformat())
    if berekend_op != datum:
        problemen.append(
            f"de bedragen zijn berekend op {berekend_op}, de brief is van {datum} (neem "
            f"verschuldigd-bedrag met die berekendOp)"
        )
    rijen = {str(v["id"]): v for v in bedragen.uitkomst.get("vorderingen", [])}
    invoer_bedragen = invoer_per_vordering(bedragen)
    invoer = invoer_per_vordering(b)
    problemen += [
        f"vordering {vid} staat in de bedragen maar niet in de termijnen-beslissing"
        for vid in invoer_bedragen
        if vid not in invoer
    ]
    for v in b.uitkomst.get("vorderingen", []):
        vid = str(v["id"])
        if v.get("volgendeStap", {}).get("actie") != naam:
            continue
        if vid not in rijen:
            problemen.append(f"vordering {vid} staat niet in de beslissing verschuldigd-bedrag")
            continue
        problemen += _vordering(
            vid,
            naam,
            datum,
            invoer.get(vid, {}),
            invoer_bedragen.get(vid, {}),
            rijen[vid],
        )
    if problemen:
        raise Conflict(
            f"De bedragen van beslissing {bedragen.id} passen niet bij deze {naam}: "
            + "; ".join(problemen)
            + ".",
            verschillen=problemen,
        )
    return rijen

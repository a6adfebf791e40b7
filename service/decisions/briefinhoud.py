"""What each letter says, gathered from a stored decision and its rule set's parameters.

Every element the law requires is here as data (Awb 4:112, 4:113, 4:122, IW 11, Rv 475i); the
templates (rules/brieven/) only lay it out. Terms come from parameters on the letter's date.
Legal references per regime are listed with the element they support.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from service.decisions.briefgrondslag import (
    AANMANING,
    BELASTING,
    IW,
    RV,
    aanmaning_grondslag,
    dwangbevel_grondslag,
    ref,
)
from service.engine.compiled import GecompileerdeRegelset
from service.errors import Conflict, NietGevonden, NietVerwerkbaar
from service.storage.models import Beslissing


def _termijn(regelset: GecompileerdeRegelset, naam: str, datum: dt.date) -> str:
    waarde = regelset.waarde_op(naam, datum)
    if waarde is None:
        raise NietVerwerkbaar(regelset.parameters[naam].waarom_geen_waarde(datum))
    return f"{waarde} weken" if isinstance(waarde, int) else str(waarde)


def _invoer(b: Beslissing) -> dict[str, dict[str, Any]]:
    return {str(v.get("id")): v for v in b.gegevens.get("vorderingen", [])}


def _grondslag_vordering(invoer: dict[str, Any]) -> dict[str, Any]:
    """Where the debt comes from (Awb 4:122 lid 1 c): the beschikking or aanslag and its date."""
    return {
        "verzenddatumBeschikking": invoer.get("verzenddatumBeschikking"),
        "dagtekening": invoer.get("dagtekening"),
        "soortAanslag": invoer.get("soortAanslag"),
    }


def _een_regime(rijen: list[dict[str, Any]]) -> str:
    regimes = {r["regime"] for r in rijen}
    if len(regimes) > 1:
        raise Conflict("Eén brief gaat over vorderingen van één regime; maak per regime een brief.")
    return str(regimes.pop())


def _totaal(rijen: list[dict[str, Any]], veld: str) -> str:
    return str(sum((Decimal(str(r.get(veld) or 0)) for r in rijen), Decimal("0.00")))


def aanmaning_uit_verschuldigd(b: Beslissing, regelset: GecompileerdeRegelset) -> dict[str, Any]:
    """An aanmaning for the claims of a verschuldigd-bedrag decision that have one."""
    invoer = _invoer(b)
    rijen = []
    for v in b.uitkomst.get("vorderingen", []):
        aanmaningen = invoer.get(v["id"], {}).get("aanmaningen") or []
        if not aanmaningen or Decimal(v["totaal"]) <= 0:
            continue
        laatste = max(aanmaningen, key=lambda a: a["verzenddatum"])
        rijen.append(
            {
                **v,
                **_grondslag_vordering(invoer[v["id"]]),
                "aanmaningVerzonden": laatste["verzenddatum"],
                "aanmaningDagtekening": laatste.get("dagtekening") or laatste["verzenddatum"],
            }
        )
    if not rijen:
        raise NietGevonden(
            "Geen aanmaning: geen vordering met een openstaand bedrag en een aanmaning in de "
            "gegevens (geef de aanmaning op waarvoor de kosten gelden)."
        )
    regime = _een_regime(rijen)
    dagtekening = dt.date.fromisoformat(max(r["aanmaningDagtekening"] for r in rijen))
    naam, vanaf = AANMANING[regime]
    return {
        "regime": regime,
        "dagtekening": dagtekening.isoformat(),
        "vorderingen": rijen,
        "totaal": _totaal(rijen, "totaal"),
        "aanmaningskosten": _totaal(rijen, "aanmaningskosten"),
        "termijn": _termijn(regelset, naam, dagtekening),
        "termijnVanaf": vanaf,
        "termijnEinde": max((r["aanmaningstermijnEinde"] or "" for r in rijen), default="") or None,
        "kostenBerekend": True,
        "grondslag": aanmaning_grondslag(regime),
        "beslissing": _over(b),
    }


def aanmaning_uit_termijnen(
    b: Beslissing, regelset: GecompileerdeRegelset, bedragen: dict[str, dict[str, Any]] | None
) -> dict[str, Any]:
    """An aanmaning for the claims of a termijnen decision whose next step is one."""
    invoer = _invoer(b)
    rijen = []
    for v in b.uitkomst.get("vorderingen", []):
        if v.get("volgendeStap", {}).get("actie") != "aanmaning":
            continue
        eigen = invoer.get(v["id"], {})
        rij: dict[str, Any] = {
            "id": v["id"],
            "regime": eigen.get("regime", "awb"),
            "hoofdsom": str(eigen.get("openstaandBedrag") or eigen.get("bedrag")),
            "rente": None,
            "aanmaningskosten": "0.00",
            **_grondslag_vordering(eigen),
        }
        if bedragen and v["id"] in bedragen:
            rij.update({k: bedragen[v["id"]][k] for k in ("hoofdsom", "rente", "aanmaningskosten")})
        rij["totaal"] = str(
            sum(Decimal(str(rij[k] or 0)) for k in ("hoofdsom", "rente", "aanmaningskosten"))
        )
        rijen.append(rij)
    if not rijen:
        raise NietGevonden("Geen aanmaning: bij geen vordering is de volgende stap een aanmaning.")
    regime = _een_regime(rijen)
    if regime in BELASTING and bedragen is None:
        raise Conflict(
            "Een aanmaning van een aanslag of toeslag noemt de kosten (Kostenwet art 2): geef "
            "'bedragen' met het id van een beslissing verschuldigd-bedrag."
        )
    naam, vanaf = AANMANING[regime]
    return {
        "regime": regime,
        "dagtekening": b.peildatum.isoformat(),
        "vorderingen": rijen,
        "totaal": _totaal(rijen, "totaal"),
        "aanmaningskosten": _totaal(rijen, "aanmaningskosten"),
        "termijn": _termijn(regelset, naam, b.peildatum),
        "termijnVanaf": vanaf,
        "termijnEinde": None,
        "kostenBerekend": bedragen is not None,
        "grondslag": aanmaning_grondslag(regime),
        "beslissing": _over(b),
    }


def _dwangbevel(b: Beslissing, rijen: list[dict[str, Any]], berekend: bool) -> dict[str, Any]:
    regime = _een_regime(rijen)
    return {
        "regime": regime,
        "dagtekening": b.peildatum.isoformat(),
        "vorderingen": rijen,
        "hoofdsom": _totaal(rijen, "hoofdsom"),
        "totaal": _totaal(rijen, "totaal"),
        "dwangbevelkosten": _totaal(rijen, "dwangbevelkosten"),
        "aanmaningskosten": _totaal(rijen, "aanmaningskosten"),
        "kostenBerekend": berekend and regime != "awb",
        "wettelijkeRente": regime == "awb",
        "grondslag": dwangbevel_grondslag(regime),
        "beslissing": _over(b),
    }


def dwangbevel_uit_verschuldigd(b: Beslissing) -> dict[str, Any]:
    """A dwangbevel for the claims of a verschuldigd-bedrag decision past the aanmaningstermijn."""
    invoer = _invoer(b)
    berekend_op = b.uitkomst.get("berekendOp") or b.peildatum.isoformat()
    rijen = [
        {**v, **_grondslag_vordering(invoer.get(v["id"], {}))}
        for v in b.uitkomst.get("vorderingen", [])
        if Decimal(v["totaal"]) > 0
        and v.get("dwangbevelVanaf")
        and v["dwangbevelVanaf"] <= berekend_op
    ]
    if not rijen:
        raise NietGevonden(
            "Geen dwangbevel: geen vordering met een openstaand bedrag waarvan de "
            "aanmaningstermijn is verstreken (Awb 4:117)."
        )
    return _dwangbevel(b, rijen, berekend=True)


def dwangbevel_uit_termijnen(
    b: Beslissing, bedragen: dict[str, dict[str, Any]] | None
) -> dict[str, Any]:
    """A dwangbevel for the claims of a termijnen decision whose next step is one."""
    invoer = _invoer(b)
    rijen = []
    for v in b.uitkomst.get("vorderingen", []):
        if v.get("volgendeStap", {}).get("actie") != "dwangbevel":
            continue
        eigen = invoer.get(v["id"], {})
        hoofdsom = str(eigen.get("openstaandBedrag") or eigen.get("bedrag"))
        rij: dict[str, Any] = {
            "id": v["id"],
            "regime": eigen.get("regime", "awb"),
            "hoofdsom": hoofdsom,
            "rente": None,
            "renteVanaf": v.get("inVerzuimVanaf"),
            "aanmaningskosten": "0.00",
            "dwangbevelkosten": "0.00",
            "totaal": hoofdsom,
            **_grondslag_vordering(eigen),
        }
        if bedragen and v["id"] in bedragen:
            rij.update(
                {
                    k: bedragen[v["id"]][k]
                    for k in (
                        "hoofdsom",
                        "rente",
                        "renteVanaf",
                        "aanmaningskosten",
                        "dwangbevelkosten",
                        "totaal",
                    )
                }
            )
        rijen.append(rij)
    if not rijen:
        raise NietGevonden(
            "Geen dwangbevel: bij geen vordering is de volgende stap een dwangbevel."
        )
    if _een_regime(rijen) in BELASTING and bedragen is None:
        raise Conflict(
            "Een dwangbevel voor een aanslag of toeslag noemt de kosten (Kostenwet art 3): geef "
            "'bedragen' met het id van een beslissing verschuldigd-bedrag."
        )
    return _dwangbevel(b, rijen, berekend=bedragen is not None)


def mededeling_bvv(b: Beslissing, regelset: GecompileerdeRegelset) -> dict[str, Any]:
    """The mededeling of the beslagvrije voet: amount, calculation, data used, 4-week term."""
    termijn = regelset.waarde_op("bvvMeldingstermijn", b.peildatum)
    if termijn is None:
        raise NietVerwerkbaar(
            "De regelset kent geen meldingstermijn (bvvMeldingstermijn) op de peildatum."
        )
    u = b.uitkomst
    return {
        "dagtekening": b.peildatum.isoformat(),
        "beslagvrijeVoet": u.get("beslagvrijeVoet"),
        "afloscapaciteit": u.get("afloscapaciteit"),
        "maximumBeslagvrijeVoet": u.get("maximumBeslagvrijeVoet"),
        "verdeling": u.get("verdeling") or [],
        "berekening": [
            {"titel": r["titel"], "uitleg": r["uitleg"], "grondslag": r.get("grondslag", [])}
            for r in b.redenen
        ],
        "gegevens": b.gegevens,
        "meldingstermijn": str(termijn),
        "meldingstermijnEinde": (b.peildatum + termijn).isoformat(),
        "grondslag": [
            ref("Wetboek van Burgerlijke Rechtsvordering", "475i", RV),
            ref("Wetboek van Burgerlijke Rechtsvordering", "475da", RV),
            ref("Wetboek van Burgerlijke Rechtsvordering", "475db", RV),
            ref("Wetboek van Burgerlijke Rechtsvordering", "475dc", RV),
            ref("Invorderingswet 1990", "19", IW, "9"),
        ],
        "beslissing": _over(b),
    }


def _over(b: Beslissing) -> dict[str, Any]:
    return {
        "id": b.id,
        "soort": b.soort,
        "zaakreferentie": b.zaakreferentie,
        "peildatum": b.peildatum.isoformat(),
        "behandelaar": b.behandelaar,
        "regelset": f"{b.regelset_naam} {b.regelset_versie}",
    }

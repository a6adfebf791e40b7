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
    aanmaning_grondslag,
    dwangbevel_grondslag,
)
from service.decisions.briefkop import invoer_per_vordering, over_de_beslissing
from service.engine.compiled import GecompileerdeRegelset
from service.errors import Conflict, NietGevonden, NietVerwerkbaar
from service.storage.models import Beslissing


def _termijn(regelset: GecompileerdeRegelset, naam: str, datum: dt.date) -> str:
    waarde = regelset.waarde_op(naam, datum)
    if waarde is None:
        raise NietVerwerkbaar(regelset.parameters[naam].waarom_geen_waarde(datum))
    return f"{waarde} weken" if isinstance(waarde, int) else str(waarde)


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


def _totaal(rijen: list[dict[str, Any]], veld: str, anders: str = "") -> str:
    """The sum of `veld` over the rows (of `anders` where a row lacks `veld`), as text."""
    return str(
        sum((Decimal(str(r.get(veld) or r.get(anders) or 0)) for r in rijen), Decimal("0.00"))
    )


def _berekend_op(b: Beslissing) -> str:
    return str(b.uitkomst.get("berekendOp") or b.peildatum.isoformat())


def _voor_verzuim(b: Beslissing, invoer: dict[str, dict[str, Any]]) -> None:
    """Why no aanmaning counted (Awb 4:112 lid 1, IW 11): the rules passed over one sent or
    dated before the claim's verzuim (its `aanmaningVoorVerzuim` warning); refuse the letter
    "U bent in verzuim" and name that aanmaning."""
    for v in b.uitkomst.get("vorderingen", []):
        codes = {w.get("code") for w in v.get("waarschuwingen") or []}
        if "aanmaningVoorVerzuim" not in codes or not v.get("renteVanaf"):
            continue
        vroegste = min(
            (
                min(a["verzenddatum"], a.get("dagtekening") or a["verzenddatum"])
                for a in invoer.get(v["id"], {}).get("aanmaningen") or []
            ),
            default=None,
        )
        if vroegste is None or vroegste >= v["renteVanaf"]:
            continue
        raise Conflict(
            f"De aanmaning van {vroegste} ligt vóór het verzuim van vordering {v['id']}, "
            f"dat begint op {v['renteVanaf']}: een aanmaning is alleen voor een schuldenaar "
            f"in verzuim (Awb 4:112 lid 1). Stuur een aanmaning op of na {v['renteVanaf']}."
        )


def aanmaning_uit_verschuldigd(b: Beslissing, regelset: GecompileerdeRegelset) -> dict[str, Any]:
    """An aanmaning for the claims of a verschuldigd-bedrag decision, dated the newest
    aanmaning whose costs the amounts hold (`aanmaningDatum` of the outcome: the rules count
    only one after verzuim and up to the calculation day).

    Raises NietGevonden (404) without such a claim, and Conflict (409) for an aanmaning
    before verzuim or amounts computed on another day than the letter's date.
    """
    invoer = invoer_per_vordering(b)
    rijen = [
        {**v, **_grondslag_vordering(invoer.get(v["id"], {})), "aanmaningDagtekening": datum}
        for v in b.uitkomst.get("vorderingen", [])
        if (datum := v.get("aanmaningDatum")) and Decimal(v["totaal"]) > 0
    ]
    if not rijen:
        _voor_verzuim(b, invoer)
        raise NietGevonden(
            "Geen aanmaning: geen vordering met een openstaand bedrag en een aanmaning in de "
            "gegevens (geef de aanmaning op waarvoor de kosten gelden)."
        )
    datum = max(r["aanmaningDagtekening"] for r in rijen)
    rijen = [r for r in rijen if r["aanmaningDagtekening"] == datum]  # earlier ones: sent
    if _berekend_op(b) != datum:
        raise Conflict(
            f"De aanmaning is van {datum}, de bedragen zijn berekend op {_berekend_op(b)}: neem "
            f"verschuldigd-bedrag met berekendOp {datum}, zodat de brief noemt wat op haar "
            "eigen datum verschuldigd is."
        )
    regime = _een_regime(rijen)
    dagtekening = dt.date.fromisoformat(datum)
    naam, vanaf = AANMANING[regime]
    return {
        "regime": regime,
        "dagtekening": datum,
        "vorderingen": rijen,
        "totaal": _totaal(rijen, "totaal"),
        "aanmaningskosten": _totaal(rijen, "aanmaningskosten"),
        "termijn": _termijn(regelset, naam, dagtekening),
        "termijnVanaf": vanaf,
        "termijnEinde": max((r["aanmaningstermijnEinde"] or "" for r in rijen), default="") or None,
        "kostenBerekend": True,
        "grondslag": aanmaning_grondslag(regime),
        "beslissing": over_de_beslissing(b),
    }


def aanmaning_uit_termijnen(
    b: Beslissing, regelset: GecompileerdeRegelset, bedragen: dict[str, dict[str, Any]] | None
) -> dict[str, Any]:
    """An aanmaning for the claims of a termijnen decision whose next step is one."""
    invoer = invoer_per_vordering(b)
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
        "beslissing": over_de_beslissing(b),
    }


def _dwangbevel(
    b: Beslissing, rijen: list[dict[str, Any]], berekend: bool, dagtekening: str
) -> dict[str, Any]:
    regime = _een_regime(rijen)
    return {
        "regime": regime,
        "dagtekening": dagtekening,
        "vorderingen": rijen,
        "hoofdsom": _totaal(rijen, "hoofdsom"),
        "totaal": _totaal(rijen, "totaal"),
        "dwangbevelkosten": _totaal(rijen, "dwangbevelkosten"),
        # What this dwangbevel costs (Kostenwet art 3), also when a payment already met it;
        # a decision stored before 2.0.0 knows only what is still open.
        "dwangbevelkostenBerekend": _totaal(rijen, "dwangbevelkostenBerekend", "dwangbevelkosten"),
        "aanmaningskosten": _totaal(rijen, "aanmaningskosten"),
        "kostenBerekend": berekend and regime != "awb",
        "wettelijkeRente": regime == "awb",
        "grondslag": dwangbevel_grondslag(regime),
        "beslissing": over_de_beslissing(b),
    }


ZONDER_GROND = frozenset({"dwangbevelTeVroeg", "dwangbevelNietsOpen"})
"""Warnings of verschuldigd-bedrag that take the costs (and ground) from a dwangbevel."""


def dwangbevel_uit_verschuldigd(b: Beslissing) -> dict[str, Any]:
    """A dwangbevel, dated the calculation day, for the claims of a verschuldigd-bedrag
    decision past the aanmaningstermijn.

    Raises NietGevonden (404) without such a claim and Conflict (409) for a tax or toeslag
    claim whose dwangbevel the rules counted (`dwangbevelDatum`) is not of that day (the
    letter's Kostenwet art 3 costs would then be another dwangbevel's, or missing), or
    which the rules found too early or for a sum already paid (`ZONDER_GROND`).
    """
    invoer = invoer_per_vordering(b)
    berekend_op = _berekend_op(b)
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
    zonder = [
        r["id"]
        for r in rijen
        if r["regime"] in BELASTING and r.get("dwangbevelDatum") != berekend_op
    ]
    if zonder:
        raise Conflict(
            f"Een dwangbevel voor een aanslag of toeslag noemt zijn kosten (Kostenwet art 3): "
            f"geef bij vordering {', '.join(zonder)} het dwangbevel op met datum {berekend_op}, "
            "zodat de kosten ervan zijn berekend."
        )
    # The rules found this dwangbevel without ground (too early, or for a sum already paid):
    # a letter for it would demand what is not owed.
    zonder_grond = [
        f"{r['id']}: {w['tekst']}"
        for r in rijen
        if r["regime"] in BELASTING
        for w in r.get("waarschuwingen") or []
        if w.get("code") in ZONDER_GROND
    ]
    if zonder_grond:
        raise Conflict("Geen dwangbevel: " + " ".join(zonder_grond))
    return _dwangbevel(b, rijen, berekend=True, dagtekening=berekend_op)


def dwangbevel_uit_termijnen(
    b: Beslissing, bedragen: dict[str, dict[str, Any]] | None
) -> dict[str, Any]:
    """A dwangbevel for the claims of a termijnen decision whose next step is one."""
    invoer = invoer_per_vordering(b)
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
            "aanmaningskosten": None,  # not known without `bedragen`
            "dwangbevelkosten": "0.00",
            "totaal": hoofdsom,
            **_grondslag_vordering(eigen),
        }
        if bedragen and v["id"] in bedragen:
            rij.update(
                {
                    k: bedragen[v["id"]].get(k)
                    for k in (
                        "hoofdsom",
                        "rente",
                        "renteVanaf",
                        "aanmaningskosten",
                        "dwangbevelkosten",
                        "dwangbevelkostenBerekend",
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
    return _dwangbevel(b, rijen, berekend=bedragen is not None, dagtekening=b.peildatum.isoformat())

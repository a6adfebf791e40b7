"""The functions a rule expression may call, with Dutch names.

Each function is generic (date arithmetic, rounding, folds over lists); none holds a
legal number. Terms, thresholds and the feestdagen come in as parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from service.rulefiles.calendar import (
    KALENDER_PARAMETERS,
    AlleWaarden,
    AtwKalender,
    WaardeOp,
)
from service.rulefiles.expressions import ExpressieFout
from service.rulefiles.rente import rentePerBetaling, samengesteldeRente
from service.rulefiles.termijn import Termijn
from service.rulefiles.toerekenen import toerekenen

CENT = Decimal("0.01")

# Warnings raised by a function while one rule applies (e.g. an unconfirmed Atw day); the
# evaluation sets a fresh list per rule application and attaches what it collects.
_meldingen: ContextVar[list[tuple[str, str]] | None] = ContextVar("meldingen", default=None)


def verzamel_meldingen(lijst: list[tuple[str, str]] | None) -> Any:
    """Collect warnings into `lijst` from now on (returns the token to reset)."""
    return _meldingen.set(lijst)


def stop_meldingen(token: Any) -> None:
    _meldingen.reset(token)


def meld(code: str, tekst: str) -> None:
    """Attach a warning {code, tekst} to the element the current rule applies to."""
    lijst = _meldingen.get()
    if lijst is not None and (code, tekst) not in lijst:
        lijst.append((code, tekst))


def _geheel(n: Any) -> int:
    if isinstance(n, Decimal) and n != n.to_integral_value():
        raise ExpressieFout(f"{n} is geen geheel aantal")
    return int(n)


def dagen(n: int) -> Termijn:
    return Termijn(_geheel(n), "dagen")


def weken(n: int) -> Termijn:
    return Termijn(_geheel(n), "weken")


def maanden(n: int) -> Termijn:
    return Termijn(_geheel(n), "maanden")


def jaren(n: int) -> Termijn:
    return Termijn(_geheel(n), "jaren")


def reeks(begin: dt.date, termijn: Termijn, aantal: int) -> list[dt.date]:
    """The dates begin + 1×termijn … begin + aantal×termijn (e.g. monthly instalments).

    Each date is counted from `begin`, so 31 januari + 2 maanden is 31 maart, not 28 maart.
    """
    return [begin + termijn * k for k in range(1, _geheel(aantal) + 1)]


def datum(jaar: int, maand: int, dag: int) -> dt.date:
    return dt.date(_geheel(jaar), _geheel(maand), _geheel(dag))


def jaarVan(waarde: dt.date) -> int:
    return waarde.year


def maandVan(waarde: dt.date) -> int:
    return waarde.month


def afronden(bedrag: Decimal) -> Decimal:
    """Round half-up to cents (only where the law or the spec says so)."""
    return Decimal(bedrag).quantize(CENT, rounding=ROUND_HALF_UP)


def afrondenNaarBeneden(bedrag: Decimal) -> Decimal:
    return Decimal(bedrag).quantize(CENT, rounding=ROUND_DOWN)


def afrondenNaarBoven(bedrag: Decimal) -> Decimal:
    """Up to whole cents: an instalment that must pay off a sum in n terms."""
    return Decimal(bedrag).quantize(CENT, rounding=ROUND_CEILING)


def naarBovenGeheel(getal: Decimal) -> int:
    """The whole number at or above: months needed to pay off a sum."""
    return int(Decimal(getal).to_integral_value(rounding=ROUND_CEILING))


def staffel(
    bedrag: Decimal,
    basis: Decimal,
    stap: Decimal,
    per: Decimal,
    vanaf: Decimal,
    maximum: Decimal,
) -> Decimal:
    """`basis` plus `stap` for every full `per` by which `bedrag` exceeds `vanaf`, at most
    `maximum` (e.g. a cost tariff: € 56 + € 5 per full € 45 above € 45, capped)."""
    if Decimal(per) <= 0:
        raise ExpressieFout("staffel: de stapgrootte moet groter dan nul zijn")
    boven = max(Decimal(bedrag) - Decimal(vanaf), Decimal(0))
    stappen = (boven / Decimal(per)).to_integral_value(rounding=ROUND_DOWN)
    return min(Decimal(basis) + Decimal(stap) * stappen, Decimal(maximum))


def _bekende(waarden: Iterable[Any]) -> list[Any]:
    return [w for w in waarden if w is not None]


def laatste(waarden: Iterable[Any]) -> Any:
    """The latest/greatest known value, or leeg for an empty list."""
    bekend = _bekende(waarden)
    return max(bekend) if bekend else None


def eerste(waarden: Iterable[Any]) -> Any:
    bekend = _bekende(waarden)
    return min(bekend) if bekend else None


def som(waarden: Iterable[Any]) -> Any:
    return sum(_bekende(waarden), Decimal(0))


def aantal(waarden: Iterable[Any]) -> int:
    return len(_bekende(waarden))


def bekend(waarde: Any) -> bool:
    return waarde is not None


def onbekend(waarde: Any) -> bool:
    return waarde is None


def ofAnders(waarde: Any, alternatief: Any) -> Any:
    """`waarde`, or `alternatief` when waarde is leeg."""
    return alternatief if waarde is None else waarde


def dagenInPerioden(
    perioden: Iterable[Mapping[str, Any]], begin: dt.date, einde: dt.date, peildatum: dt.date
) -> int:
    """Days (both ends inclusive) of the periods {van, tot?} that fall within [begin, einde].

    A period without `tot` is still running and counts up to the peildatum.
    """
    totaal = 0
    for periode in perioden:
        van = max(periode["van"], begin)
        tot = min(periode.get("tot") or peildatum, einde)
        if tot >= van:
            totaal += (tot - van).days + 1
    return totaal


def lopendOp(perioden: Iterable[Mapping[str, Any]], datum: dt.date) -> bool:
    """Whether one of the periods {van, tot?} covers the date (no `tot`: still running)."""
    return any(p["van"] <= datum and (p.get("tot") is None or datum <= p["tot"]) for p in perioden)


def doorStuiting(
    begin: dt.date,
    einde: dt.date,
    stuitdatums: Iterable[dt.date | None],
    termijn: Termijn,
) -> dt.date | None:
    """The date of the last stuiting that fell within the running term, or leeg.

    The term runs from `begin` to `einde`. Each stuiting within it starts a new term from
    that date; a stuiting after the end revives nothing, one before the start stops
    nothing that was running.
    """
    laatste_stuiting = None
    for datum in sorted(_bekende(stuitdatums)):
        if begin <= datum <= einde:
            laatste_stuiting = datum
            einde = datum + termijn
    return laatste_stuiting


def verdeelNaarRang(
    bedrag: Decimal, vorderingen: Iterable[Mapping[str, Any]], rangorde: list[str]
) -> list[dict[str, Any]]:
    """Divide a monthly amount over claims: rank by rank, pro rata to the open amount within a rank.

    A higher rank takes what it can (at most its open amount) before a lower rank gets
    anything. Within a rank, shares are rounded down to cents and the cents left over go
    to the largest claim (the first one on a tie), so the shares add up exactly to what the
    rank receives.
    """
    lijst = list(vorderingen)
    uit = {id(v): Decimal("0.00") for v in lijst}
    over = Decimal(bedrag).quantize(CENT, rounding=ROUND_DOWN)
    for rang in rangorde:
        groep = [v for v in lijst if v["rang"] == rang and v["openstaandBedrag"] > 0]
        totaal = sum((Decimal(v["openstaandBedrag"]) for v in groep), Decimal(0))
        if not groep or over <= 0:
            continue
        deel = min(over, totaal)
        for v in groep:
            uit[id(v)] = (deel * v["openstaandBedrag"] / totaal).quantize(CENT, rounding=ROUND_DOWN)
        grootste = max(groep, key=lambda v: v["openstaandBedrag"])  # first one on a tie
        uit[id(grootste)] += deel - sum(uit[id(v)] for v in groep)
        over -= deel
    return [{"vordering": v["id"], "bedrag": uit[id(v)]} for v in lijst]


ALGEMEEN: dict[str, Callable[..., Any]] = {
    "dagen": dagen,
    "weken": weken,
    "maanden": maanden,
    "jaren": jaren,
    "reeks": reeks,
    "datum": datum,
    "jaarVan": jaarVan,
    "maandVan": maandVan,
    "afronden": afronden,
    "afrondenNaarBeneden": afrondenNaarBeneden,
    "afrondenNaarBoven": afrondenNaarBoven,
    "naarBovenGeheel": naarBovenGeheel,
    "laatste": laatste,
    "eerste": eerste,
    "som": som,
    "aantal": aantal,
    "bekend": bekend,
    "onbekend": onbekend,
    "ofAnders": ofAnders,
    "dagenInPerioden": dagenInPerioden,
    "lopendOp": lopendOp,
    "doorStuiting": doorStuiting,
    "verdeelNaarRang": verdeelNaarRang,
    "staffel": staffel,
    "samengesteldeRente": samengesteldeRente,
    "rentePerBetaling": rentePerBetaling,
    "toerekenen": toerekenen,
    "min": min,
    "max": max,
}

# Functions that read the whole dated history of parameters of the rule set (bound once).
MET_PARAMETERS: dict[str, tuple[str, ...]] = {"atw": KALENDER_PARAMETERS}
ALLE_FUNCTIES = frozenset(ALGEMEEN) | frozenset(MET_PARAMETERS)
# Functions that may attach a warning (`meld`): a rule calling one can warn, so the
# compiler checks that the rule set's outcome shows its warnings.
MELDENDE_FUNCTIES = frozenset({"atw"})


def functies_met_parameters(
    waarde_op: WaardeOp, alle: AlleWaarden
) -> dict[str, Callable[..., Any]]:
    """The parameter-bound functions of one rule set, over its parameters' dated histories."""
    kalender = AtwKalender.uit(waarde_op, alle)

    def atw(einde: dt.date, begin: dt.date) -> dt.date:
        """Algemene termijnenwet art 1 and 2 on a term from the day after `begin` to `einde`."""
        uitkomst = kalender.verleng(einde, begin)
        for tekst in kalender.onzekerheden(einde, begin, uitkomst):
            meld("atwKalenderOnbevestigd", tekst)
        return uitkomst

    return {"atw": atw}

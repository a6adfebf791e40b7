"""Interest periods: a period cut at every rate change, with a day count per part.

Generic: the rates (a parameter with datering verloop) and the day-count numbers come in as
arguments from the rule files.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from service.rulefiles.expressions import ExpressieFout

CENT = Decimal("0.01")
EEN_DAG = dt.timedelta(days=1)


def _cent(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


def _maandeinde(dag: dt.date) -> dt.date:
    return dag.replace(day=calendar.monthrange(dag.year, dag.month)[1])


def dagen_met_maandtelling(
    begin: dt.date,
    einde: dt.date,
    vervaldag: dt.date | None,
    volle_maand: int,
    februari: int,
) -> int:
    """Days of [begin, einde]: a whole calendar month counts `volle_maand` days; the month
    in which `vervaldag` falls counts its actual days, February at most `februari`; the days
    of any other part of a month count as they are."""
    totaal = 0
    dag = begin
    while dag <= einde:
        maandeinde = _maandeinde(dag)
        tot = min(einde, maandeinde)
        if vervaldag is not None and (dag.year, dag.month) == (vervaldag.year, vervaldag.month):
            lengte = februari if dag.month == 2 else maandeinde.day
            totaal += max(0, min(tot.day, lengte) - dag.day + 1)
        elif dag.day == 1 and tot == maandeinde:
            totaal += volle_maand
        else:
            totaal += (tot - dag).days + 1
        dag = maandeinde + EEN_DAG
    return totaal


@dataclass(frozen=True)
class Tijdvak:
    """Part of an interest period with one rate."""

    van: dt.date
    tot: dt.date
    dagen: int
    percentage: Decimal
    onbevestigd: bool


def tijdvakken(
    begin: dt.date,
    einde: dt.date,
    tarieven: Sequence[Mapping[str, Any]],
    telling: Any = None,
) -> list[Tijdvak]:
    """[begin, einde] cut at every rate change; days per part by `telling(begin, dag)`
    (days from begin up to and including dag), actual days when no telling is given.

    Raises ExpressieFout when a day of the period has no rate (a gap in the rate table).
    """
    if einde < begin:
        return []
    tel = telling or (lambda b, e: (e - b).days + 1)
    uit: list[Tijdvak] = []
    dag = begin
    while dag <= einde:
        tarief = next(
            (t for t in tarieven if t["vanaf"] <= dag and (t["tot"] is None or dag <= t["tot"])),
            None,
        )
        if tarief is None:
            raise ExpressieFout(f"de rentetabel heeft geen percentage voor {dag.isoformat()}")
        tot = einde if tarief["tot"] is None else min(einde, tarief["tot"])
        dagen = tel(begin, tot) - (tel(begin, dag - EEN_DAG) if dag > begin else 0)
        uit.append(Tijdvak(dag, tot, dagen, Decimal(tarief["waarde"]), bool(tarief["onbevestigd"])))
        dag = tot + EEN_DAG
    return uit


def periode(t: Tijdvak, grondslag: Decimal | None, rente: Decimal | None) -> dict[str, Any]:
    return {
        "van": t.van,
        "tot": t.tot,
        "dagen": t.dagen,
        "percentage": t.percentage,
        "grondslag": None if grondslag is None else _cent(grondslag),
        "rente": None if rente is None else _cent(rente),
        "onbevestigd": t.onbevestigd,
    }

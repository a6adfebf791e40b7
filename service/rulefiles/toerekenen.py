"""Where a payment goes: over several claims, each with costs, interest and principal.

Generic: the order of the parts (e.g. kosten, rente, hoofdsom), which parts are shared pro
rata over the claims and whether the parts are served claim by claim or part by part over
all claims come in as arguments from the rule files; which claim goes first follows from
each claim's `rang` (lower first) and `ontstaan` (older first), which the rules derive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_DOWN, Decimal
from typing import Any

from service.rulefiles.expressions import ExpressieFout

CENT = Decimal("0.01")
ONDERDELEN = ("kosten", "rente", "hoofdsom")


def _evenredig(bedrag: Decimal, open: list[Decimal]) -> list[Decimal]:
    """`bedrag` (euro, at most the sum of `open`) pro rata to the open amounts, in cents by
    largest remainder: each share rounded down, then the cents left over one each to the
    largest remainders (on a tie the larger open amount, then the earlier one). The shares
    add up to `bedrag` and none exceeds its open amount."""
    totaal = sum(open, Decimal(0))
    if totaal <= 0:
        return [Decimal("0.00") for _ in open]
    exact = [bedrag * o / totaal for o in open]
    delen = [e.quantize(CENT, rounding=ROUND_DOWN) for e in exact]
    over = int((bedrag - sum(delen, Decimal(0))) / CENT)
    volgorde = sorted(range(len(open)), key=lambda i: (-(exact[i] - delen[i]), -open[i], i))
    for i in volgorde[:over]:
        delen[i] += CENT
    return delen


def _volgorde(vorderingen: list[Mapping[str, Any]]) -> list[int]:
    """Claim indexes by rang (lower first), then ontstaan (older first), then input order."""

    def sleutel(i: int) -> tuple[int, dt.date, int]:
        v = vorderingen[i]
        return (int(v.get("rang") or 0), v.get("ontstaan") or dt.date.min, i)

    return sorted(range(len(vorderingen)), key=sleutel)


def toerekenen(
    bedrag: Decimal,
    vorderingen: Iterable[Mapping[str, Any]],
    volgorde: Sequence[str],
    evenredig: Sequence[str],
    perOnderdeel: bool,
) -> list[dict[str, Any]]:
    """Allocate a payment; one record {vordering, kosten, rente, hoofdsom} per claim, in
    the claims' input order (zero where nothing went).

    Claim by claim (`perOnderdeel` false): the first claim's parts in `volgorde`, then the
    next claim. Part by part (true): each part of `volgorde` over all claims before the
    next part; a part named in `evenredig` is shared pro rata to the open amounts, others
    go claim by claim. Each claim carries id, kosten, rente, hoofdsom, rang and ontstaan.
    """
    lijst = list(vorderingen)
    for onderdeel in volgorde:
        if onderdeel not in ONDERDELEN:
            raise ExpressieFout(
                f"onbekend onderdeel '{onderdeel}': kies uit {', '.join(ONDERDELEN)}"
            )
    open_ = [{o: Decimal(v.get(o) or 0) for o in ONDERDELEN} for v in lijst]
    uit = [{o: Decimal("0.00") for o in ONDERDELEN} for _ in lijst]
    rest = Decimal(bedrag)
    rij = _volgorde(lijst)

    def neem(i: int, onderdeel: str, max_bedrag: Decimal) -> Decimal:
        stuk = min(max_bedrag, open_[i][onderdeel])
        open_[i][onderdeel] -= stuk
        uit[i][onderdeel] += stuk
        return stuk

    if perOnderdeel:
        for onderdeel in volgorde:
            if onderdeel in evenredig:
                beschikbaar = min(rest, sum((o[onderdeel] for o in open_), Decimal(0)))
                for i, deel in zip(
                    rij, _evenredig(beschikbaar, [open_[i][onderdeel] for i in rij]), strict=True
                ):
                    rest -= neem(i, onderdeel, deel)
            else:
                for i in rij:
                    rest -= neem(i, onderdeel, rest)
    else:
        for i in rij:
            for onderdeel in volgorde:
                rest -= neem(i, onderdeel, rest)
    return [
        {"vordering": str(v.get("id")), **{o: uit[i][o].quantize(CENT) for o in ONDERDELEN}}
        for i, v in enumerate(lijst)
    ]

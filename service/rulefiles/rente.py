"""Interest over dated rate periods, and the course of one debt with its payments.

Generic arithmetic only: every rate, threshold, day-count convention, capitalisation term,
rounding unit and order of allocation comes in as an argument from the rule files. Two
ways of charging interest:

- `samengesteldeRente`: compound interest on a principal, actual days over a year of
  `dagenPerJaar` days, the interest added to the principal at the end of every
  `kapitalisatie` term after the start; none at all when the total stays under a minimum.
- `rentePerBetaling`: simple interest computed per payment, with a day count in which a
  whole month has a fixed number of days and the month of the due date counts its actual
  days (February capped), payments and interest rounded down to a unit, and no interest
  on the last payment when it is at or below an exemption.

Both allocate each payment in the order given (e.g. kosten, rente, hoofdsom) and return
one record with what is still open, what each payment paid, and the periods used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_DOWN, Decimal
from typing import Any

from service.rulefiles.renteperioden import (
    CENT,
    EEN_DAG,
    _cent,
    dagen_met_maandtelling,
    periode,
    tijdvakken,
)
from service.rulefiles.schuldverloop import NUL, Post, Verloop, betalingen_op_datum, posten
from service.rulefiles.termijn import Termijn

HONDERD = Decimal(100)


def _omlaag(bedrag: Decimal, eenheid: Decimal) -> Decimal:
    """Down to a whole multiple of `eenheid` (e.g. whole euros)."""
    return ((bedrag / eenheid).to_integral_value(rounding=ROUND_DOWN) * eenheid).quantize(CENT)


def _samengesteld(
    hoofdsom: Decimal,
    vanaf: dt.date,
    tot: dt.date,
    tarieven: Sequence[Mapping[str, Any]],
    dagen_per_jaar: int,
    kapitalisatie: Termijn,
    betalingen: list[tuple[dt.date, Decimal]],
    posten: list[Post | None],
    volgorde: Sequence[str],
    met_rente: bool,
) -> Verloop:
    v = Verloop(Decimal(hoofdsom), posten, volgorde)
    jaar = 1
    verjaardag = vanaf + kapitalisatie * jaar
    dag = vanaf  # interest has accrued for the days before `dag`

    def loop_tot(einde: dt.date) -> None:  # accrue for [dag, einde - 1]
        nonlocal dag, jaar, verjaardag
        while met_rente and dag < einde:
            stuk_einde = min(einde, verjaardag) - EEN_DAG
            for t in tijdvakken(dag, stuk_einde, tarieven):
                grondslag = v.hoofdsom + v.rente_verschenen
                rente = grondslag * t.percentage / HONDERD * t.dagen / dagen_per_jaar
                v.rente_lopend += rente
                v.rente_totaal += rente
                v.perioden.append(periode(t, grondslag, rente))
            dag = stuk_einde + EEN_DAG
            if dag == verjaardag:  # the year's interest is added to the principal
                gekapitaliseerd = _cent(v.rente_lopend)
                v.rente_totaal += gekapitaliseerd - v.rente_lopend  # the total as added
                v.rente_verschenen += gekapitaliseerd
                v.rente_lopend = Decimal(0)
                jaar += 1
                verjaardag = vanaf + kapitalisatie * jaar
        dag = max(dag, einde)

    for datum, bedrag in betalingen:
        if datum > tot:
            continue
        loop_tot(datum)
        v.betaal(datum, bedrag)
    loop_tot(tot)
    return v


def samengesteldeRente(
    hoofdsom: Decimal,
    vanaf: dt.date,
    tot: dt.date,
    tarieven: Sequence[Mapping[str, Any]],
    dagenPerJaar: int,
    kapitalisatie: Termijn,
    minimum: Decimal,
    betalingen: Iterable[Mapping[str, Any]],
    kosten: Sequence[Any],
    kostendata: Sequence[Any],
    volgorde: Sequence[str],
) -> dict[str, Any]:
    """Compound interest from `vanaf` up to the day before `tot`, with payments.

    The rate of each day is the one in force that day (`tarieven`: a parameter with
    datering verloop, percentages); interest is actual days / `dagenPerJaar` on the open
    principal plus capitalised interest; at every `kapitalisatie` after `vanaf` the
    interest of that term (rounded to cents) is added to the principal. A payment on day
    d pays, in `volgorde`, the costs due by d (`kosten` with their `kostendata`), the
    interest accrued up to d − 1, and the principal. When the total interest up to the
    (last) payment or `tot` stays below `minimum`, no interest is due at all and the
    payments are allocated as if there were none. Amounts in euro (Decimal).
    """
    kostenposten = posten(kosten, kostendata)
    betaald = betalingen_op_datum(betalingen)
    args = (Decimal(hoofdsom), vanaf, tot, tarieven, int(dagenPerJaar), kapitalisatie)
    verloop = _samengesteld(*args, betaald, kostenposten, volgorde, met_rente=True)
    berekend = verloop.rente_totaal
    if _cent(berekend) < Decimal(minimum):
        zonder = _samengesteld(
            *args, betaald, posten(kosten, kostendata), volgorde, met_rente=False
        )
        return zonder.uitkomst(berekend, berekend > 0, verloop.perioden)
    return verloop.uitkomst(berekend, False, verloop.perioden)


def rentePerBetaling(
    hoofdsom: Decimal,
    vanaf: dt.date,
    vervaldag: dt.date,
    tot: dt.date,
    tarieven: Sequence[Mapping[str, Any]],
    dagtelling: Mapping[str, Any],
    vrijstelling: Decimal,
    afronding: Decimal,
    betalingen: Iterable[Mapping[str, Any]],
    kosten: Sequence[Any],
    kostendata: Sequence[Any],
    volgorde: Sequence[str],
) -> dict[str, Any]:
    """Simple interest from `vanaf` up to the day before each payment, per payment.

    Days per `dagtelling` {volleMaand, februari, jaar}: a whole month counts volleMaand
    days, the month of `vervaldag` its actual days (February at most `februari`), a year
    `jaar` days; with the percentages P of `tarieven` per part: S = Σ dagen × P. A payment
    that pays the open principal off bears interest floor(H) × S / (100 × jaar); a smaller
    payment X is split: interest X' × S / (100 × jaar + S) with X' the payment rounded down
    to `afronding` (e.g. whole euros), the rest principal. Interest is rounded down to
    `afronding`; on the payment that pays the principal off (and for the amount still open
    on `tot`, as if paid then) interest at or below `vrijstelling` is not charged. Costs
    due by the payment day and the order come in as for samengesteldeRente.
    """
    telling = dict(dagtelling)
    jaar = Decimal(int(telling["jaar"]))
    eenheid = Decimal(afronding)

    def tel(begin: dt.date, einde: dt.date) -> int:
        return dagen_met_maandtelling(
            begin, einde, vervaldag, int(telling["volleMaand"]), int(telling["februari"])
        )

    v = Verloop(Decimal(hoofdsom), posten(kosten, kostendata), volgorde)
    berekend = Decimal(0)
    vrijgesteld = False

    def som(datum: dt.date) -> Decimal:  # S for interest up to the day before `datum`
        delen = tijdvakken(vanaf, datum - EEN_DAG, tarieven, tel)
        return sum((t.percentage * t.dagen for t in delen), Decimal(0))

    kosten_eerst = "kosten" in volgorde and (
        "rente" not in volgorde or volgorde.index("kosten") < volgorde.index("rente")
    )
    einde = tot  # interest runs up to the day before this date

    def over(bedrag: Decimal, s: Decimal, noemer: Decimal) -> Decimal:
        return _omlaag(_omlaag(bedrag, eenheid) * s / noemer, eenheid)

    for datum, bedrag in betalingen_op_datum(betalingen):
        if datum > tot:
            continue
        s = som(datum)
        rente_vol = over(v.hoofdsom, s, HONDERD * jaar)
        vrij = rente_vol <= Decimal(vrijstelling)
        beschikbaar = bedrag - sum(
            (p.open for p in v.kosten if p and p.datum <= datum and kosten_eerst), NUL
        )
        if v.hoofdsom > 0 and beschikbaar >= v.hoofdsom + (NUL if vrij else rente_vol):
            rente = NUL if vrij else rente_vol  # the last payment
            berekend += rente_vol
            vrijgesteld = vrijgesteld or (vrij and rente_vol > 0)
            einde = datum
        elif v.hoofdsom > 0:
            rente = over(max(beschikbaar, NUL), s, HONDERD * jaar + s)
            berekend += rente
        else:
            rente = NUL
        v.rente_verschenen += rente
        v.rente_totaal += rente
        v.betaal(datum, bedrag)
    if v.hoofdsom > 0:
        rente_vol = over(v.hoofdsom, som(tot), HONDERD * jaar)
        berekend += rente_vol
        if rente_vol <= Decimal(vrijstelling):
            vrijgesteld = vrijgesteld or rente_vol > 0
        else:
            v.rente_verschenen += rente_vol
            v.rente_totaal += rente_vol
    perioden = [periode(t, None, None) for t in tijdvakken(vanaf, einde - EEN_DAG, tarieven, tel)]
    return v.uitkomst(berekend, vrijgesteld, perioden)

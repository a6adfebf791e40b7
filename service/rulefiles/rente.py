"""Interest over dated rate periods, and the course of one debt with its payments.

Generic arithmetic only: every rate, threshold, day-count convention, capitalisation term,
rounding unit and order of allocation comes in as an argument from the rule files. Two
ways of charging interest:

- `samengesteldeRente`: compound interest on a principal, actual days over a year of
  `dagenPerJaar` days, the interest added to the principal at the end of every
  `kapitalisatie` term after the start; none at all when the interest at the payment
  that settles the debt (or at the end) stays under a minimum.
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
    aanrekenen: bool,
) -> tuple[Verloop, Decimal]:
    """The course of the debt and the interest computed over it.

    With `aanrekenen` the interest is charged: payments pay it (in `volgorde`) and what is
    capitalised bears interest until it is paid. Without, the interest is only computed:
    payments go to costs and principal, and the interest stops when the principal is paid
    off (the payment that settles the claim; capitalised interest then is not due either).
    """
    v = Verloop(Decimal(hoofdsom), posten, volgorde)
    jaar = 1
    verjaardag = vanaf + kapitalisatie * jaar
    dag = vanaf  # interest has accrued for the days before `dag`
    berekend = Decimal(0)  # all interest computed (charged or not), capitalised at cents
    lopend = Decimal(0)  # not charged: accrued since the last capitalisation (exact)
    bijgeteld = NUL  # not charged: capitalised interest, part of the sum it runs on

    def loop_tot(einde: dt.date) -> None:  # accrue for [dag, einde - 1]
        nonlocal dag, jaar, verjaardag, berekend, lopend, bijgeteld
        while dag < einde:
            stuk_einde = min(einde, verjaardag) - EEN_DAG
            for t in tijdvakken(dag, stuk_einde, tarieven):
                grondslag = v.hoofdsom + v.rente_verschenen + bijgeteld
                if grondslag <= 0 or (not aanrekenen and v.hoofdsom <= 0):
                    continue  # nothing open (any more) to bear interest
                rente = grondslag * t.percentage / HONDERD * t.dagen / dagen_per_jaar
                berekend += rente
                if aanrekenen:
                    v.rente_lopend += rente
                    v.rente_totaal += rente
                else:
                    lopend += rente
                v.perioden.append(periode(t, grondslag, rente))
            dag = stuk_einde + EEN_DAG
            if dag == verjaardag:  # the year's interest is added to the principal
                if aanrekenen:
                    gekapitaliseerd = _cent(v.rente_lopend)
                    v.rente_totaal += gekapitaliseerd - v.rente_lopend  # the total as added
                    berekend += gekapitaliseerd - v.rente_lopend
                    v.rente_verschenen += gekapitaliseerd
                    v.rente_lopend = Decimal(0)
                else:
                    berekend += _cent(lopend) - lopend
                    bijgeteld += _cent(lopend)
                    lopend = Decimal(0)
                jaar += 1
                verjaardag = vanaf + kapitalisatie * jaar
        dag = max(dag, einde)

    for datum, bedrag in betalingen:
        if datum > tot:
            continue
        loop_tot(datum)
        v.betaal(datum, bedrag)
    loop_tot(tot)
    return v, berekend


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
    interest accrued up to d − 1, and the principal. Amounts in euro (Decimal).

    The minimum is tested on the interest at the only or last payment (Awb 4:98 lid 2):
    the interest computed with the payments going to costs and principal only, up to the
    payment that settles the claim, or up to `tot` when none does. Below `minimum` no
    interest is due at all, the payments stay allocated so and `renteBerekend` is that
    amount; otherwise the interest is charged from the start (`renteBerekend` then counts
    the interest on what the payments left open because they paid interest first).
    """
    betaald = betalingen_op_datum(betalingen)
    args = (Decimal(hoofdsom), vanaf, tot, tarieven, int(dagenPerJaar), kapitalisatie)
    zonder, bij_laatste_betaling = _samengesteld(
        *args, betaald, posten(kosten, kostendata), volgorde, aanrekenen=False
    )
    if _cent(bij_laatste_betaling) < Decimal(minimum):
        return zonder.uitkomst(bij_laatste_betaling, bij_laatste_betaling > 0, zonder.perioden)
    verloop, berekend = _samengesteld(
        *args, betaald, posten(kosten, kostendata), volgorde, aanrekenen=True
    )
    return verloop.uitkomst(berekend, False, verloop.perioden)


class _Enkelvoudig:
    """The arithmetic of simple interest per payment: the sum S of days × percentage up to a
    day, the day count of `dagtelling` and the rounding down to `eenheid`."""

    def __init__(
        self,
        vanaf: dt.date,
        vervaldag: dt.date,
        tarieven: Sequence[Mapping[str, Any]],
        dagtelling: Mapping[str, Any],
        eenheid: Decimal,
    ) -> None:
        self.vanaf, self.vervaldag, self.tarieven = vanaf, vervaldag, tarieven
        self.volle_maand = int(dagtelling["volleMaand"])
        self.februari = int(dagtelling["februari"])
        self.noemer = HONDERD * Decimal(int(dagtelling["jaar"]))  # 100 × days per year
        self.eenheid = eenheid

    def tel(self, begin: dt.date, einde: dt.date) -> int:
        return dagen_met_maandtelling(begin, einde, self.vervaldag, self.volle_maand, self.februari)

    def som(self, datum: dt.date) -> Decimal:
        """S for interest up to the day before `datum`."""
        delen = tijdvakken(self.vanaf, datum - EEN_DAG, self.tarieven, self.tel)
        return sum((t.percentage * t.dagen for t in delen), Decimal(0))

    def over(self, bedrag: Decimal, s: Decimal, noemer: Decimal) -> Decimal:
        return _omlaag(_omlaag(bedrag, self.eenheid) * s / noemer, self.eenheid)

    def vol(self, hoofdsom: Decimal, s: Decimal) -> Decimal:
        """The interest on the whole open principal (a payment that pays it off)."""
        return self.over(hoofdsom, s, self.noemer)

    def deel(self, beschikbaar: Decimal, s: Decimal) -> Decimal:
        """The interest part of a smaller payment: X' × S / (100 × jaar + S)."""
        return self.over(max(beschikbaar, NUL), s, self.noemer + s)

    def perioden(self, einde: dt.date) -> list[dict[str, Any]]:
        """The rate periods used, up to the day before `einde`."""
        delen = tijdvakken(self.vanaf, einde - EEN_DAG, self.tarieven, self.tel)
        return [periode(t, None, None) for t in delen]


def _kosten_eerst(volgorde: Sequence[str]) -> bool:
    """Whether a payment pays the costs due before the interest."""
    return "kosten" in volgorde and (
        "rente" not in volgorde or volgorde.index("kosten") < volgorde.index("rente")
    )


class _PerBetaling:
    """The course of a debt under simple interest, one payment at a time."""

    def __init__(
        self, reken: _Enkelvoudig, verloop: Verloop, vrijstelling: Decimal, einde: dt.date
    ) -> None:
        self.reken, self.v, self.vrijstelling = reken, verloop, vrijstelling
        self.kosten_eerst = _kosten_eerst(verloop.volgorde)
        self.einde = einde  # interest runs up to the day before this date
        self.berekend = Decimal(0)
        self.vrijgesteld = False

    def betaling(self, datum: dt.date, bedrag: Decimal) -> None:
        """Split one payment into interest and the rest, and allocate it."""
        v = self.v
        s = self.reken.som(datum)
        rente_vol = self.reken.vol(v.hoofdsom, s)
        vrij = rente_vol <= self.vrijstelling
        beschikbaar = bedrag - sum(
            (p.open for p in v.kosten if p and p.datum <= datum and self.kosten_eerst), NUL
        )
        if v.hoofdsom > 0 and beschikbaar >= v.hoofdsom + (NUL if vrij else rente_vol):
            rente = NUL if vrij else rente_vol  # the last payment
            self.berekend += rente_vol
            self.vrijgesteld = self.vrijgesteld or (vrij and rente_vol > 0)
            self.einde = datum
        elif v.hoofdsom > 0:
            rente = self.reken.deel(beschikbaar, s)
            self.berekend += rente
        else:
            rente = NUL
        v.rente_verschenen += rente
        v.rente_totaal += rente
        v.betaal(datum, bedrag)

    def open_op(self, tot: dt.date) -> None:
        """The interest on what is still open, as if paid on `tot` (exempt at or below it)."""
        v = self.v
        if v.hoofdsom <= 0:
            return
        rente_vol = self.reken.vol(v.hoofdsom, self.reken.som(tot))
        self.berekend += rente_vol
        if rente_vol <= self.vrijstelling:
            self.vrijgesteld = self.vrijgesteld or rente_vol > 0
        else:
            v.rente_verschenen += rente_vol
            v.rente_totaal += rente_vol


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
    reken = _Enkelvoudig(vanaf, vervaldag, tarieven, dict(dagtelling), Decimal(afronding))
    verloop = Verloop(Decimal(hoofdsom), posten(kosten, kostendata), volgorde)
    loop = _PerBetaling(reken, verloop, Decimal(vrijstelling), einde=tot)
    for datum, bedrag in betalingen_op_datum(betalingen):
        if datum <= tot:
            loop.betaling(datum, bedrag)
    loop.open_op(tot)
    return verloop.uitkomst(loop.berekend, loop.vrijgesteld, reken.perioden(loop.einde))

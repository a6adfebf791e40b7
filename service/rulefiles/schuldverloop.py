"""The course of one debt: open principal, interest and costs, and its payments allocated.

Generic: the order of allocation (e.g. kosten, rente, hoofdsom) comes in from the rule files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from service.rulefiles.expressions import ExpressieFout

CENT = Decimal("0.01")
NUL = Decimal("0.00")


def _cent(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Post:
    datum: dt.date
    open: Decimal


@dataclass
class Verloop:
    """The state of one debt while its payments are allocated."""

    hoofdsom: Decimal
    kosten: list[Post | None]
    volgorde: Sequence[str]
    rente_verschenen: Decimal = NUL  # capitalised or charged, not yet paid
    rente_lopend: Decimal = Decimal(0)  # accrued since the last capitalisation (exact)
    rente_totaal: Decimal = Decimal(0)
    betaald: Decimal = NUL
    onverdeeld: Decimal = NUL
    toerekening: list[dict[str, Any]] = field(default_factory=list)
    perioden: list[dict[str, Any]] = field(default_factory=list)

    def rente_open(self) -> Decimal:
        return _cent(self.rente_verschenen + self.rente_lopend)

    def betaal(self, datum: dt.date, bedrag: Decimal) -> None:
        """Allocate one payment in the order of `volgorde` (kosten, rente, hoofdsom)."""
        rest = Decimal(bedrag)
        deel = {"kosten": NUL, "rente": NUL, "hoofdsom": NUL}
        for onderdeel in self.volgorde:
            if onderdeel == "kosten":
                for post in sorted((p for p in self.kosten if p), key=lambda p: p.datum):
                    if post.datum <= datum:
                        stuk = min(rest, post.open)
                        post.open -= stuk
                        rest -= stuk
                        deel["kosten"] += stuk
            elif onderdeel == "rente":
                stuk = min(rest, self.rente_open())
                rest -= stuk
                deel["rente"] += stuk
                van_verschenen = min(stuk, self.rente_verschenen)
                self.rente_verschenen -= van_verschenen
                self.rente_lopend = max(Decimal(0), self.rente_lopend - (stuk - van_verschenen))
            elif onderdeel == "hoofdsom":
                stuk = min(rest, self.hoofdsom)
                self.hoofdsom -= stuk
                rest -= stuk
                deel["hoofdsom"] += stuk
            else:
                raise ExpressieFout(f"onbekend onderdeel '{onderdeel}' in de toerekeningsvolgorde")
        self.betaald += Decimal(bedrag)
        self.onverdeeld += rest
        self.toerekening.append({"datum": datum, "bedrag": Decimal(bedrag), **deel})

    def uitkomst(
        self, berekend: Decimal, vrijgesteld: bool, perioden: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """The record a rule gets: open amounts, what each payment paid, the periods used."""
        return {
            "hoofdsom": self.hoofdsom.quantize(CENT),
            "rente": self.rente_open(),
            "kosten": [NUL if p is None else p.open.quantize(CENT) for p in self.kosten],
            "renteTotaal": _cent(self.rente_totaal),
            "renteBerekend": _cent(berekend),
            "renteVrijgesteld": vrijgesteld,
            "betaald": self.betaald.quantize(CENT),
            "onverdeeld": self.onverdeeld.quantize(CENT),
            "toerekening": self.toerekening,
            "perioden": perioden,
            "onbevestigd": any(p["onbevestigd"] for p in perioden),
        }


def posten(kosten: Sequence[Any], kostendata: Sequence[Any]) -> list[Post | None]:
    if len(kosten) != len(kostendata):
        raise ExpressieFout("kosten en kostendata moeten even lang zijn")
    return [
        Post(d, Decimal(k)) if d is not None and k is not None else None
        for k, d in zip(kosten, kostendata, strict=True)
    ]


def betalingen_op_datum(betalingen: Iterable[Mapping[str, Any]]) -> list[tuple[dt.date, Decimal]]:
    return sorted(((b["datum"], Decimal(b["bedrag"])) for b in betalingen), key=lambda b: b[0])

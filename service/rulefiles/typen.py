"""The types of the expression language, for `rules check`: which values go together.

A policy author who writes `dagtekening + 14` (a date plus a bare number) or compares a
date with an amount gets a problem at that line, with what to write instead, before the
rule ever runs. The types are few and named as the rule files name them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

GETALLEN = frozenset({"geheelGetal", "getal", "bedrag"})


@dataclass(frozen=True)
class Type:
    """A value's kind; `keuzes` for a choice, `element` for a list or table, `velden` for a record."""

    soort: str
    keuzes: frozenset[str] | None = None
    element: Type | None = None
    velden: tuple[tuple[str, Type], ...] | None = None
    letterlijk: str | None = field(default=None, compare=False)
    """A number written in the rule as it stands (`1.5`): its text, for a check's message."""

    @property
    def getal(self) -> bool:
        return self.soort in GETALLEN

    @property
    def vrij(self) -> bool:
        """Unknown or empty: nothing to check."""
        return self.soort in ("onbekend", "leeg")

    def veld(self, naam: str) -> Type | None:
        return dict(self.velden or ()).get(naam)

    def __str__(self) -> str:
        return _NAMEN.get(self.soort, self.soort)


_NAMEN = {
    "datum": "een datum",
    "termijn": "een termijn",
    "bedrag": "een bedrag",
    "getal": "een getal",
    "geheelGetal": "een geheel getal",
    "tekst": "een tekst",
    "jaNee": "een ja/nee-waarde",
    "lijst": "een lijst",
    "tabel": "een tabel",
    "record": "een element",
    "leeg": "leeg",
    "onbekend": "een waarde",
}

ONBEKEND = Type("onbekend")
LEEG = Type("leeg")
DATUM = Type("datum")
TERMIJN = Type("termijn")
BEDRAG = Type("bedrag")
GETAL = Type("getal")
GEHEEL = Type("geheelGetal")
TEKST = Type("tekst")
JANEE = Type("jaNee")


def lijst(element: Type = ONBEKEND) -> Type:
    return Type("lijst", element=element)


def record(velden: dict[str, Type]) -> Type:
    return Type("record", velden=tuple(sorted(velden.items())))


class Typefout(ValueError):
    """Two values that do not go together; the message says what to write instead."""


def getaltype(a: Type, b: Type) -> Type:
    """The result of combining two numbers: an amount stays an amount."""
    if "bedrag" in (a.soort, b.soort):
        return BEDRAG
    if a.soort == b.soort == "geheelGetal":
        return GEHEEL
    return GETAL


def verenig(a: Type, b: Type, waar: str) -> Type:
    """One type for two values that must be alike (both branches, two rules deriving one name)."""
    if a.vrij:
        return b
    if b.vrij:
        return a
    if a.getal and b.getal:
        return getaltype(a, b)
    if a.soort != b.soort:
        raise Typefout(f"{waar}: {a} en {b} zijn niet van hetzelfde soort")
    if a.soort == "lijst" and a.element and b.element:
        return lijst(verenig(a.element, b.element, waar))
    if a.keuzes is not None and b.keuzes is not None:
        return Type(a.soort, keuzes=a.keuzes | b.keuzes)
    return Type(a.soort) if a.keuzes != b.keuzes else a


def vergelijkbaar(a: Type, b: Type) -> str | None:
    """Why two values cannot be compared, or None when they can."""
    if a.vrij or b.vrij:
        return None
    if a.getal and b.getal:
        return None
    if a.soort != b.soort:
        return f"vergelijkt {a} met {b}"
    if a.keuzes is not None and b.keuzes is not None and len(b.keuzes) == 1:
        (waarde,) = b.keuzes
        if waarde not in a.keuzes and len(a.keuzes) > 1:
            return f"'{waarde}' is geen mogelijke waarde — kies uit {', '.join(sorted(a.keuzes))}"
    return None


# ----------------------------------------------------------------------------- functions

Handtekening = Callable[[Sequence[Type]], Type]


def _vast(*verwacht: str, uit: Type) -> Handtekening:
    def controleer(args: Sequence[Type]) -> Type:
        if len(args) != len(verwacht):
            raise Typefout(f"verwacht {len(verwacht)} argument(en), kreeg {len(args)}")
        for i, (soort, arg) in enumerate(zip(verwacht, args, strict=True), start=1):
            if arg.vrij or soort == "*":
                continue
            past = arg.getal if soort == "getal" else arg.soort == soort
            if soort == "geheelGetal" and arg.soort == "getal":
                if arg.letterlijk is not None:  # written with a point: never a whole number
                    raise Typefout(
                        f"argument {i} moet een geheel getal zijn, niet {arg.letterlijk} "
                        "— schrijf een geheel getal, zonder punt"
                    )
                past = True  # a computed number of whole units: checked when the rule runs
            if not past:
                raise Typefout(f"argument {i} moet {Type(soort)} zijn, niet {arg}")
        return uit

    return controleer


def _afronding(args: Sequence[Type]) -> Type:
    _vast("getal", uit=GETAL)(args)
    return args[0] if args[0].getal else GETAL


def _uit_lijst(args: Sequence[Type]) -> Type:
    _vast("lijst", uit=ONBEKEND)(args)
    return args[0].element or ONBEKEND


def _som(args: Sequence[Type]) -> Type:
    element = _uit_lijst(args)
    if not element.vrij and not element.getal:
        raise Typefout(f"som telt getallen of bedragen op, niet {element}")
    return element


def _ofanders(args: Sequence[Type]) -> Type:
    if len(args) != 2:
        raise Typefout(f"verwacht 2 argumenten, kreeg {len(args)}")
    return verenig(args[0], args[1], "ofAnders")


def _uiterste(args: Sequence[Type]) -> Type:
    if not args:
        raise Typefout("verwacht minstens één argument")
    if len(args) == 1:
        return _uit_lijst(args)
    uit = args[0]
    for arg in args[1:]:
        uit = verenig(uit, arg, "min/max")
    return uit


def _ja_nee(args: Sequence[Type]) -> Type:
    if len(args) != 1:
        raise Typefout(f"verwacht 1 argument, kreeg {len(args)}")
    return JANEE


_PERIODE = record(
    {
        "van": DATUM,
        "tot": DATUM,
        "dagen": GEHEEL,
        "percentage": GETAL,
        "grondslag": BEDRAG,
        "rente": BEDRAG,
        "onbevestigd": JANEE,
    }
)
_BETALING = record(
    {"datum": DATUM, "bedrag": BEDRAG, "kosten": BEDRAG, "rente": BEDRAG, "hoofdsom": BEDRAG}
)
# What samengesteldeRente and rentePerBetaling return: the course of one debt.
SCHULDVERLOOP = record(
    {
        "hoofdsom": BEDRAG,
        "rente": BEDRAG,
        "kosten": lijst(BEDRAG),
        "renteTotaal": BEDRAG,
        "renteBerekend": BEDRAG,
        "renteVrijgesteld": JANEE,
        "betaald": BEDRAG,
        "onverdeeld": BEDRAG,
        "toerekening": lijst(_BETALING),
        "perioden": lijst(_PERIODE),
        "onbevestigd": JANEE,
    }
)
TOEREKENING = lijst(
    record({"vordering": TEKST, "kosten": BEDRAG, "rente": BEDRAG, "hoofdsom": BEDRAG})
)

HANDTEKENINGEN: dict[str, Handtekening] = {
    "dagen": _vast("geheelGetal", uit=TERMIJN),
    "weken": _vast("geheelGetal", uit=TERMIJN),
    "maanden": _vast("geheelGetal", uit=TERMIJN),
    "jaren": _vast("geheelGetal", uit=TERMIJN),
    "afronden": _afronding,
    "afrondenNaarBeneden": _afronding,
    "afrondenNaarBoven": _afronding,
    "naarBovenGeheel": _vast("getal", uit=GEHEEL),
    "laatste": _uit_lijst,
    "eerste": _uit_lijst,
    "som": _som,
    "aantal": _vast("lijst", uit=GEHEEL),
    "bekend": _ja_nee,
    "onbekend": _ja_nee,
    "ofAnders": _ofanders,
    "dagenInPerioden": _vast("lijst", "datum", "datum", "datum", uit=GEHEEL),
    "lopendOp": _vast("lijst", "datum", uit=JANEE),
    "doorStuiting": _vast("datum", "datum", "lijst", "termijn", uit=DATUM),
    "verdeelNaarRang": _vast(
        "getal", "lijst", "lijst", uit=lijst(record({"vordering": TEKST, "bedrag": BEDRAG}))
    ),
    "staffel": _vast("getal", "getal", "getal", "getal", "getal", "getal", uit=BEDRAG),
    "samengesteldeRente": _vast(
        "getal",
        "datum",
        "datum",
        "lijst",
        "geheelGetal",
        "termijn",
        "getal",
        "lijst",
        "lijst",
        "lijst",
        "lijst",
        uit=SCHULDVERLOOP,
    ),
    "rentePerBetaling": _vast(
        "getal",
        "datum",
        "datum",
        "datum",
        "lijst",
        "tabel",
        "getal",
        "getal",
        "lijst",
        "lijst",
        "lijst",
        "lijst",
        uit=SCHULDVERLOOP,
    ),
    "toerekenen": _vast("getal", "lijst", "lijst", "lijst", "jaNee", uit=TOEREKENING),
    "min": _uiterste,
    "max": _uiterste,
    "atw": _vast("datum", "datum", uit=DATUM),
    "reeks": _vast("datum", "termijn", "geheelGetal", uit=lijst(DATUM)),
    "datum": _vast("geheelGetal", "geheelGetal", "geheelGetal", uit=DATUM),
    "jaarVan": _vast("datum", uit=GEHEEL),
    "maandVan": _vast("datum", uit=GEHEEL),
}

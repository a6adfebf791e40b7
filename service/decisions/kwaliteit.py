"""Quality figures for PDCA: verdicts per kind and per rule over time, and the review sample.

For teamleiders and policy staff (`toegang.mag_kwaliteit_zien`). Periods are calendar
months or ISO weeks in Dutch time; a verdict counts in the period in which it was given.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal
from zoneinfo import ZoneInfo

from sqlmodel import Session

from service.decisions import toegang
from service.decisions.context import Omgeving
from service.decisions.principals import Principal
from service.errors import Verboden
from service.mandates.register import STEEKPROEF
from service.storage import kwaliteit as opslag
from service.storage.repository import Zichtbaarheid

NL = ZoneInfo("Europe/Amsterdam")
Periodesoort = Literal["maand", "week"]
MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Periode:
    sleutel: str
    """`2026-03` (month) or `2026-W09` (ISO week)."""
    label: str
    """`mrt 2026` or `week 9 2026`."""


@dataclass(frozen=True)
class Reeks:
    """Verdicts over the periods for one kind or one rule."""

    soort: str
    regel: str | None
    akkoord: tuple[int, ...]
    afgekeurd: tuple[int, ...]

    @property
    def naam(self) -> str:
        return self.regel or self.soort

    @property
    def totaal_akkoord(self) -> int:
        return sum(self.akkoord)

    @property
    def totaal_afgekeurd(self) -> int:
        return sum(self.afgekeurd)


@dataclass(frozen=True)
class Steekproef:
    """The register's review settings for one kind, next to what happened."""

    soort: str
    percentage: Decimal
    drempel: Decimal
    altijd: bool
    beslissingen: int
    zonder_andere_reden: int
    """Decisions for which only the sample could ask a review (no other reason)."""
    in_steekproef: int

    @property
    def gerealiseerd(self) -> Decimal | None:
        """Share of those decisions that the sample drew (0–1), None when there were none."""
        if not self.zonder_andere_reden:
            return None
        return Decimal(self.in_steekproef) / Decimal(self.zonder_andere_reden)


@dataclass(frozen=True)
class Kwaliteit:
    perioden: tuple[Periode, ...]
    per_soort: tuple[Reeks, ...]
    per_regel: tuple[Reeks, ...]
    steekproef: tuple[Steekproef, ...]
    register: str
    """Name and version of the mandate register the settings come from."""


def _periode(moment: dt.datetime, soort: Periodesoort) -> Periode:
    datum = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(NL).date()
    if soort == "week":
        jaar, week, _ = datum.isocalendar()
        return Periode(f"{jaar}-W{week:02d}", f"week {week} {jaar}")
    return Periode(
        f"{datum.year}-{datum.month:02d}", f"{MAANDEN_KORT[datum.month - 1]} {datum.year}"
    )


def perioden(tot: dt.datetime, soort: Periodesoort, aantal: int) -> tuple[Periode, ...]:
    """The `aantal` periods up to and including the one holding `tot`, oldest first."""
    if soort == "week":
        stappen = (tot - dt.timedelta(weeks=i) for i in range(aantal))
        return tuple(reversed([_periode(m, soort) for m in stappen]))
    datum = tot.astimezone(NL)
    maanden = []
    jaar, maand = datum.year, datum.month
    for _ in range(aantal):
        maanden.append(_periode(dt.datetime(jaar, maand, 15, tzinfo=NL), soort))
        jaar, maand = (jaar, maand - 1) if maand > 1 else (jaar - 1, 12)
    return tuple(reversed(maanden))


def _begin(eerste: Periode, soort: Periodesoort) -> dt.datetime:
    if soort == "week":
        jaar, week = eerste.sleutel.split("-W")
        return dt.datetime.combine(
            dt.date.fromisocalendar(int(jaar), int(week), 1), dt.time(), tzinfo=NL
        )
    jaar, maand = eerste.sleutel.split("-")
    return dt.datetime(int(jaar), int(maand), 1, tzinfo=NL)


def _reeksen(
    rijen: Iterable[tuple[str, str | None, dt.datetime, str]],
    reeks: tuple[Periode, ...],
    soort: Periodesoort,
) -> tuple[Reeks, ...]:
    telling: Counter[tuple[str, str | None, str, str]] = Counter()
    for s, regel, op, oordeel in rijen:
        telling[(s, regel, _periode(op, soort).sleutel, oordeel)] += 1
    namen = sorted({(s, r) for s, r, _, _ in telling}, key=lambda x: (x[0], x[1] or ""))
    return tuple(
        Reeks(
            soort=s,
            regel=r,
            akkoord=tuple(telling[(s, r, p.sleutel, "akkoord")] for p in reeks),
            afgekeurd=tuple(telling[(s, r, p.sleutel, "afgekeurd")] for p in reeks),
        )
        for s, r in namen
    )


def _steekproef(
    omgeving: Omgeving, sessie: Session, zichtbaar: Zichtbaarheid
) -> tuple[Steekproef, ...]:
    register = omgeving.register.register
    gezien = {r["soort"]: r for r in opslag.steekproef_per_soort(sessie, STEEKPROEF, zichtbaar)}
    uitkomst = []
    for soort in sorted(set(register.soorten) | set(gezien)):
        mandaat = register.soorten.get(soort)
        cijfers = gezien.get(soort, {"beslissingen": 0, "nietVereist": 0, "steekproef": 0})
        uitkomst.append(
            Steekproef(
                soort=soort,
                percentage=mandaat.steekproefPercentage
                if mandaat and mandaat.steekproefPercentage is not None
                else register.steekproefPercentage,
                drempel=mandaat.beoordelingsdrempel
                if mandaat and mandaat.beoordelingsdrempel is not None
                else register.beoordelingsdrempel,
                altijd=bool(mandaat and mandaat.altijdBeoordelen),
                beslissingen=cijfers["beslissingen"],
                zonder_andere_reden=cijfers["nietVereist"] + cijfers["steekproef"],
                in_steekproef=cijfers["steekproef"],
            )
        )
    return tuple(uitkomst)


def kwaliteit(
    omgeving: Omgeving,
    sessie: Session,
    principal: Principal,
    periodesoort: Periodesoort = "maand",
    aantal: int = 12,
    tot: dt.datetime | None = None,
) -> Kwaliteit:
    """The quality figures of the last `aantal` periods up to `tot` (default now).

    Raises Verboden for anyone but policy staff and medewerkers from the teamleider role.
    """
    if not toegang.mag_kwaliteit_zien(omgeving.register, principal):
        raise Verboden("De kwaliteitscijfers (PDCA) zijn voor teamleiders en beleid.")
    reeks = perioden(tot or dt.datetime.now(dt.UTC), periodesoort, aantal)
    # UTC: SQLite keeps the UTC wall clock of an aware timestamp and compares text.
    sinds = _begin(reeks[0], periodesoort).astimezone(dt.UTC)
    # Only over what the reader may see (toegang), like every list.
    zichtbaar = toegang.zichtbaarheid(omgeving.register, principal)
    per_soort = _reeksen(
        ((s, None, op, o) for s, op, o in opslag.oordelen_sinds(sessie, sinds, zichtbaar)),
        reeks,
        periodesoort,
    )
    per_regel = _reeksen(
        opslag.oordelen_per_regel_sinds(sessie, sinds, zichtbaar), reeks, periodesoort
    )
    register = omgeving.register.register
    return Kwaliteit(
        perioden=reeks,
        per_soort=per_soort,
        per_regel=per_regel,
        steekproef=_steekproef(omgeving, sessie, zichtbaar),
        register=f"{register.titel} {register.versie}",
    )

"""Server-rendered charts: the geometry of a 100 % stacked bar chart, drawn as SVG by the
`grafiek` macro in templates/_grafiek.html. No chart library, no script: the bars are
plain rectangles, and every chart has a text summary and a table with the same figures.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from service.decisions.kwaliteit import Reeks

_nummer = itertools.count(1)


@dataclass(frozen=True)
class Staaf:
    x: float
    breedte: float
    akkoord: int
    afgekeurd: int
    y_akkoord: float
    h_akkoord: float
    y_afgekeurd: float
    h_afgekeurd: float
    label: tuple[str, str]
    """Two lines under the bar: 'mrt' / '2026'."""

    @property
    def n(self) -> int:
        return self.akkoord + self.afgekeurd


@dataclass(frozen=True)
class Grafiek:
    id: str
    titel: str
    beschrijving: str
    breedte: int
    hoogte: int
    links: int
    boven: int
    plot_hoogte: int
    staven: tuple[Staaf, ...]
    klein: bool
    reeks: Reeks
    labels: tuple[str, ...]


def _beschrijving(reeks: Reeks) -> str:
    akkoord, afgekeurd = reeks.totaal_akkoord, reeks.totaal_afgekeurd
    n = akkoord + afgekeurd
    if n == 0:
        return "Geen beoordelingen in deze periode."
    return (
        f"Van {n} {'beoordeling' if n == 1 else 'beoordelingen'} {akkoord} akkoord ({round(100 * akkoord / n)} %) "
        f"en {afgekeurd} afgekeurd ({round(100 * afgekeurd / n)} %)."
    )


def percentages(reeks: Reeks, labels: Sequence[str], klein: bool = False) -> Grafiek:
    """Per period the share of approvals (bottom) and rejections (top) of that period's
    verdicts; a period without verdicts has no bar."""
    breedte, plot_hoogte = (320, 60) if klein else (640, 160)
    links, boven, rechts = (8, 4, 8) if klein else (48, 20, 8)
    vak = (breedte - links - rechts) / max(1, len(labels))
    staven = []
    for i, (akk, afg, label) in enumerate(zip(reeks.akkoord, reeks.afgekeurd, labels, strict=True)):
        n = akk + afg
        h_akk = plot_hoogte * akk / n if n else 0.0
        h_afg = plot_hoogte * afg / n if n else 0.0
        onder = boven + plot_hoogte
        woord, _, jaar = label.rpartition(" ")
        staven.append(
            Staaf(
                x=round(links + i * vak + vak * 0.15, 1),
                breedte=round(vak * 0.7, 1),
                akkoord=akk,
                afgekeurd=afg,
                y_akkoord=round(onder - h_akk, 1),
                h_akkoord=round(h_akk, 1),
                y_afgekeurd=round(onder - h_akk - h_afg, 1),
                h_afgekeurd=round(h_afg, 1),
                label=(woord, jaar),
            )
        )
    hoogte = boven + plot_hoogte + (4 if klein else 40)
    return Grafiek(
        id=f"grafiek-{next(_nummer)}",
        titel=(f"Regel {reeks.regel} ({reeks.soort})" if reeks.regel else f"Soort {reeks.soort}"),
        beschrijving=_beschrijving(reeks),
        breedte=breedte,
        hoogte=hoogte,
        links=links,
        boven=boven,
        plot_hoogte=plot_hoogte,
        staven=tuple(staven),
        klein=klein,
        reeks=reeks,
        labels=tuple(labels),
    )

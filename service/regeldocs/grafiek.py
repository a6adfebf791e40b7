"""Which rule derives what: a layered dependency graph as inline SVG, in pure Python.

The compiler already orders rules in strata (a rule runs after the rules that derive what
it reads), so the strata are the layers: one column per stratum, left to right. Within a
column, rules are ordered by the mean row of the rules they read from (barycentre), which
keeps most edges short. No graphviz needed: this runs on a clean machine.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from service.engine.compiled import GecompileerdeRegelset

BREEDTE = 250
KOLOMRUIMTE = 90
REGELHOOGTE = 16
RIJRUIMTE = 14
MARGE = 20
MAX_NAMEN = 4


@dataclass
class Knoop:
    id: str
    stratum: int
    afgeleid: list[str]
    leest: set[str]
    rij: float = 0.0
    x: float = 0.0
    y: float = 0.0

    @property
    def hoogte(self) -> float:
        regels = 1 + min(len(self.afgeleid), MAX_NAMEN) + (len(self.afgeleid) > MAX_NAMEN)
        return regels * REGELHOOGTE + 10


def afhankelijkheden(
    regelset: GecompileerdeRegelset,
) -> tuple[list[Knoop], list[tuple[str, str, list[str]]]]:
    """Nodes (rules) and edges (deriving rule → reading rule, with the names passed on)."""
    knopen = []
    schrijvers: dict[str, list[str]] = {}
    for regel in sorted(regelset.regels, key=lambda r: (r.stratum, r.volgorde)):
        afgeleid = [naam for naam, _ in regel.effecten]
        knopen.append(
            Knoop(regel.id, regel.stratum, afgeleid, set(regel.waardenamen) - set(afgeleid))
        )
        for naam in afgeleid:
            schrijvers.setdefault(naam, []).append(regel.id)
    randen: list[tuple[str, str, list[str]]] = []
    for knoop in knopen:
        per_bron: dict[str, list[str]] = {}
        for naam in sorted(knoop.leest):
            for bron in schrijvers.get(naam, []):
                if bron != knoop.id:
                    per_bron.setdefault(bron, []).append(naam)
        randen.extend((bron, knoop.id, namen) for bron, namen in per_bron.items())
    return knopen, randen


def _schik(knopen: list[Knoop], randen: list[tuple[str, str, list[str]]]) -> None:
    per_id = {k.id: k for k in knopen}
    bronnen: dict[str, list[str]] = {}
    for bron, doel, _ in randen:
        bronnen.setdefault(doel, []).append(bron)
    kolommen: dict[int, list[Knoop]] = {}
    for knoop in knopen:
        kolommen.setdefault(knoop.stratum, []).append(knoop)
    for stratum in sorted(kolommen):
        kolom = kolommen[stratum]
        for i, knoop in enumerate(kolom):
            rijen = [per_id[b].rij for b in bronnen.get(knoop.id, []) if b in per_id]
            knoop.rij = sum(rijen) / len(rijen) if rijen else float(i)
        kolom.sort(key=lambda k: k.rij)
        y = float(MARGE)
        for i, knoop in enumerate(kolom):
            knoop.rij = float(i)
            knoop.x = MARGE + (stratum - 1) * (BREEDTE + KOLOMRUIMTE)
            knoop.y = y
            y += knoop.hoogte + RIJRUIMTE


def svg(regelset: GecompileerdeRegelset, link: str = "") -> Markup:
    """The graph as an accessible inline SVG; each rule links to `link#RULE-ID`."""
    knopen, randen = afhankelijkheden(regelset)
    _schik(knopen, randen)
    per_id = {k.id: k for k in knopen}
    breedte = max((k.x + BREEDTE for k in knopen), default=0) + MARGE
    hoogte = max((k.y + k.hoogte for k in knopen), default=0) + MARGE
    titel = f"Afhankelijkheden tussen de regels van {regelset.naam} {regelset.versie}"
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {breedte:.0f} {hoogte:.0f}" '
        f'width="{breedte:.0f}" height="{hoogte:.0f}" aria-labelledby="g-titel g-omschrijving" class="grafiek">',
        f'<title id="g-titel">{escape(titel)}</title>',
        '<desc id="g-omschrijving">Elke rechthoek is een regel met de waarden die hij afleidt. '
        "Een pijl gaat van een regel naar een regel die een van die waarden leest. "
        "Dezelfde informatie staat in de tabel onder de grafiek.</desc>",
        '<defs><marker id="pijl" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
    ]
    for bron, doel, namen in randen:
        a, b = per_id[bron], per_id[doel]
        x1, y1 = a.x + BREEDTE, a.y + a.hoogte / 2
        x2, y2 = b.x, b.y + b.hoogte / 2
        if b.stratum <= a.stratum:  # same column (a decision table reads a sibling): loop left
            x1, x2 = a.x, b.x
            pad = f"M{x1},{y1} C{x1 - 60},{y1} {x2 - 60},{y2} {x2},{y2}"
        else:
            midden = (x1 + x2) / 2
            pad = f"M{x1},{y1} C{midden},{y1} {midden},{y2} {x2},{y2}"
        delen.append(
            f'<path d="{pad}" class="rand" marker-end="url(#pijl)"><title>{escape(bron)} → '
            f"{escape(doel)}: {escape(', '.join(namen))}</title></path>"
        )
    for k in knopen:
        namen = k.afgeleid[:MAX_NAMEN] + (
            [f"+ {len(k.afgeleid) - MAX_NAMEN} meer"] if len(k.afgeleid) > MAX_NAMEN else []
        )
        tekst = [
            f'<text x="{k.x + 8}" y="{k.y + REGELHOOGTE}" class="knoop-id">{escape(k.id)}</text>'
        ] + [
            f'<text x="{k.x + 8}" y="{k.y + REGELHOOGTE * (i + 2)}" class="knoop-naam">→ {escape(n)}</text>'
            for i, n in enumerate(namen)
        ]
        delen.append(
            f'<a href="{escape(link)}#{escape(k.id)}"><rect x="{k.x}" y="{k.y}" width="{BREEDTE}" '
            f'height="{k.hoogte}" rx="4" class="knoop"/>{"".join(tekst)}</a>'
        )
    delen.append("</svg>")
    return Markup("".join(delen))

"""The impact report on a terminal, for policy staff (the same data as the --json document)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@contextmanager
def voortgangsbalk(console: Console) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on a terminal; elsewhere (a pipe, CI) a callback that prints nothing."""
    if not console.is_terminal:
        yield lambda _gedaan, _totaal: None
        return
    with Progress(
        TextColumn("Beslissingen opnieuw beoordelen"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
    ) as balk:
        taak = balk.add_task("herafspelen", total=None)

        def meld(gedaan: int, totaal: int) -> None:
            balk.update(taak, completed=gedaan, total=totaal)

        yield meld


def toon(console: Console, analyse: dict[str, Any], voorbeelden: int = 5) -> None:
    """Print the report of a finished analysis as tables."""
    rapport = analyse["rapport"]
    kandidaat = ", ".join(
        f"{r['naam']} {r['versie']} ({r['hash'][:12]})" for r in analyse["regelsets"]
    )
    console.print(f"[bold]Impactanalyse {analyse['id']}[/bold] — kandidaat: {kandidaat}")
    console.print(
        f"Beoordeeld: {_getal(rapport['beoordeeld'])}   gewijzigd: {_getal(rapport['gewijzigd'])}   "
        f"ongewijzigd: {_getal(rapport['ongewijzigd'])}   niet meer te beslissen: "
        f"{_getal(rapport['nietBeslisbaar'])}   alleen andere regels: "
        f"{_getal(rapport['alleenRedenenGewijzigd'])}   ({rapport['duurSeconden']} s, "
        f"{_getal(rapport['perSeconde'] or 0)}/s)"
    )
    for soort, s in rapport["perSoort"].items():
        tabel = Table(
            title=f"{soort}: {_getal(s['gewijzigd'])} van {_getal(s['beoordeeld'])} gewijzigd"
        )
        for kolom in ("veld", "beslissingen", "waarden", "hoe"):
            tabel.add_column(kolom)
        for veld in s["velden"]:
            hoe = "; ".join(
                f"{v['omschrijving']}: {_getal(v['aantal'])}" for v in veld["veranderingen"][:6]
            )
            tabel.add_row(
                veld["veld"], _getal(veld["beslissingen"]), _getal(veld["gewijzigd"]), hoe
            )
        console.print(tabel)
    regels = Table(title="Regels: in hoeveel beslissingen toegepast, voor en na")
    for kolom in ("soort", "regel", "voor", "na", "verschil"):
        regels.add_column(kolom)
    for r in rapport["regels"]:
        if r["verschil"]:
            regels.add_row(
                r["soort"], r["regel"], _getal(r["voor"]), _getal(r["na"]), f"{r['verschil']:+,}"
            )
    if regels.row_count:
        console.print(regels)
    for voorbeeld in rapport["voorbeelden"][:voorbeelden]:
        console.print(
            f"Voorbeeld {voorbeeld['beslissing']} ({voorbeeld['soort']}, peildatum {voorbeeld['peildatum']}):"
        )
        for w in voorbeeld["wijzigingen"]:
            console.print(f"    {w['veld']}: {w['voor']} → {w['na']}")
    for groep in rapport["nietBeslisbareRedenen"]:
        console.print(
            f"[bold]Niet meer te beslissen ({groep['status']}):[/bold] {_getal(groep['aantal'])}× "
            f"{groep['reden']} (bv. {', '.join(groep['voorbeelden'])})"
        )

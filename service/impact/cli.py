"""`invordering impact`: replay the stored decisions under a candidate rules directory."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from sqlmodel import Session

from service.impact import uitvoering, weergave
from service.rulefiles.loading import RegelbestandFout
from service.storage import impact as opslag
from service.storage.database import maak_engine, migreer

DOOR = "cli"


def _datum(tekst: str | None, optie: str) -> dt.date | None:
    if tekst is None:
        return None
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError:
        typer.echo(f"{optie}: geef een datum als JJJJ-MM-DD, niet {tekst!r}", err=True)
        raise typer.Exit(2) from None


def voer_impact_uit(
    kandidaat: Path | None,
    soort: str | None,
    van: str | None,
    tot: str | None,
    als_json: bool,
    processen: int | None,
    analyse_id: str | None,
) -> None:
    """Create (or join) an analysis, run it with a progress bar, print the report."""
    if (kandidaat is None) == (analyse_id is None):
        typer.echo(
            "Geef --kandidaat DIR, of --analyse ID om mee te doen aan een analyse.", err=True
        )
        raise typer.Exit(2)
    engine = maak_engine(os.environ.get("INVORDERING_DATABASE_URL", "sqlite:///invordering.db"))
    migreer(engine)
    if kandidaat is not None:
        try:
            bestanden = uitvoering.lees_kandidaat(kandidaat)
            nieuw = uitvoering.maak_analyse(
                engine,
                bestanden,
                uitvoering.filter_van(soort, _datum(van, "--van"), _datum(tot, "--tot")),
                os.environ.get("USER", DOOR),
            )
        except RegelbestandFout as kapot:
            typer.echo(str(kapot), err=True)
            raise typer.Exit(1) from None
        except uitvoering.Filterfout as fout:
            typer.echo(f"--{fout.naam}: {fout.reden}", err=True)
            raise typer.Exit(2) from None
        analyse_id = nieuw.id
    assert analyse_id is not None
    with Session(engine) as sessie:
        if opslag.haal_analyse(sessie, analyse_id) is None:
            typer.echo(f"Analyse {analyse_id} bestaat niet in deze database.", err=True)
            raise typer.Exit(2)
    console = Console(stderr=als_json)
    with weergave.voortgangsbalk(console) as meld:
        uitkomst = uitvoering.voer_uit(engine, analyse_id, processen, meld)
    engine.dispose()
    if uitkomst["status"] != "klaar":
        typer.echo(
            f"De analyse is niet afgerond: {uitkomst['status']} {uitkomst.get('fout') or ''}",
            err=True,
        )
        raise typer.Exit(1)
    if als_json:
        document = {
            "id": analyse_id,
            "regelsets": uitkomst["regelsets"],
            "filter": uitkomst["filter"],
        }
        sys.stdout.write(json.dumps({**document, **uitkomst["rapport"]}, ensure_ascii=False) + "\n")
        return
    weergave.toon(console, uitkomst)

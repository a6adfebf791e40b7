"""The `invordering` command: serve, rules check, rules test, openapi."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Beslisservice invordering.", no_args_is_help=True, add_completion=False)
regels = typer.Typer(help="Regelbestanden controleren en testen.", no_args_is_help=True)
app.add_typer(regels, name="rules")

OPENAPI_BESTAND = Path("openapi/openapi.json")
RegelMap = Annotated[
    Path | None, typer.Option("--dir", help="Regelmap (standaard INVORDERING_RULES_DIR of rules/).")
]


def _regelmap(map: Path | None) -> Path:
    return map or Path(os.environ.get("INVORDERING_RULES_DIR", "rules"))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Poort.")] = 8000,
    workers: Annotated[int, typer.Option(help="Aantal processen.")] = 1,
) -> None:
    """Start de service (standaard: development, SQLite, de regels in rules/)."""
    import uvicorn

    from service.settings import lees_instellingen

    lees_instellingen()  # refused here, in one process, before workers start and restart

    uvicorn.run(
        "service.api.app:maak_app_uit_omgeving",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


MandaatMap = Annotated[
    Path | None,
    typer.Option(
        "--mandates-dir",
        help="Map van het mandaatregister (standaard INVORDERING_MANDATES_DIR of mandates/).",
    ),
]


@regels.command("check")
def check(map: RegelMap = None, mandaten: MandaatMap = None) -> None:
    """Controleer regelbestanden en mandaatregister; één regel per probleem: bestand:regel: id: wat."""
    from service.engine.library import controleer_map
    from service.mandates.register import controleer_register

    regelsets, problemen = controleer_map(_regelmap(map))
    mandaatmap = mandaten or Path(os.environ.get("INVORDERING_MANDATES_DIR", "mandates"))
    problemen += controleer_register(mandaatmap)[1]
    for probleem in problemen:
        typer.echo(str(probleem))
    if problemen:
        raise typer.Exit(1)
    typer.echo(
        f"In orde: {len(regelsets)} regelset(s), {sum(len(r.regels) for r in regelsets)} regels."
    )


@regels.command("test")
def test(
    map: RegelMap = None,
    gevallen: Annotated[Path, typer.Option("--fixtures", help="Map met testgevallen.")] = Path(
        "fixtures/rules"
    ),
) -> None:
    """Voer de testgevallen van de regels uit (fixtures/rules, zelfde paden als rules/)."""
    from service.engine.library import laad_bibliotheek
    from service.rulefiles.loading import RegelbestandFout
    from service.ruletests import lees_gevallen, niet_gedekt, voer_uit

    try:
        bibliotheek = laad_bibliotheek(_regelmap(map))
    except RegelbestandFout as kapot:
        typer.echo(str(kapot))
        raise typer.Exit(1) from None
    resultaten = [voer_uit(bibliotheek, g) for g in lees_gevallen(gevallen)]
    for r in resultaten:
        if not r.geslaagd:
            typer.echo(f"MISLUKT {r.geval.bestand}: {r.geval.naam}")
            for fout in r.fouten:
                typer.echo(f"    {fout}")
    geslaagd = sum(r.geslaagd for r in resultaten)
    ongedekt = niet_gedekt(bibliotheek, resultaten)
    if ongedekt:
        typer.echo(f"Regels zonder testgeval: {', '.join(ongedekt)}")
    typer.echo(f"{geslaagd} passed, {len(resultaten) - geslaagd} failed")
    if geslaagd != len(resultaten) or ongedekt or not resultaten:
        raise typer.Exit(1)


SCHEMA_BESTAND = Path("rules/schema/regelbestand.schema.json")


def schema_tekst() -> str:
    from service.rulefiles.model import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@regels.command("schema")
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Faal als het vastgelegde schema afwijkt.")
    ] = False,
) -> None:
    """Schrijf het JSON Schema van het regelbestandformaat (rules/schema/), of controleer het."""
    _schrijf_of_controleer(SCHEMA_BESTAND, schema_tekst(), check, "invordering rules schema")


def openapi_tekst() -> str:
    from service.api.app import maak_app
    from service.settings import Instellingen

    app_ = maak_app(Instellingen(database_url="sqlite://"))
    return json.dumps(app_.openapi(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@app.command()
def openapi(
    check: Annotated[
        bool, typer.Option("--check", help="Faal als openapi/openapi.json afwijkt.")
    ] = False,
) -> None:
    """Schrijf het OpenAPI-document naar openapi/openapi.json (of controleer het)."""
    _schrijf_of_controleer(OPENAPI_BESTAND, openapi_tekst(), check, "invordering openapi")


def _schrijf_of_controleer(bestand: Path, tekst: str, check: bool, opdracht: str) -> None:
    """Write a generated, committed file; with check, fail (exit 1) when it differs."""
    if check:
        if not bestand.exists() or bestand.read_text(encoding="utf-8") != tekst:
            typer.echo(f"{bestand} wijkt af van wat de code maakt; draai '{opdracht}'.")
            raise typer.Exit(1)
        typer.echo(f"{bestand} is actueel.")
        return
    bestand.parent.mkdir(parents=True, exist_ok=True)
    bestand.write_text(tekst, encoding="utf-8")
    typer.echo(f"Geschreven: {bestand}")

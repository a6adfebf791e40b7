"""The `invordering` command: serve, rules check, rules test, openapi."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

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


def _laad_of_stop(map: Path | None) -> Any:
    """The rule library of `map`; its problems (file:line: id: what) and exit 1 if it is broken."""
    from service.engine.library import laad_bibliotheek
    from service.rulefiles.loading import RegelbestandFout

    try:
        return laad_bibliotheek(_regelmap(map))
    except RegelbestandFout as kapot:
        typer.echo(str(kapot))
        raise typer.Exit(1) from None


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Poort.")] = 8000,
    workers: Annotated[int, typer.Option(help="Aantal processen.")] = 1,
) -> None:
    """Start de service (standaard: development, SQLite, de regels in rules/).

    SIGHUP aan dit proces laadt de regelmap opnieuw (zonder herstart), net als
    POST /v1/regelsets/_herladen.
    """
    from service.herladen.server import start
    from service.rulefiles.loading import RegelbestandFout
    from service.settings import lees_instellingen

    instellingen = lees_instellingen()  # refused here, before workers start and restart
    _controleer_mappen(instellingen)
    _controleer_regels(instellingen)
    try:
        start(host, port, workers)
    except RegelbestandFout as kapot:  # changed between the check and the start
        _weiger(kapot.problemen)


def _weiger(problemen: list[Any]) -> None:
    """One line per problem, as `rules check` prints them (never wrapped), then exit 1."""
    for probleem in problemen:
        typer.echo(str(probleem), err=True)
    typer.echo("De service start niet: los eerst deze problemen op.", err=True)
    raise typer.Exit(1)


def _controleer_regels(instellingen: Any) -> None:
    """The rules directory and the mandate register load, or the service does not start."""
    from service.engine.library import controleer_map
    from service.mandates.register import controleer_register

    _, problemen = controleer_map(instellingen.rules_dir)
    problemen += controleer_register(instellingen.mandates_dir)[1]
    if problemen:
        _weiger(problemen)


def _controleer_mappen(instellingen: Any) -> None:
    """The files the service reads at start-up exist: say so plainly, not as a traceback."""
    nodig = [
        ("INVORDERING_RULES_DIR", instellingen.rules_dir),
        ("INVORDERING_MANDATES_DIR", instellingen.mandates_dir),
    ]
    if instellingen.env == "production" or instellingen.principals_file is not None:
        nodig.append(("INVORDERING_PRINCIPALS_FILE", instellingen.principals_file))
    else:
        nodig.append(("INVORDERING_PRINCIPALS_FILE (demo)", Path("fixtures/demo-principals.yaml")))
    ontbreekt = [(naam, pad) for naam, pad in nodig if not Path(pad).exists()]
    for naam, pad in ontbreekt:
        typer.echo(
            f"De service start niet: {pad} bestaat niet ({naam}). Start in de projectmap of zet "
            "de instelling.",
            err=True,
        )
    if ontbreekt:
        raise typer.Exit(2)


MandaatMap = Annotated[
    Path | None,
    typer.Option(
        "--mandates-dir",
        help="Map van het mandaatregister (standaard INVORDERING_MANDATES_DIR of mandates/).",
    ),
]


GevallenMap = Annotated[
    Path, typer.Option("--fixtures", help="Map met testgevallen (paden als in rules/).")
]


@regels.command("check")
def check(
    map: RegelMap = None,
    mandaten: MandaatMap = None,
    gevallen: GevallenMap = Path("fixtures/rules"),
) -> None:
    """Controleer regelbestanden, mandaatregister en testgevallen; één regel per probleem.

    Elk probleem als bestand:regel: id: wat er mis is — wat te doen. Ook: een soort zonder
    mandaatregister, een regel zonder testgeval, een testgeval dat een onbekende regel noemt.
    """
    try:
        regelsets, problemen = _controleer_alles(_regelmap(map), mandaten, gevallen)
    except Exception as fout:  # a bug in the checker itself: no traceback for policy staff
        typer.echo(
            f"interne fout in de controle ({type(fout).__name__}: {fout}) — meld dit aan het "
            "ontwikkelteam, met de regelbestanden",
            err=True,
        )
        raise typer.Exit(2) from None
    for probleem in problemen:
        typer.echo(str(probleem))
    if problemen:
        raise typer.Exit(1)
    from service.versiebeheer import waarschuwingen

    database = os.environ.get("INVORDERING_DATABASE_URL", "sqlite:///invordering.db")
    for waarschuwing in waarschuwingen(_regelmap(map), regelsets, database):
        typer.echo(f"waarschuwing: {waarschuwing}")
    typer.echo(
        f"In orde: {len(regelsets)} regelset(s), {sum(len(r.regels) for r in regelsets)} regels."
    )


def _controleer_alles(
    map: Path, mandaten: Path | None, gevallen: Path
) -> tuple[list[Any], list[Any]]:
    from service.engine.library import Regelbibliotheek, controleer_map
    from service.mandates.register import controleer_register
    from service.regelcontrole import (
        onbekende_regels_in_gevallen,
        regels_zonder_geval,
        soorten_zonder_mandaat,
    )

    regelsets, problemen = controleer_map(map)
    mandaatmap = mandaten or Path(os.environ.get("INVORDERING_MANDATES_DIR", "mandates"))
    register, registerproblemen = controleer_register(mandaatmap)
    problemen += registerproblemen
    if register is not None:
        problemen += soorten_zonder_mandaat(regelsets, register)
    if not problemen and gevallen.is_dir():
        bibliotheek = Regelbibliotheek(map, regelsets)
        problemen += onbekende_regels_in_gevallen(bibliotheek, gevallen)
        problemen += regels_zonder_geval(bibliotheek, gevallen)
    return regelsets, problemen


@regels.command("test")
def test(
    map: RegelMap = None,
    gevallen: GevallenMap = Path("fixtures/rules"),
) -> None:
    """Voer de testgevallen van de regels uit (fixtures/rules, zelfde paden als rules/)."""
    from service.ruletests import lees_gevallen, niet_gedekt, voer_uit

    bibliotheek = _laad_of_stop(map)
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


@regels.command("docs")
def docs(
    out: Annotated[Path, typer.Option("--out", help="Map voor de site.")],
    map: RegelMap = None,
    gevallen: GevallenMap = Path("fixtures/rules"),
) -> None:
    """Schrijf de regeldocumentatie voor juristen (statische HTML-site) naar --out."""
    from service.regeldocs.site import bouw_site, schrijf_site

    bibliotheek = _laad_of_stop(map)
    site = bouw_site(bibliotheek, gevallen)
    try:
        schrijf_site(site, out)
    except OSError as fout:
        typer.echo(f"Kan de site niet schrijven naar {out}: {fout.strerror or fout}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Geschreven: {len(site)} pagina's in {out}/ (begin bij {out / 'index.html'})")


@app.command()
def impact(
    kandidaat: Annotated[
        Path | None, typer.Option("--kandidaat", help="Map met de kandidaat-regels.")
    ] = None,
    soort: Annotated[str | None, typer.Option(help="Alleen beslissingen van deze soort.")] = None,
    van: Annotated[str | None, typer.Option(help="Genomen op of na JJJJ-MM-DD.")] = None,
    tot: Annotated[str | None, typer.Option(help="Genomen op of voor JJJJ-MM-DD.")] = None,
    als_json: Annotated[bool, typer.Option("--json", help="Eén JSON-document.")] = False,
    processen: Annotated[
        int | None, typer.Option(help="Werkprocessen (standaard: kernen).")
    ] = None,
    analyse: Annotated[
        str | None, typer.Option(help="Doe mee aan een bestaande analyse (andere machine).")
    ] = None,
) -> None:
    """Speel de opgeslagen beslissingen af onder kandidaat-regels en toon wat verandert."""
    from service.impact.cli import voer_impact_uit

    voer_impact_uit(kandidaat, soort, van, tot, als_json, processen, analyse)


SCHEMA_BESTAND = Path("rules/schema/regelbestand.schema.json")


def schema_tekst() -> str:
    from service.rulefiles.schema import json_schema

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

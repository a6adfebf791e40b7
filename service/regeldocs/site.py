"""The documentation site for jurists: rule sets, rules, parameters, dependencies, changes.

`bouw_site` returns every page as text by relative path (flat: every link is relative,
so the same pages work from disk, `file://`, and behind any URL prefix such as
/werkbank/regels/). No external assets: one local style sheet, inline SVG.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from service.engine.compiled import GecompileerdeRegelset
from service.engine.library import Regelbibliotheek
from service.regeldocs.gevallen import Gevalweergave, gevallen_per_regelset
from service.regeldocs.grafiek import afhankelijkheden, svg
from service.regeldocs.inhoud import (
    Kenmerk,
    Parameterpagina,
    Regelpagina,
    kenmerken,
    parameterpaginas,
    regelpagina,
    typen_van,
)
from service.regeldocs.nederlands import Vertaler
from service.rulefiles.loading import lees_map
from service.rulefiles.model import Regelset

WIJZIGINGEN = "CHANGELOG.md"
BEKENDE_REGELSETVELDEN = {
    "formaat",
    "regelset",
    "versie",
    "titel",
    "doel",
    "eigenaar",
    "geldigVanaf",
    "geldigTot",
    "menselijkeTussenkomst",
    "importeer",
    "invoer",
    "regels",
    "uitkomst",
}


@dataclass
class Regelsetpagina:
    regelset: GecompileerdeRegelset
    bestand: str
    pagina: str
    grafiekpagina: str
    regels: list[Regelpagina]
    gevallen: list[Gevalweergave]
    overig: list[Kenmerk]
    uitkomst: dict[str, str]


def _omgeving() -> Environment:
    omgeving = Environment(
        loader=PackageLoader("service.regeldocs", "sjablonen"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    omgeving.filters["datum"] = lambda d: d.isoformat() if d else "onbepaald"
    return omgeving


def _naam(regelset: GecompileerdeRegelset) -> str:
    return f"{regelset.naam}-{regelset.versie}"


def _regelsetpagina(
    bron: Any, regelset: GecompileerdeRegelset, gevallen: list[Gevalweergave]
) -> Regelsetpagina:
    vertaler = Vertaler(typen_van(regelset))
    regels = [
        regelpagina(bron, regelset, r, vertaler)
        for r in sorted(regelset.regels, key=lambda r: (r.stratum, r.volgorde))
    ]
    for regel in regels:
        regel.gevallen = [g.anker for g in gevallen if regel.id in g.toegepast]
    model = bron.bestanden[regelset.bestanden[0]].model
    overig = (
        kenmerken(model, BEKENDE_REGELSETVELDEN, vertaler) if isinstance(model, Regelset) else []
    )
    uitkomst = {}
    for sleutel, spec in regelset.uitkomst.items():
        velden = getattr(spec, "velden", None)
        namen = list(velden) if isinstance(velden, dict) else [sleutel]
        uitkomst[sleutel] = ", ".join(namen)
    return Regelsetpagina(
        regelset=regelset,
        bestand=regelset.bestanden[0],
        pagina=f"regelset-{_naam(regelset)}.html",
        grafiekpagina=f"afhankelijkheden-{_naam(regelset)}.html",
        regels=regels,
        gevallen=gevallen,
        overig=overig,
        uitkomst=uitkomst,
    )


def bouw_site(bibliotheek: Regelbibliotheek, gevallenmap: Path | None) -> dict[str, str]:
    """Every page of the site by relative path; `gevallenmap` is fixtures/rules (or None)."""
    bron = lees_map(bibliotheek.map)
    omgeving = _omgeving()
    per_regelset = gevallen_per_regelset(bibliotheek, gevallenmap)
    regelsets = sorted(bibliotheek.regelsets, key=lambda r: (r.naam, r.geldig_vanaf))
    paginas = [_regelsetpagina(bron, r, per_regelset.get(r.sleutel, [])) for r in regelsets]
    parameters = parameterpaginas(bron)
    for p in paginas:
        for regel in p.regels:
            for naam in regel.parameters:
                parameters[naam].gebruikt_door.append((p.pagina, regel.id))
    wijzigingen = _wijzigingen(bibliotheek.map)
    algemeen = {"regelsets": paginas, "heeft_wijzigingen": wijzigingen is not None}
    site: dict[str, str] = {
        "stijl.css": omgeving.get_template("stijl.css").render(),
        "index.html": omgeving.get_template("index.html").render(**algemeen, actief="index"),
        "regels.html": omgeving.get_template("regels.html").render(**algemeen, actief="regels"),
        "parameters.html": omgeving.get_template("parameters.html").render(
            **algemeen,
            parameters=sorted(parameters.values(), key=lambda p: p.naam),
            actief="parameters",
        ),
    }
    for p in paginas:
        site[p.pagina] = omgeving.get_template("regelset.html").render(**algemeen, p=p, actief="")
        knopen, randen = afhankelijkheden(p.regelset)
        site[p.grafiekpagina] = omgeving.get_template("afhankelijkheden.html").render(
            **algemeen,
            p=p,
            grafiek=svg(p.regelset, p.pagina),
            knopen=knopen,
            randen=randen,
            actief="",
        )
    for parameter in parameters.values():
        site[parameterpagina(parameter)] = omgeving.get_template("parameter.html").render(
            **algemeen, parameter=parameter, actief="parameters"
        )
    if wijzigingen is not None:
        site["wijzigingen.html"] = omgeving.get_template("wijzigingen.html").render(
            **algemeen, inhoud=wijzigingen, actief="wijzigingen"
        )
    return site


def parameterpagina(parameter: Parameterpagina) -> str:
    return f"parameter-{parameter.naam}.html"


def _wijzigingen(map: Path) -> Markup | None:
    """rules/CHANGELOG.md as HTML (raw HTML in it is escaped, not passed through)."""
    pad = map / WIJZIGINGEN
    if not pad.is_file():
        return None
    html = MarkdownIt("commonmark", {"html": False}).render(pad.read_text(encoding="utf-8"))
    return Markup(html)


def schrijf_site(site: dict[str, str], doel: Path) -> None:
    """Write the pages under `doel` (created if needed)."""
    doel.mkdir(parents=True, exist_ok=True)
    for pad, tekst in site.items():
        (doel / pad).write_text(tekst, encoding="utf-8")

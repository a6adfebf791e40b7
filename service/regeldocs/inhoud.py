"""What the documentation shows, gathered from the rule files and the compiled rule sets.

Fields are read generically from the pydantic models of service/rulefiles/model.py: the
fields this module knows get their own place on the page; every other field that is set
(added to the format later) is listed under "Overige kenmerken", an expression written
out in Dutch where it parses as one. So a new field of the rule-file format shows up
without a change here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from service.engine.compiled import GecompileerdeRegel, GecompileerdeRegelset
from service.regeldocs.nederlands import Typen, Vertaler, getal
from service.regeldocs.woorden import naam_als_tekst
from service.rulefiles.expressions import ExpressieFout, compileer
from service.rulefiles.loading import Bibliotheekbron
from service.rulefiles.model import Invoerveld, Regel
from service.rulefiles.parametermodel import Parameter, Parameterbestand

OPEN_VRAAG = "[?]"
_INVOERTYPEN = {
    "datum": "datum",
    "bedrag": "bedrag",
    "geheelGetal": "getal",
    "getal": "getal",
    "jaNee": "jaNee",
    "lijst": "lijst",
    "tekst": "tekst",
    "keuze": "tekst",
}


@dataclass
class Kenmerk:
    """A field of the rule-file format shown generically: its name, value and Dutch reading."""

    naam: str
    waarde: Any
    nederlands: str | None = None


@dataclass
class Voorwaarde:
    nederlands: str
    code: str


@dataclass
class Effect:
    naam: str
    naam_tekst: str
    nederlands: str
    code: str


@dataclass
class Regelpagina:
    id: str
    titel: str
    bestand: str
    regelnummer: int
    stratum: int
    voor_elke: str | None
    groep: str | None
    voorwaarden: list[Voorwaarde]
    effecten: list[Effect]
    uitleg: str
    grondslag: list[dict[str, Any]]
    notitie: str | None
    open_vraag: bool
    leest: list[str]
    parameters: list[str]
    overig: list[Kenmerk]
    gevallen: list[str] = field(default_factory=list)


def invoertypen(invoer: dict[str, Invoerveld]) -> Typen:
    """Type per name (internal names), list element fields included."""
    typen: Typen = {}
    for naam, veld in invoer.items():
        typen[veld.intern or naam] = _INVOERTYPEN.get(veld.type, veld.type)
        if veld.velden:
            typen.update(invoertypen(veld.velden))
    return typen


def parametertype(parameter: Parameter) -> str:
    """The type a parameter declares, in the words the Dutch translation uses."""
    return _INVOERTYPEN.get(parameter.type, parameter.type)


def typen_van(regelset: GecompileerdeRegelset) -> Typen:
    """Type of every name a rule set knows: input, parameters, derived values."""
    typen: Typen = {"peildatum": "datum", **invoertypen(regelset.invoer)}
    for naam, parameter in regelset.parameters.items():
        typen[naam] = parametertype(parameter.definitie)
    vertaler = Vertaler(typen)
    for _ in range(2):  # a second pass settles names derived from later-typed names
        for regel in regelset.regels:
            for naam, expressie in regel.effecten:
                soort = vertaler.type_van(expressie.tekst)
                if soort:
                    vertaler.typen[naam] = soort
    return vertaler.typen


def kenmerken(model: BaseModel, bekend: set[str], vertaler: Vertaler | None) -> list[Kenmerk]:
    """Every field that is set on the model and is not shown elsewhere on the page."""
    uit = []
    for naam in model.model_fields_set - bekend:
        waarde = getattr(model, naam)
        if waarde is None:
            continue
        nederlands = None
        if vertaler is not None and isinstance(waarde, str) and _is_uitdrukking(waarde, vertaler):
            nederlands = vertaler.uitdrukking(waarde)
        uit.append(Kenmerk(naam, als_weergave(waarde), nederlands))
    return sorted(uit, key=lambda k: k.naam)


def _is_uitdrukking(tekst: str, vertaler: Vertaler) -> bool:
    try:
        expressie = compileer(tekst)
    except ExpressieFout:
        return False
    return bool(expressie.namen & set(vertaler.typen)) or bool(expressie.functies)


def als_weergave(waarde: Any) -> Any:
    """A value for the page: Dutch numbers and dates, models as plain mappings."""
    if isinstance(waarde, BaseModel):
        return als_weergave(waarde.model_dump(exclude_none=True))
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, int | Decimal | float):
        return getal(waarde)
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, dict):
        return {str(k): als_weergave(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [als_weergave(v) for v in waarde]
    return waarde


BEKENDE_REGELVELDEN = {
    "id",
    "titel",
    "grondslag",
    "voorElke",
    "groep",
    "als",
    "dan",
    "uitleg",
    "notitie",
}


def bronregel(bron: Bibliotheekbron, regel: GecompileerdeRegel) -> Regel | None:
    model = bron.bestanden[regel.bestand].model
    for kandidaat in getattr(model, "regels", []):
        if kandidaat.id == regel.id:
            return kandidaat  # type: ignore[no-any-return]
    return None


def regelpagina(
    bron: Bibliotheekbron, regelset: GecompileerdeRegelset, regel: GecompileerdeRegel, v: Vertaler
) -> Regelpagina:
    """One rule as jurists read it: conditions and effects in Dutch, with the source beside."""
    model = bronregel(bron, regel)
    als = model.als if model else []
    afgeleid = {naam for naam, _ in regel.effecten}
    gelezen = [n for n in regel.waardenamen if n not in afgeleid]
    notitie = (regel.notitie or "").strip() or None
    return Regelpagina(
        id=regel.id,
        titel=regel.titel,
        bestand=regel.bestand,
        regelnummer=regel.regelnummer,
        stratum=regel.stratum,
        voor_elke=regel.feittype if regel.feittype != "zaak" else None,
        groep=regel.groep,
        voorwaarden=[Voorwaarde(v.voorwaarde(t), t) for t in als],
        effecten=[
            Effect(naam, v.naam(naam), v.uitdrukking(e.tekst), e.tekst)
            for naam, e in regel.effecten
        ],
        uitleg=(model.uitleg if model else "").strip(),
        grondslag=[g.model_dump(exclude_none=True) for g in regel.grondslag],
        notitie=notitie,
        open_vraag=OPEN_VRAAG in (notitie or ""),
        leest=[n for n in gelezen if n not in regelset.parameters],
        parameters=[n for n in gelezen if n in regelset.parameters],
        overig=kenmerken(model, BEKENDE_REGELVELDEN, v) if model else [],
    )


@dataclass
class Parameterwaarde:
    geldig_vanaf: str
    geldig_tot: str | None
    waarde: Any
    bron: str | None
    notitie: str | None
    open_vraag: bool
    bestand: str
    regelnummer: int
    overig: list[Kenmerk]


@dataclass
class Parameterpagina:
    naam: str
    naam_tekst: str
    omschrijving: str
    eenheid: str | None
    grondslag: list[dict[str, Any]]
    notitie: str | None
    open_vraag: bool
    waarden: list[Parameterwaarde]
    overig: list[Kenmerk]
    gebruikt_door: list[tuple[str, str]] = field(default_factory=list)  # (regelset, regel-id)


BEKENDE_PARAMETERVELDEN = {"omschrijving", "eenheid", "grondslag", "notitie", "waarden"}
BEKENDE_WAARDEVELDEN = {"geldigVanaf", "geldigTot", "waarde", "bron", "notitie"}


def parameterpaginas(bron: Bibliotheekbron) -> dict[str, Parameterpagina]:
    """Every parameter of every parameter file, its dated values merged over files."""
    paginas: dict[str, Parameterpagina] = {}
    for pad, bestand in sorted(bron.bestanden.items()):
        if not isinstance(bestand.model, Parameterbestand):
            continue
        for naam, parameter in bestand.model.parameters.items():
            pagina = paginas.get(naam)
            if pagina is None:
                notitie = (parameter.notitie or "").strip() or None
                pagina = paginas[naam] = Parameterpagina(
                    naam=naam,
                    naam_tekst=naam_als_tekst(naam),
                    omschrijving=parameter.omschrijving,
                    eenheid=parameter.eenheid,
                    grondslag=[g.model_dump(exclude_none=True) for g in parameter.grondslag],
                    notitie=notitie,
                    open_vraag=OPEN_VRAAG in (notitie or ""),
                    waarden=[],
                    overig=kenmerken(parameter, BEKENDE_PARAMETERVELDEN, None),
                )
            for i, w in enumerate(parameter.waarden):
                notitie = (w.notitie or "").strip() or None
                pagina.waarden.append(
                    Parameterwaarde(
                        geldig_vanaf=w.geldigVanaf.isoformat(),
                        geldig_tot=w.geldigTot.isoformat() if w.geldigTot else None,
                        waarde=als_weergave(w.waarde),
                        bron=w.bron,
                        notitie=notitie,
                        open_vraag=OPEN_VRAAG in (notitie or ""),
                        bestand=pad,
                        regelnummer=bestand.regelnummer("parameters", naam, "waarden", i),
                        overig=kenmerken(w, BEKENDE_WAARDEVELDEN, None),
                    )
                )
    for pagina in paginas.values():
        pagina.waarden.sort(key=lambda w: w.geldig_vanaf)
        for huidig, volgend in zip(pagina.waarden, pagina.waarden[1:], strict=False):
            if huidig.geldig_tot is None:  # implied: until the day before the next value
                einde = dt.date.fromisoformat(volgend.geldig_vanaf) - dt.timedelta(days=1)
                huidig.geldig_tot = f"{einde.isoformat()} (tot de volgende waarde)"
    return paginas

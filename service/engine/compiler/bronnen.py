"""Compiler phase 1: the files a rule set imports, its parameters and its merged input."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.engine.parameters import GecompileerdeParameter
from service.rulefiles.loading import Bibliotheekbron, GeladenBestand, Probleem
from service.rulefiles.model import Invoerveld, Regel, Regelmodule, Regelset
from service.rulefiles.parametermodel import Parameter, Parameterbestand


@dataclass
class Melder:
    """Collects problems while compiling one rule set; never stops at the first."""

    problemen: list[Probleem] = field(default_factory=list)

    def probleem(
        self, bestand: GeladenBestand, regelnummer: int, regel_id: str, melding: str
    ) -> None:
        self.problemen.append(Probleem(bestand.pad, regelnummer, regel_id, melding))


@dataclass(frozen=True)
class Regelbron:
    """One rule and where it stands: file and index in that file's `regels`."""

    bestand: GeladenBestand
    index: int
    regel: Regel
    kapot: bool = False
    """A placeholder for a rule with errors: it defines names, nothing of it is checked."""

    def regelnummer(self, *pad: str | int) -> int:
        return self.bestand.regelnummer("regels", self.index, *pad)


@dataclass
class Bronnen:
    """Everything a rule set consists of, after its imports are resolved."""

    hoofd: GeladenBestand
    model: Regelset
    geimporteerd: list[GeladenBestand]
    parameters: dict[str, GecompileerdeParameter]
    invoer: dict[str, Invoerveld]
    zaakvelden: dict[str, Invoerveld]  # by the name the rules use (`intern`)
    lijsten: dict[str, dict[str, Invoerveld]]  # list name → its element fields
    regels: list[Regelbron]
    kapotte_parameters: frozenset[str] = frozenset()  # known names, of unknown type
    onvolledig: bool = False  # a file was loaded without its broken parts: never compiled

    @property
    def parameternamen(self) -> frozenset[str]:
        """Every parameter's name, also of those left out for their errors."""
        return frozenset(self.parameters) | self.kapotte_parameters


def _uitgevouwen(
    bron: Bibliotheekbron, m: Melder, bestand: GeladenBestand, paden: list[str]
) -> tuple[list[tuple[int, str]], bool]:
    """Import paths with every directory ('…/') replaced by the files in it; and completeness."""
    uit: list[tuple[int, str]] = []
    volledig = True
    for i, pad in enumerate(paden):
        if not pad.endswith("/"):
            uit.append((i, pad))
            continue
        in_map = sorted(
            {b for b in bron.bestanden if b.startswith(pad)}
            | {p.bestand for p in bron.problemen if p.bestand.startswith(pad)}
        )
        if not in_map:
            m.probleem(
                bestand,
                bestand.regelnummer("importeer", i),
                "-",
                f"importeer: map '{pad}' bevat geen regelbestanden",
            )
            volledig = False
        uit.extend((i, b) for b in in_map)
    return uit, volledig


def imports(
    bron: Bibliotheekbron, m: Melder, bestand: GeladenBestand, gezien: set[str]
) -> tuple[list[GeladenBestand], bool]:
    """The imported files, depth first, each once; and whether every import could be read."""
    model = bestand.model
    assert isinstance(model, Regelset | Regelmodule)
    uit: list[GeladenBestand] = []
    paden, volledig = _uitgevouwen(bron, m, bestand, model.importeer)
    for i, pad in paden:
        if pad in gezien:
            continue
        gezien.add(pad)
        doel = bron.bestanden.get(pad)
        regelnummer = bestand.regelnummer("importeer", i)
        if doel is None:
            kapot = any(p.bestand == pad for p in bron.problemen)
            m.probleem(
                bestand,
                regelnummer,
                "-",
                f"importeer: '{pad}' heeft fouten (zie de meldingen daar); de regels hier "
                "worden pas gecontroleerd als die zijn opgelost"
                if kapot
                else f"importeer: '{pad}' bestaat niet (pad relatief aan de regelmap)",
            )
            volledig = False
            continue
        if isinstance(doel.model, Regelset):
            m.probleem(
                bestand,
                regelnummer,
                "-",
                f"importeer: '{pad}' is een regelset; importeer alleen modules en parameters",
            )
            continue
        if isinstance(doel.model, Regelmodule):
            dieper, compleet = imports(bron, m, doel, gezien)
            uit.extend(dieper)
            volledig = volledig and compleet
        uit.append(doel)
    return uit, volledig


def _parameters(m: Melder, bestanden: list[GeladenBestand]) -> dict[str, GecompileerdeParameter]:
    """All parameters; one parameter may be spread over files (one file per period)."""
    definities: dict[str, Parameter] = {}
    for bestand in bestanden:
        if not isinstance(bestand.model, Parameterbestand):
            continue
        for naam, parameter in bestand.model.parameters.items():
            eerder = definities.get(naam)
            if eerder is not None:
                datums = {w.geldigVanaf for w in eerder.waarden}
                for w in parameter.waarden:
                    if w.geldigVanaf in datums:
                        m.probleem(
                            bestand,
                            bestand.regelnummer("parameters", naam),
                            naam,
                            f"een waarde met geldigVanaf {w.geldigVanaf} staat al in een ander bestand",
                        )
                if (eerder.type, eerder.datering) != (parameter.type, parameter.datering):
                    m.probleem(
                        bestand,
                        bestand.regelnummer("parameters", naam, "type"),
                        naam,
                        "type of datering verschilt van dezelfde parameter in een ander bestand",
                    )
                parameter = eerder.model_copy(
                    update={
                        "waarden": sorted(
                            [*eerder.waarden, *parameter.waarden], key=lambda w: w.geldigVanaf
                        )
                    }
                )
            definities[naam] = parameter
    return {naam: GecompileerdeParameter.uit(naam, p) for naam, p in definities.items()}


def voeg_invoer_samen(doel: dict[str, Invoerveld], extra: dict[str, Invoerveld]) -> list[str]:
    """Merge a module's input into a rule set's (in place); the rule set's own settings win.

    Lists merge their element fields, so a module can ask for the fields it reads; a list in
    a list too, so a rule set can give a module's list its own `intern` name or description
    and keep the module's element fields.
    """
    fouten = []
    for naam, veld in extra.items():
        eigen = doel.get(naam)
        if eigen is None:
            doel[naam] = veld
        elif eigen.type != veld.type:
            fouten.append(f"invoerveld '{naam}' is hier {veld.type}, in de regelset {eigen.type}")
        elif eigen.type == "lijst":
            velden = dict(eigen.velden or {})
            fouten += voeg_invoer_samen(velden, veld.velden or {})  # the rule set's fields win
            doel[naam] = eigen.model_copy(
                update={
                    "velden": {**(veld.velden or {}), **velden},  # the module's fields first
                    "verplicht": eigen.verplicht or veld.verplicht,
                    "minstensEenVan": eigen.minstensEenVan or veld.minstensEenVan,
                    "maxElementen": eigen.maxElementen or veld.maxElementen,
                    "uniek": eigen.uniek or veld.uniek,
                    "minElementen": eigen.minElementen or veld.minElementen,
                }
            )
    return fouten


def scope_namen(invoer: dict[str, Invoerveld]) -> dict[str, Invoerveld]:
    """Input fields by the name the rules use for them (`intern`, else the field's own name)."""
    return {(v.intern or k): v for k, v in invoer.items()}


def verzamel(bron: Bibliotheekbron, m: Melder, pad: str) -> Bronnen | None:
    """Phase 1 for the rule set in file `pad`; None when an import is missing or broken."""
    hoofd = bron.bestanden[pad]
    model = hoofd.model
    assert isinstance(model, Regelset)
    geimporteerd, volledig = imports(bron, m, hoofd, set())
    if not volledig:  # checking names against missing imports would only bury the real error
        return None
    invoer = dict(model.invoer)
    for bestand in geimporteerd:
        if isinstance(bestand.model, Regelmodule):
            for fout in voeg_invoer_samen(invoer, bestand.model.invoer):
                m.probleem(bestand, bestand.regelnummer("invoer"), "invoer", fout)
    zaakvelden = scope_namen(invoer)
    regels = [
        Regelbron(bestand, i, r, i in bestand.kapotte_regels)
        for bestand in [*geimporteerd, hoofd]
        if isinstance(bestand.model, Regelset | Regelmodule)
        for i, r in enumerate(bestand.model.regels)
    ]
    return Bronnen(
        hoofd=hoofd,
        model=model,
        geimporteerd=geimporteerd,
        parameters=_parameters(m, geimporteerd),
        invoer=invoer,
        zaakvelden=zaakvelden,
        lijsten={
            naam: scope_namen(veld.velden or {})
            for naam, veld in zaakvelden.items()
            if veld.type == "lijst"
        },
        regels=regels,
        kapotte_parameters=frozenset().union(*(b.kapotte_parameters for b in geimporteerd)),
        onvolledig=any(b.onvolledig for b in [hoofd, *geimporteerd]),
    )

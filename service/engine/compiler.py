"""Rule files → compiled rule sets (checked, stratified, ready for durable_rules).

The compiler checks what the schema cannot: every name a rule uses exists, no two
levels define the same name, explanation templates only use known values, there is no
circular reasoning. It orders the rules in *strata*: a rule runs after every rule that
derives a value it reads (forward chaining), so a stratum's facts are complete before
the next stratum's rules look at them.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from typing import Any

from service.engine.compiled import INGEBOUWD, ZAAK, GecompileerdeRegel, GecompileerdeRegelset
from service.engine.conditions import (
    Conditie,
    aantal_veld,
    naar_durable,
    velden,
    vertaal_voorwaarde,
)
from service.engine.presentation import ontleed_uitleg
from service.engine.strata import stratificeer
from service.rulefiles.expressions import Expressie, ExpressieFout, compileer
from service.rulefiles.functions import ALLE_FUNCTIES, MET_PARAMETERS
from service.rulefiles.loading import Bibliotheekbron, GeladenBestand, Probleem
from service.rulefiles.model import (
    Invoerveld,
    Parameter,
    Parameterbestand,
    Regel,
    Regelmodule,
    Regelset,
    Uitvoerlijst,
)


class _Compilatie:
    """Collects problems while compiling one rule set; never stops at the first."""

    def __init__(self, bron: Bibliotheekbron, pad: str) -> None:
        self.bron = bron
        self.pad = pad
        self.problemen: list[Probleem] = []
        self.onvolledig = False

    def probleem(self, bestand: GeladenBestand, regel: int, regel_id: str, melding: str) -> None:
        self.problemen.append(Probleem(bestand.pad, regel, regel_id, melding))

    def imports(self, bestand: GeladenBestand, gezien: set[str]) -> list[GeladenBestand]:
        """The imported files, depth first, each once."""
        model = bestand.model
        assert isinstance(model, Regelset | Regelmodule)
        uit: list[GeladenBestand] = []
        for i, pad in self._uitgevouwen(bestand, model.importeer):
            if pad in gezien:
                continue
            gezien.add(pad)
            doel = self.bron.bestanden.get(pad)
            if doel is None:
                kapot = any(p.bestand == pad for p in self.bron.problemen)
                self.probleem(
                    bestand,
                    bestand.regel("importeer", i),
                    "-",
                    f"importeer: '{pad}' heeft fouten (zie de meldingen daar)"
                    if kapot
                    else f"importeer: '{pad}' bestaat niet (pad relatief aan de regelmap)",
                )
                self.onvolledig = True
                continue
            if isinstance(doel.model, Regelset):
                self.probleem(
                    bestand,
                    bestand.regel("importeer", i),
                    "-",
                    f"importeer: '{pad}' is een regelset; importeer alleen modules en parameters",
                )
                continue
            if isinstance(doel.model, Regelmodule):
                uit.extend(self.imports(doel, gezien))
            uit.append(doel)
        return uit

    def _uitgevouwen(self, bestand: GeladenBestand, paden: list[str]) -> list[tuple[int, str]]:
        """Import paths with every directory ('…/') replaced by the files in it."""
        uit: list[tuple[int, str]] = []
        for i, pad in enumerate(paden):
            if not pad.endswith("/"):
                uit.append((i, pad))
                continue
            in_map = sorted(
                {b for b in self.bron.bestanden if b.startswith(pad)}
                | {p.bestand for p in self.bron.problemen if p.bestand.startswith(pad)}
            )
            if not in_map:
                self.probleem(
                    bestand,
                    bestand.regel("importeer", i),
                    "-",
                    f"importeer: map '{pad}' bevat geen regelbestanden",
                )
                self.onvolledig = True
            uit.extend((i, b) for b in in_map)
        return uit


def _voeg_invoer_samen(doel: dict[str, Invoerveld], extra: dict[str, Invoerveld]) -> list[str]:
    """Merge a module's input into a rule set's (in place); the rule set's own settings win.

    Lists merge their element fields, so a module can ask for the fields it reads.
    """
    fouten = []
    for naam, veld in extra.items():
        eigen = doel.get(naam)
        if eigen is None:
            doel[naam] = veld
        elif eigen.type != veld.type:
            fouten.append(f"invoerveld '{naam}' is hier {veld.type}, in de regelset {eigen.type}")
        elif eigen.type == "lijst":
            velden = dict(veld.velden or {})
            fouten += _voeg_invoer_samen(velden, eigen.velden or {})  # the rule set's fields win
            doel[naam] = eigen.model_copy(
                update={
                    "velden": {**velden, **(eigen.velden or {})},
                    "verplicht": eigen.verplicht or veld.verplicht,
                    "minstensEenVan": eigen.minstensEenVan or veld.minstensEenVan,
                    "maxElementen": eigen.maxElementen or veld.maxElementen,
                }
            )
    return fouten


def _scope_namen(invoer: dict[str, Invoerveld]) -> dict[str, Invoerveld]:
    return {(v.intern or k): v for k, v in invoer.items()}


def compileer_regelset(
    bron: Bibliotheekbron, pad: str
) -> tuple[GecompileerdeRegelset | None, list[Probleem]]:
    """Compile the rule set in file `pad` with everything it imports."""
    c = _Compilatie(bron, pad)
    hoofd = bron.bestanden[pad]
    model = hoofd.model
    assert isinstance(model, Regelset)
    geimporteerd = c.imports(hoofd, set())
    if c.onvolledig:  # checking names against missing imports would only bury the real error
        return None, c.problemen

    parameters: dict[str, Parameter] = {}
    for bestand in geimporteerd:
        if isinstance(bestand.model, Parameterbestand):
            for naam, parameter in bestand.model.parameters.items():
                if naam in parameters:
                    # The same parameter in another file (one file per period): merge the values.
                    eerdere_datums = {w.geldigVanaf for w in parameters[naam].waarden}
                    for w in parameter.waarden:
                        if w.geldigVanaf in eerdere_datums:
                            c.probleem(
                                bestand,
                                bestand.regel("parameters", naam),
                                naam,
                                f"een waarde met geldigVanaf {w.geldigVanaf} staat al in een ander bestand",
                            )
                    waarden = sorted(
                        [*parameters[naam].waarden, *parameter.waarden], key=lambda w: w.geldigVanaf
                    )
                    parameter = parameters[naam].model_copy(update={"waarden": waarden})
                parameters[naam] = parameter

    regels: list[tuple[GeladenBestand, int, Regel]] = []
    for bestand in [*geimporteerd, hoofd]:
        if isinstance(bestand.model, Regelset | Regelmodule):
            regels.extend((bestand, i, r) for i, r in enumerate(bestand.model.regels))

    invoer = dict(model.invoer)
    for bestand in geimporteerd:
        if isinstance(bestand.model, Regelmodule):
            for fout in _voeg_invoer_samen(invoer, bestand.model.invoer):
                c.probleem(bestand, bestand.regel("invoer"), "invoer", fout)
    zaakvelden = _scope_namen(invoer)
    lijsten = {
        naam: _scope_namen(veld.velden or {})
        for naam, veld in zaakvelden.items()
        if veld.type == "lijst"
    }
    for lijst, elementvelden in lijsten.items():
        for naam in elementvelden:
            if naam in zaakvelden or naam in parameters:
                c.probleem(
                    hoofd,
                    hoofd.regel("invoer", lijst),
                    f"invoer.{lijst}",
                    f"veld '{naam}' bestaat ook op zaakniveau of als parameter; kies een andere naam",
                )
    for naam in zaakvelden:
        if naam in parameters:
            c.probleem(
                hoofd,
                hoofd.regel("invoer", naam),
                f"invoer.{naam}",
                "dezelfde naam bestaat als parameter; kies een andere naam",
            )

    # Which level derives which name.
    afgeleid: dict[str, str] = {}
    schrijvers: dict[str, list[str]] = {}
    for bestand, i, regel in regels:
        feittype = regel.voorElke or ZAAK
        if regel.voorElke and regel.voorElke not in lijsten:
            c.probleem(
                bestand,
                bestand.regel("regels", i, "voorElke"),
                regel.id,
                f"voorElke: '{regel.voorElke}' is geen lijst in de invoer",
            )
        for naam in regel.dan:
            bestaand = lijsten.get(feittype, {}) if feittype != ZAAK else zaakvelden
            if naam in bestaand or naam in parameters or naam in INGEBOUWD:
                c.probleem(
                    bestand,
                    bestand.regel("regels", i, "dan", naam),
                    regel.id,
                    f"'{naam}' is al invoer of parameter; een regel mag die niet overschrijven",
                )
            if afgeleid.setdefault(naam, feittype) != feittype:
                c.probleem(
                    bestand,
                    bestand.regel("regels", i, "dan", naam),
                    regel.id,
                    f"'{naam}' wordt ook op een ander niveau afgeleid",
                )
            schrijvers.setdefault(naam, []).append(regel.id)

    def bekend_op(feittype: str) -> set[str]:
        namen = set(zaakvelden) | set(parameters) | INGEBOUWD
        namen |= {n for n, t in afgeleid.items() if t == ZAAK}
        namen |= {aantal_veld(lijst) for lijst in lijsten}
        if feittype != ZAAK:
            elementen = lijsten.get(feittype, {})
            namen |= set(elementen) | {n for n, t in afgeleid.items() if t == feittype}
            namen |= {aantal_veld(n) for n, v in elementen.items() if v.type == "lijst"}
        return namen

    ontleed: list[dict[str, Any]] = []
    for bestand, i, regel in regels:
        feittype = regel.voorElke or ZAAK
        bekend = bekend_op(feittype)
        condities: list[Conditie] = []
        gelezen: list[str] = []
        for j, tekst in enumerate(regel.als):
            try:
                conditie = vertaal_voorwaarde(tekst)
            except ExpressieFout as fout:
                c.probleem(bestand, bestand.regel("regels", i, "als", j), regel.id, str(fout))
                continue
            onbekend = velden(conditie) - bekend
            for naam in sorted(onbekend):
                c.probleem(
                    bestand,
                    bestand.regel("regels", i, "als", j),
                    regel.id,
                    f"'{naam}' is geen invoerveld, parameter of afgeleide waarde",
                )
            condities.append(conditie)
            gelezen.extend(n for n in sorted(velden(conditie)) if not n.startswith("_n_"))
        effecten: list[tuple[str, Expressie]] = []
        lokaal: set[str] = set()
        for naam, tekst in regel.dan.items():
            try:
                expressie = compileer(tekst)
            except ExpressieFout as fout:
                c.probleem(bestand, bestand.regel("regels", i, "dan", naam), regel.id, str(fout))
                lokaal.add(naam)  # still defined: later effects should not report it again
                continue
            for functie in sorted(expressie.functies - ALLE_FUNCTIES):
                c.probleem(
                    bestand,
                    bestand.regel("regels", i, "dan", naam),
                    regel.id,
                    f"onbekende functie '{functie}'",
                )
            for functie in sorted(expressie.functies & set(MET_PARAMETERS)):
                for p in MET_PARAMETERS[functie]:
                    if p not in parameters:
                        c.probleem(
                            bestand,
                            bestand.regel("regels", i, "dan", naam),
                            regel.id,
                            f"functie '{functie}' heeft parameter '{p}' nodig: importeer die",
                        )
            for onbekend_naam in sorted(expressie.namen - bekend - lokaal):
                c.probleem(
                    bestand,
                    bestand.regel("regels", i, "dan", naam),
                    regel.id,
                    f"'{onbekend_naam}' is geen invoerveld, parameter of afgeleide waarde",
                )
            gelezen.extend(sorted(expressie.namen - lokaal))
            effecten.append((naam, expressie))
            lokaal.add(naam)
        # The explanation may show any known value; it then counts as read (and waits for it).
        sjabloon = {v for _, v, _, _ in string.Formatter().parse(regel.uitleg) if v}
        for naam in sorted(sjabloon - bekend - set(regel.dan)):
            c.probleem(
                bestand,
                bestand.regel("regels", i, "uitleg"),
                regel.id,
                f"uitleg gebruikt '{{{naam}}}', maar dat is geen bekende waarde",
            )
        gelezen.extend(sorted((sjabloon & bekend) - set(regel.dan)))
        ontleed.append(
            {
                "bestand": bestand,
                "i": i,
                "regel": regel,
                "feittype": feittype,
                "condities": condities,
                "effecten": effecten,
                "gelezen": set(gelezen),
            }
        )

    strata = stratificeer(c.probleem, ontleed, schrijvers, lijsten)
    gecompileerd: list[GecompileerdeRegel] = []
    feitvelden: dict[str, set[str]] = {}
    for volgorde, o in enumerate(ontleed):
        regel, feittype = o["regel"], o["feittype"]
        # A decision-table row matches on its own conditions; of the rows of one group that
        # match an element, the runtime applies only the first (see evaluation._Werk).
        delen: list[Conditie] = list(o["condities"])
        stratum = strata.get(regel.id, 1)
        conditievelden: set[str] = set().union(*(velden(d) for d in delen)) if delen else set()
        feitvelden.setdefault(feittype, set()).update(conditievelden)
        durable_conditie = {
            "$and": [{"_t": feittype}, {"_f": stratum}, *(naar_durable(d) for d in delen)]
        }
        gecompileerd.append(
            GecompileerdeRegel(
                id=regel.id,
                titel=regel.titel,
                grondslag=tuple(regel.grondslag),
                notitie=regel.notitie,
                uitleg=ontleed_uitleg(regel.uitleg),
                feittype=feittype,
                groep=regel.groep,
                volgorde=volgorde,
                stratum=stratum,
                conditie=durable_conditie,
                conditievelden=frozenset(conditievelden),
                effecten=tuple(o["effecten"]),
                waardenamen=tuple(dict.fromkeys([*sorted(o["gelezen"]), *regel.dan])),
                bestand=o["bestand"].pad,
                regelnummer=o["bestand"].regel("regels", o["i"]),
            )
        )

    ids: dict[str, int] = {}
    for o in ontleed:
        if o["regel"].id in ids:
            c.probleem(
                o["bestand"],
                o["bestand"].regel("regels", o["i"], "id"),
                o["regel"].id,
                "deze regel-id komt twee keer voor; een id moet uniek zijn",
            )
        ids[o["regel"].id] = 1

    uitkomst = _controleer_uitkomst(c, hoofd, model, bekend_op, lijsten)
    mandaat_expressies: dict[str, Expressie | None] = {"bedrag": None, "looptijdMaanden": None}
    if model.mandaat is not None:
        for sleutel in mandaat_expressies:
            tekst = getattr(model.mandaat, sleutel)
            if tekst is None:
                continue
            try:
                mandaat_expressies[sleutel] = expressie = compileer(tekst)
            except ExpressieFout as fout:
                c.probleem(hoofd, hoofd.regel("mandaat", sleutel), "mandaat", str(fout))
                continue
            for naam in sorted(expressie.namen - bekend_op(ZAAK)):
                c.probleem(
                    hoofd,
                    hoofd.regel("mandaat", sleutel),
                    "mandaat",
                    f"'{naam}' is geen invoerveld, parameter of afgeleide waarde",
                )
    if c.problemen:
        return None, c.problemen
    paden = [pad, *(b.pad for b in geimporteerd)]
    return (
        GecompileerdeRegelset(
            naam=model.regelset,
            versie=model.versie,
            titel=model.titel,
            doel=model.doel,
            eigenaar=model.eigenaar,
            geldig_vanaf=model.geldigVanaf,
            geldig_tot=model.geldigTot,
            menselijke_tussenkomst=model.menselijkeTussenkomst,
            hash=bron.inhoudshash(paden),
            bestanden=tuple(paden),
            invoer=invoer,
            parameters=parameters,
            regels=tuple(gecompileerd),
            strata=max((r.stratum for r in gecompileerd), default=0),
            feitvelden={t: tuple(sorted(v)) for t, v in feitvelden.items()},
            lijsten=lijsten,
            uitkomst=uitkomst,
            mandaatbedrag=mandaat_expressies["bedrag"],
            mandaatlooptijd=mandaat_expressies["looptijdMaanden"],
        ),
        [],
    )


def _controleer_uitkomst(
    c: _Compilatie,
    hoofd: GeladenBestand,
    model: Regelset,
    bekend_op: Any,
    lijsten: dict[str, dict[str, Invoerveld]],
) -> dict[str, Any]:
    def controleer(namen: Iterable[str], feittype: str, pad: tuple[str | int, ...]) -> None:
        bekend = bekend_op(feittype)
        for naam in namen:
            if naam not in bekend:
                c.probleem(
                    hoofd,
                    hoofd.regel(*pad),
                    f"uitkomst.{pad[1]}",
                    f"'{naam}' is geen invoerveld of afgeleide waarde",
                )

    for sleutel, spec in model.uitkomst.items():
        pad: tuple[str | int, ...] = ("uitkomst", sleutel)
        if isinstance(spec, str):
            controleer([spec], ZAAK, pad)
        elif isinstance(spec, Uitvoerlijst):
            if spec.voorElke not in lijsten:
                c.probleem(
                    hoofd,
                    hoofd.regel(*pad),
                    f"uitkomst.{sleutel}",
                    f"voorElke: '{spec.voorElke}' is geen lijst in de invoer",
                )
                continue
            for waarde in spec.velden.values():
                namen = [waarde] if isinstance(waarde, str) else list(waarde.values())
                controleer(namen, spec.voorElke, pad)
        else:
            controleer(spec.values(), ZAAK, pad)
    return dict(model.uitkomst)

"""Compiler phase 5: emit the compiled rule set — durable_rules conditions per rule, the
checked output specification and the mandate expressions."""

from __future__ import annotations

from collections.abc import Iterable

from service.engine.compiled import ZAAK, GecompileerdeRegel
from service.engine.compiler.bronnen import Bronnen, Melder
from service.engine.compiler.ontleding import Namen, OntledenRegel
from service.engine.conditions import Conditie, naar_durable, velden
from service.engine.presentation import ontleed_uitleg
from service.rulefiles.expressions import Expressie, ExpressieFout, compileer
from service.rulefiles.functions import MELDENDE_FUNCTIES
from service.rulefiles.model import Uitvoer, Uitvoerlijst


def emitteer_regels(
    regels: list[OntledenRegel], strata: dict[str, int], b: Bronnen
) -> list[GecompileerdeRegel]:
    """One GecompileerdeRegel per rule, in file order (the order of decision-table rows)."""
    uit = []
    for volgorde, o in enumerate(regels):
        regel = o.bron.regel
        # A decision-table row matches on its own conditions; of the rows of one group that
        # match an element, the runtime applies only the first (see evaluation._Werk).
        delen: list[Conditie] = [c for _, c in o.condities]
        stratum = strata.get(o.id, 1)
        conditievelden: set[str] = set().union(*(velden(d) for d in delen)) if delen else set()
        gelezen = sorted(o.gelezen)
        uit.append(
            GecompileerdeRegel(
                id=regel.id,
                titel=regel.titel,
                grondslag=tuple(regel.grondslag),
                notitie=regel.notitie,
                uitleg=ontleed_uitleg(regel.uitleg),
                feittype=o.feittype,
                groep=regel.groep,
                volgorde=volgorde,
                stratum=stratum,
                conditie={
                    "$and": [{"_t": o.feittype}, {"_f": stratum}, *(naar_durable(d) for d in delen)]
                },
                conditievelden=frozenset(conditievelden),
                effecten=tuple(o.effecten),
                waardenamen=tuple(dict.fromkeys([*gelezen, *regel.dan])),
                bestand=o.bron.bestand.pad,
                regelnummer=o.bron.regelnummer(),
                geldend_op=o.geldend_op,
                parameters=tuple(n for n in gelezen if n in b.parameters),
                waarschuwing=None
                if regel.waarschuwing is None
                else (regel.waarschuwing.code, ontleed_uitleg(regel.waarschuwing.tekst)),
            )
        )
    return uit


def controleer_uitkomst(b: Bronnen, namen: Namen, m: Melder) -> dict[str, Uitvoer]:
    """Every name the output shows must exist at the level the output reads it from."""
    hoofd = b.hoofd

    def controleer(waarden: Iterable[str], feittype: str, sleutel: str) -> None:
        bekend = namen.bekend_op(feittype)
        for naam in waarden:
            if naam not in bekend:
                m.probleem(
                    hoofd,
                    hoofd.regelnummer("uitkomst", sleutel),
                    f"uitkomst.{sleutel}",
                    f"'{naam}' is geen invoerveld of afgeleide waarde",
                )

    for sleutel, spec in b.model.uitkomst.items():
        if isinstance(spec, str):
            controleer([spec], ZAAK, sleutel)
        elif isinstance(spec, Uitvoerlijst):
            if spec.voorElke not in b.lijsten:
                m.probleem(
                    hoofd,
                    hoofd.regelnummer("uitkomst", sleutel),
                    f"uitkomst.{sleutel}",
                    f"voorElke: '{spec.voorElke}' is geen lijst in de invoer",
                )
                continue
            for waarde in spec.velden.values():
                controleer(
                    [waarde] if isinstance(waarde, str) else list(waarde.values()),
                    spec.voorElke,
                    sleutel,
                )
        else:
            controleer(spec.values(), ZAAK, sleutel)
    return dict(b.model.uitkomst)


def controleer_waarschuwingen(b: Bronnen, regels: list[OntledenRegel], m: Melder) -> None:
    """Every rule that can warn (a `waarschuwing`, or a function such as atw that warns)
    must have its warnings in the outcome: in the list of its elements when the outcome
    shows that list with `waarschuwingen`, else in the case's `waarschuwingen`."""
    uitkomst = b.model.uitkomst
    zaak = "waarschuwingen" in [s for s in uitkomst.values() if isinstance(s, str)]
    lijsten = {
        s.voorElke
        for s in uitkomst.values()
        if isinstance(s, Uitvoerlijst) and "waarschuwingen" in s.velden.values()
    }
    verloren = [
        o.id
        for o in regels
        if not zaak
        and o.feittype not in lijsten
        and (
            o.bron.regel.waarschuwing is not None
            or any(e.functies & MELDENDE_FUNCTIES for _, e in o.effecten)
        )
    ]
    if verloren:
        m.probleem(
            b.hoofd,
            b.hoofd.regelnummer("uitkomst"),
            "uitkomst",
            f"de waarschuwingen van {', '.join(verloren)} komen niet in de uitkomst — "
            "voeg 'waarschuwingen: waarschuwingen' toe aan de uitkomst",
        )


def mandaatexpressies(b: Bronnen, namen: Namen, m: Melder) -> dict[str, Expressie | None]:
    """The expressions for the amount (and term) the mandate register judges."""
    uit: dict[str, Expressie | None] = {"bedrag": None, "looptijdMaanden": None}
    if b.model.mandaat is None:
        return uit
    for sleutel in uit:
        tekst = getattr(b.model.mandaat, sleutel)
        if tekst is None:
            continue
        regelnummer = b.hoofd.regelnummer("mandaat", sleutel)
        try:
            uit[sleutel] = expressie = compileer(tekst)
        except ExpressieFout as fout:
            m.probleem(b.hoofd, regelnummer, "mandaat", str(fout))
            continue
        for naam in sorted(expressie.namen - namen.bekend_op(ZAAK)):
            m.probleem(
                b.hoofd,
                regelnummer,
                "mandaat",
                f"'{naam}' is geen invoerveld, parameter of afgeleide waarde",
            )
    return uit

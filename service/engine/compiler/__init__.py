"""Rule files → compiled rule sets (checked, typed, stratified, ready for durable_rules).

The compiler works in phases, each its own module, with typed data between them:
1. `bronnen`: the imported files, the parameters (all their dated values), the merged input;
2. `ontleding`: every rule parsed; every name it uses exists at its level; parameters dated
   by the legal fact are read only by rules that name that date (`geldendOp`);
3. `strata`: forward chaining — a rule runs after every rule that derives what it reads;
   circular reasoning is reported;
4. `typering`: type checks (a date plus a bare number, a choice compared with a value it
   cannot have, a `geldendOp` that is no date);
5. `emissie`: durable_rules conditions, the checked output and the mandate expressions.
Every phase reports problems as `file:line: rule-id: what is wrong` and never stops at the
first; a rule set with any problem is not compiled. A rule or parameter with errors of its
own is left out by the loader and stands in for its names (`rulefiles.gedeeltelijk`), so
the checks of the rest still run.
"""

from __future__ import annotations

from service.engine.compiled import GecompileerdeRegelset
from service.engine.compiler.bronnen import Melder, verzamel
from service.engine.compiler.emissie import (
    controleer_uitkomst,
    controleer_waarschuwingen,
    emitteer_regels,
    mandaatexpressies,
)
from service.engine.compiler.ontleding import afleidingen, ontleed
from service.engine.compiler.standaarden import controleer_standaarden
from service.engine.compiler.strata import stratificeer
from service.engine.compiler.typering import typeer_regels
from service.rulefiles.loading import Bibliotheekbron, Probleem


def compileer_regelset(
    bron: Bibliotheekbron, pad: str
) -> tuple[GecompileerdeRegelset | None, list[Probleem]]:
    """Compile the rule set in file `pad` with everything it imports; or all its problems."""
    m = Melder()
    b = verzamel(bron, m, pad)
    if b is None:
        return None, m.problemen
    controleer_standaarden(b, m)
    namen = afleidingen(b, m)
    regels = ontleed(namen, m)
    strata = stratificeer(regels, namen, m)
    typen = typeer_regels(regels, strata, b, m)
    uitkomst = controleer_uitkomst(b, namen, m)
    controleer_waarschuwingen(b, regels, m)
    mandaat = mandaatexpressies(b, namen, m)
    if m.problemen or b.onvolledig:  # a file without its broken parts is checked, not compiled
        return None, m.problemen
    gecompileerd = emitteer_regels(regels, strata, b)
    paden = [pad, *(g.pad for g in b.geimporteerd)]
    feitvelden: dict[str, set[str]] = {}
    for regel in gecompileerd:
        feitvelden.setdefault(regel.feittype, set()).update(regel.conditievelden)
    model = b.model
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
            invoer=b.invoer,
            parameters=b.parameters,
            regels=tuple(gecompileerd),
            strata=max((r.stratum for r in gecompileerd), default=0),
            feitvelden={t: tuple(sorted(v)) for t, v in feitvelden.items()},
            lijsten=b.lijsten,
            uitkomst=uitkomst,
            mandaatbedrag=mandaat["bedrag"],
            mandaatlooptijd=mandaat["looptijdMaanden"],
            typen=typen,
        ),
        [],
    )

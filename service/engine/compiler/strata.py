"""Compiler phase 3: forward chaining by strata — a rule runs after every rule that derives
what it reads, so a stratum's facts are complete before the next stratum looks at them."""

from __future__ import annotations

from service.engine.compiled import ZAAK
from service.engine.compiler.bronnen import Melder
from service.engine.compiler.ontleding import Namen, OntledenRegel


def _groepen(regels: list[OntledenRegel]) -> dict[str, set[str]]:
    """Decision tables: the ids of the rows per (level, group)."""
    groepen: dict[str, set[str]] = {}
    for o in regels:
        if o.bron.regel.groep:
            groepen.setdefault(f"{o.feittype}/{o.bron.regel.groep}", set()).add(o.id)
    return groepen


def stratificeer(regels: list[OntledenRegel], namen: Namen, m: Melder) -> dict[str, int]:
    """Stratum per rule id: 1 + the highest stratum of the rules that derive what it reads.

    Reports circular reasoning (a rule that, through others, needs its own result).
    """
    per_id = {o.id: o for o in regels}
    groepen = _groepen(regels)
    lijsten = namen.bronnen.lijsten

    def leden(o: OntledenRegel) -> set[str]:
        if not o.bron.regel.groep:
            return {o.id}
        return groepen[f"{o.feittype}/{o.bron.regel.groep}"]

    def eigen(o: OntledenRegel) -> set[str]:
        """The rules that derive what this rule reads (for a list: every rule over it)."""
        deps: set[str] = set()
        for naam in o.gelezen:
            deps.update(namen.schrijvers.get(naam, []))
            if naam in lijsten and o.feittype == ZAAK:
                deps.update(r for r, p in per_id.items() if p.feittype == naam)
        return deps

    def afhankelijk(o: OntledenRegel) -> set[str]:
        # The rows of a decision table share one stratum: they wait for what any row reads.
        rijen = leden(o)
        return set().union(*(eigen(per_id[lid]) for lid in rijen)) - rijen

    stratum: dict[str, int] = {}
    bezig: set[str] = set()

    def bereken(regel_id: str, keten: tuple[str, ...]) -> int:
        if regel_id in stratum:
            return stratum[regel_id]
        o = per_id[regel_id]
        if regel_id in bezig:
            m.probleem(
                o.bron.bestand,
                o.bron.regelnummer(),
                regel_id,
                "kringredenering: " + " → ".join((*keten, regel_id)),
            )
            return 1
        bezig.add(regel_id)
        waarde = 1 + max(
            (bereken(d, (*keten, regel_id)) for d in sorted(afhankelijk(o))), default=0
        )
        bezig.discard(regel_id)
        for lid in leden(o):
            stratum[lid] = waarde
        return waarde

    for regel_id in per_id:
        bereken(regel_id, ())
    return stratum

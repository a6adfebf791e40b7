"""Forward chaining by strata: a rule runs after every rule that derives what it reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from service.engine.compiled import ZAAK
from service.rulefiles.loading import GeladenBestand
from service.rulefiles.model import Invoerveld

Meld = Callable[[GeladenBestand, int, str, str], None]


def stratificeer(
    probleem: Meld,
    ontleed: list[dict[str, Any]],
    schrijvers: dict[str, list[str]],
    lijsten: dict[str, dict[str, Invoerveld]],
) -> dict[str, int]:
    """Stratum per rule: 1 + the highest stratum of the rules that derive what it reads."""
    per_id = {o["regel"].id: o for o in ontleed}
    groepen: dict[str, list[str]] = {}
    for o in ontleed:
        if o["regel"].groep:
            groepen.setdefault(f"{o['feittype']}/{o['regel'].groep}", []).append(o["regel"].id)

    def eigen(o: dict[str, Any]) -> set[str]:
        """The rules that derive what this rule reads (for a list: every rule over it)."""
        deps: set[str] = set()
        for naam in o["gelezen"]:
            deps.update(schrijvers.get(naam, []))
            if naam in lijsten and o["feittype"] == ZAAK:
                deps.update(r for r, p in per_id.items() if p["feittype"] == naam)
        return deps

    def afhankelijk(o: dict[str, Any]) -> set[str]:
        # The rows of a decision table share one stratum: they wait for what any row reads.
        leden = groepsleden(o, groepen) or {o["regel"].id}
        return set().union(*(eigen(per_id[lid]) for lid in leden)) - leden

    stratum: dict[str, int] = {}
    bezig: set[str] = set()

    def bereken(regel_id: str, keten: tuple[str, ...]) -> int:
        if regel_id in stratum:
            return stratum[regel_id]
        if regel_id in bezig:
            o = per_id[regel_id]
            probleem(
                o["bestand"],
                o["bestand"].regel("regels", o["i"]),
                regel_id,
                "kringredenering: " + " → ".join((*keten, regel_id)),
            )
            return 1
        bezig.add(regel_id)
        deps = afhankelijk(per_id[regel_id])
        waarde = 1 + max((bereken(d, (*keten, regel_id)) for d in sorted(deps)), default=0)
        bezig.discard(regel_id)
        o = per_id[regel_id]
        leden = groepsleden(o, groepen) or {regel_id}
        for lid in leden:
            stratum[lid] = waarde
        return waarde

    for regel_id in per_id:
        bereken(regel_id, ())
    return stratum


def groepsleden(o: dict[str, Any], groepen: dict[str, list[str]]) -> set[str]:
    if not o["regel"].groep:
        return set()
    return set(groepen[f"{o['feittype']}/{o['regel'].groep}"])

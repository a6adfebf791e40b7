"""Compiler phase 4: type checks — a date plus a bare number, a date compared with an amount,
a choice compared with a value it can never have, a `geldendOp` that is no date.

Rules are checked in stratum order, so the type of a derived value is known (inferred from
its expression) before a later rule reads it.
"""

from __future__ import annotations

from typing import Any

from service.engine.compiled import ZAAK
from service.engine.compiler.bronnen import Bronnen, Melder
from service.engine.compiler.ontleding import Namen, OntledenRegel
from service.engine.conditions import (
    Bestaat,
    Conditie,
    En,
    Of,
    Veld,
    Vergelijking,
    aantal_veld,
    lijst_van,
)
from service.engine.parameters import GecompileerdeParameter
from service.rulefiles.model import Invoerveld
from service.rulefiles.typecheck import typeer
from service.rulefiles.typen import (
    DATUM,
    GEHEEL,
    ONBEKEND,
    TEKST,
    Type,
    Typefout,
    lijst,
    record,
    verenig,
    vergelijkbaar,
)

_ENKEL = {
    "tekst": TEKST,
    "bedrag": Type("bedrag"),
    "datum": DATUM,
    "geheelGetal": GEHEEL,
    "getal": Type("getal"),
    "factor": Type("getal"),
    "percentage": Type("getal"),
    "jaNee": Type("jaNee"),
    "termijn": Type("termijn"),
}
WAARSCHUWINGEN = lijst(record({"code": TEKST, "tekst": TEKST}))


def invoertype(veld: Invoerveld) -> Type:
    if veld.type == "keuze":
        return Type("tekst", keuzes=frozenset(veld.waarden or ()))
    if veld.type in ("lijst", "object"):
        velden = record({(v.intern or n): invoertype(v) for n, v in (veld.velden or {}).items()})
        return lijst(velden) if veld.type == "lijst" else velden
    return _ENKEL.get(veld.type, ONBEKEND)


def parametertype(p: GecompileerdeParameter) -> Type:
    d = p.definitie
    if d.datering == "verloop":  # the whole history: periods with their value
        return lijst(
            record(
                {
                    "vanaf": DATUM,
                    "tot": DATUM,
                    "waarde": _ENKEL.get(d.type, ONBEKEND),
                    "onbevestigd": Type("jaNee"),
                }
            )
        )
    if d.type == "keuze":
        return Type("tekst", keuzes=frozenset(d.keuzes or ()))
    if d.type == "lijst":
        if d.velden:
            return lijst(record({n: _ENKEL[t] for n, t in d.velden.items()}))
        return lijst(_ENKEL.get(d.elementtype or "tekst", ONBEKEND))
    if d.type == "tabel":
        return Type("tabel", element=_ENKEL.get(d.waardetype or "tekst", ONBEKEND))
    return _ENKEL.get(d.type, ONBEKEND)


def _literal(waarde: Any) -> Type:
    if isinstance(waarde, bool):
        return Type("jaNee")
    if isinstance(waarde, int):
        return GEHEEL
    if isinstance(waarde, float):
        return Type("getal")
    if isinstance(waarde, str):
        return Type("tekst", keuzes=frozenset({waarde}))
    return ONBEKEND


def _conditie(c: Conditie, namen: dict[str, Type]) -> None:
    if isinstance(c, En | Of):
        for deel in c.delen:
            _conditie(deel, namen)
        return
    if isinstance(c, Bestaat):
        return
    assert isinstance(c, Vergelijking)
    lijstnaam = lijst_van(c.links.naam)
    geteld = namen.get(lijstnaam or "", ONBEKEND)
    if lijstnaam and not geteld.vrij and geteld.soort != "lijst":
        raise Typefout(f"aantal({lijstnaam}): '{lijstnaam}' is {geteld}, geen lijst")
    links = namen.get(c.links.naam, ONBEKEND)
    rechts = (
        namen.get(c.rechts.naam, ONBEKEND)
        if isinstance(c.rechts, Veld)
        else _literal(c.rechts.waarde)
    )
    waarom = vergelijkbaar(links, rechts) or vergelijkbaar(rechts, links)
    if waarom:
        raise Typefout(f"'{c.links.naam}' {waarom}")


class _Typen:
    """The type of every name, per level, growing as derived values get their types."""

    def __init__(self, b: Bronnen) -> None:
        self.zaak: dict[str, Type] = {n: invoertype(v) for n, v in b.zaakvelden.items()}
        self.zaak |= {n: parametertype(p) for n, p in b.parameters.items()}
        self.zaak |= {n: ONBEKEND for n in b.kapotte_parameters if n not in self.zaak}
        self.zaak |= {"peildatum": DATUM, "waarschuwingen": WAARSCHUWINGEN}
        self.zaak |= {f"_n_{lijstnaam}": GEHEEL for lijstnaam in b.lijsten}
        self.niveaus: dict[str, dict[str, Type]] = {ZAAK: self.zaak}
        for lijstnaam, velden in b.lijsten.items():
            eigen = {n: invoertype(v) for n, v in velden.items()}
            eigen |= {f"_n_{n}": GEHEEL for n, v in velden.items() if v.type == "lijst"}
            eigen["waarschuwingen"] = WAARSCHUWINGEN
            self.niveaus[lijstnaam] = eigen

    def namen(self, feittype: str) -> dict[str, Type]:
        # A list's elements carry their input fields and every value derived for them so far
        # (rules reading a list run after every rule over it: phase 3).
        lijsten = {
            naam: lijst(record({n: t for n, t in velden.items() if not n.startswith("_")}))
            for naam, velden in self.niveaus.items()
            if naam != ZAAK
        }
        basis = {**self.zaak, **lijsten}
        if feittype == ZAAK:
            return basis
        return {**basis, **self.niveaus.get(feittype, {})}

    def leg_vast(self, feittype: str, naam: str, type: Type, waar: str) -> None:
        niveau = self.niveaus.setdefault(feittype, {})
        niveau[naam] = verenig(niveau.get(naam, ONBEKEND), type, waar)
        if type.soort == "lijst":  # a condition may compare aantal(naam)
            niveau[aantal_veld(naam)] = GEHEEL


def _typeer_regel(o: OntledenRegel, typen: _Typen, m: Melder) -> None:
    def meld(pad: tuple[str | int, ...], melding: str) -> None:
        m.probleem(o.bron.bestand, o.bron.regelnummer(*pad), o.id, melding)

    if o.bron.kapot:  # a placeholder: what it derives is of unknown type
        for naam in o.bron.regel.dan:
            typen.leg_vast(o.feittype, naam, ONBEKEND, f"'{naam}'")
        return

    namen = typen.namen(o.feittype)
    for j, conditie in o.condities:
        try:
            _conditie(conditie, namen)
        except Typefout as fout:
            meld(("als", j), f"'{o.bron.regel.als[j]}': {fout}")
    if o.geldend_op is not None:
        try:
            soort = typeer(o.geldend_op.boom, namen)
            if not soort.vrij and soort.soort != "datum":
                raise Typefout(f"geldendOp moet een datum zijn, niet {soort}")
        except Typefout as fout:
            meld(("geldendOp",), str(fout))
    lokaal = dict(namen)
    for naam, expressie in o.effecten:
        try:
            soort = typeer(expressie.boom, lokaal)
            typen.leg_vast(o.feittype, naam, soort, f"'{naam}'")
        except Typefout as fout:
            meld(("dan", naam), f"'{expressie.tekst}': {fout}")
            soort = ONBEKEND
        lokaal[naam] = soort


def typeer_regels(
    regels: list[OntledenRegel], strata: dict[str, int], b: Bronnen, m: Melder
) -> dict[str, dict[str, Type]]:
    """Phase 4: type-check every rule in stratum order; the types of every name per level."""
    typen = _Typen(b)
    for o in sorted(regels, key=lambda o: strata.get(o.id, 1)):
        _typeer_regel(o, typen, m)
    return typen.niveaus


__all__ = ["Namen", "typeer_regels"]

"""Compiler phase 2: parse every rule and check that each name it uses exists.

Which names a rule may use depends on its level: a rule over `vorderingen` sees the
fields of one claim, the case's fields, the parameters and what other rules derive at
those levels. The checks here are about names; types follow in phase 4.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.engine.compiled import INGEBOUWD, ZAAK
from service.engine.compiler.bronnen import Bronnen, Melder, Regelbron
from service.engine.conditions import Conditie, aantal_veld, velden, vertaal_voorwaarde
from service.engine.presentation import OPMAKEN, meervoud, opmaken, sjabloonnamen
from service.rulefiles.expressions import Expressie, ExpressieFout, compileer
from service.rulefiles.functions import ALLE_FUNCTIES, MET_PARAMETERS


@dataclass
class Namen:
    """The names known at each level: input, parameters, built-ins and derived values, and
    aantal(x) of every list among them."""

    bronnen: Bronnen
    afgeleid: dict[str, str] = field(default_factory=dict)  # name → level that derives it
    schrijvers: dict[str, list[str]] = field(default_factory=dict)  # name → rule ids

    def bekend_op(self, feittype: str) -> set[str]:
        b = self.bronnen
        namen = set(b.zaakvelden) | b.parameternamen | INGEBOUWD
        namen |= {n for n, t in self.afgeleid.items() if t == ZAAK}
        namen |= {aantal_veld(lijst) for lijst in b.lijsten}
        if feittype != ZAAK:
            elementen = b.lijsten.get(feittype, {})
            namen |= set(elementen) | {n for n, t in self.afgeleid.items() if t == feittype}
            namen |= {aantal_veld(n) for n, v in elementen.items() if v.type == "lijst"}
        namen |= {aantal_veld(n) for n, t in self.afgeleid.items() if t in (ZAAK, feittype)}
        return namen


@dataclass
class OntledenRegel:
    """One rule after parsing: its conditions, effects and the names it reads."""

    bron: Regelbron
    feittype: str
    condities: list[tuple[int, Conditie]]  # (index in `als`, condition)
    effecten: list[tuple[str, Expressie]]
    geldend_op: Expressie | None
    gelezen: set[str]
    sjabloonnamen: set[str]

    @property
    def id(self) -> str:
        return self.bron.regel.id


def _controleer_invoernamen(b: Bronnen, m: Melder) -> None:
    for lijst, elementvelden in b.lijsten.items():
        for naam in elementvelden:
            if naam in b.zaakvelden or naam in b.parameternamen or naam in INGEBOUWD:
                m.probleem(
                    b.hoofd,
                    b.hoofd.regelnummer("invoer", lijst),
                    f"invoer.{lijst}",
                    f"veld '{naam}' bestaat ook op zaakniveau, als parameter of ingebouwd; "
                    "kies een andere naam",
                )
    for naam in b.zaakvelden:
        if naam in b.parameternamen or naam in INGEBOUWD:
            m.probleem(
                b.hoofd,
                b.hoofd.regelnummer("invoer", naam),
                f"invoer.{naam}",
                "dezelfde naam bestaat als parameter of is ingebouwd; kies een andere naam",
            )


def _controleer_uit_zaak(b: Bronnen, m: Melder) -> None:
    """`standaardUitZaak` names a case-level input field of the same type."""
    for lijstnaam, lijstveld in b.invoer.items():
        for naam, veld in (lijstveld.velden or {}).items():
            zaakveld = veld.standaardUitZaak
            if lijstveld.type != "lijst" or zaakveld is None:
                continue
            if zaakveld not in b.invoer or b.invoer[zaakveld].type != veld.type:
                m.probleem(
                    b.hoofd,
                    b.hoofd.regelnummer("invoer", lijstnaam),
                    f"invoer.{lijstnaam}.{naam}",
                    f"standaardUitZaak: '{zaakveld}' is geen invoerveld op zaakniveau van "
                    f"hetzelfde type ({veld.type})",
                )


def afleidingen(b: Bronnen, m: Melder) -> Namen:
    """Which level derives which name; a name is derived at one level and overwrites nothing."""
    _controleer_invoernamen(b, m)
    _controleer_uit_zaak(b, m)
    namen = Namen(b)
    for r in b.regels:
        regel = r.regel
        feittype = regel.voorElke or ZAAK
        if regel.voorElke and regel.voorElke not in b.lijsten:
            m.probleem(
                r.bestand,
                r.regelnummer("voorElke"),
                regel.id,
                f"voorElke: '{regel.voorElke}' is geen lijst in de invoer",
            )
        bestaand = b.lijsten.get(feittype, {}) if feittype != ZAAK else b.zaakvelden
        for naam in regel.dan:
            if naam in bestaand or naam in b.parameternamen or naam in INGEBOUWD:
                m.probleem(
                    r.bestand,
                    r.regelnummer("dan", naam),
                    regel.id,
                    f"'{naam}' is al invoer, parameter of ingebouwd; een regel mag die niet overschrijven",
                )
            if namen.afgeleid.setdefault(naam, feittype) != feittype:
                m.probleem(
                    r.bestand,
                    r.regelnummer("dan", naam),
                    regel.id,
                    f"'{naam}' wordt ook op een ander niveau afgeleid",
                )
            namen.schrijvers.setdefault(naam, []).append(regel.id)
    return namen


class _Regelontleder:
    """Parses one rule, reporting every unknown name at the line where it stands."""

    def __init__(self, r: Regelbron, namen: Namen, m: Melder) -> None:
        self.r, self.m, self.b = r, m, namen.bronnen
        self.feittype = r.regel.voorElke or ZAAK
        self.bekend = namen.bekend_op(self.feittype)
        self.afgeleid = namen.afgeleid
        self.gelezen: set[str] = set()

    def meld(self, pad: tuple[str | int, ...], melding: str) -> None:
        self.m.probleem(self.r.bestand, self.r.regelnummer(*pad), self.r.regel.id, melding)

    def onbekend(self, pad: tuple[str | int, ...], namen: set[str]) -> None:
        for naam in sorted(namen - self.bekend):
            self.meld(pad, f"'{naam}' is geen invoerveld, parameter of afgeleide waarde")

    def expressie(
        self, pad: tuple[str | int, ...], tekst: str, lokaal: set[str]
    ) -> Expressie | None:
        try:
            expressie = compileer(tekst)
        except ExpressieFout as fout:
            self.meld(pad, str(fout))
            return None
        for functie in sorted(expressie.functies - ALLE_FUNCTIES):
            self.meld(pad, f"onbekende functie '{functie}'")
        for functie in sorted(expressie.functies & set(MET_PARAMETERS)):
            for p in MET_PARAMETERS[functie]:
                if p not in self.b.parameternamen:
                    self.meld(
                        pad, f"functie '{functie}' heeft parameter '{p}' nodig: importeer die"
                    )
        self.onbekend(pad, set(expressie.namen) - lokaal)
        self.gelezen |= expressie.namen - lokaal
        return expressie

    def condities(self) -> list[tuple[int, Conditie]]:
        uit = []
        for j, tekst in enumerate(self.r.regel.als):
            try:
                conditie = vertaal_voorwaarde(tekst)
            except ExpressieFout as fout:
                self.meld(("als", j), str(fout))
                continue
            self.onbekend(("als", j), velden(conditie))
            self.gelezen |= {n for n in velden(conditie) if not n.startswith("_n_")}
            # aantal(x) of a derived list x (typering checks it is one) waits for x
            self.gelezen |= {n for n in self.afgeleid if aantal_veld(n) in velden(conditie)}
            uit.append((j, conditie))
        return uit

    def effecten(self) -> list[tuple[str, Expressie]]:
        uit: list[tuple[str, Expressie]] = []
        lokaal: set[str] = set()
        for naam, tekst in self.r.regel.dan.items():
            expressie = self.expressie(("dan", naam), tekst, lokaal)
            lokaal.add(naam)  # still defined: later effects should not report it again
            if expressie is not None:
                uit.append((naam, expressie))
        return uit

    def sjablonen(self) -> set[str]:
        """Names shown in `uitleg` and the warning's text; they count as read."""
        regel = self.r.regel
        teksten: list[tuple[tuple[str, ...], str]] = [(("uitleg",), regel.uitleg)]
        if regel.waarschuwing is not None:
            teksten.append((("waarschuwing", "tekst"), regel.waarschuwing.tekst))
        uit: set[str] = set()
        for pad, tekst in teksten:
            try:
                gevraagd = opmaken(tekst)
            except ValueError as fout:
                self.meld(
                    pad,
                    f"sjabloon kan niet worden gelezen ({fout}) — controleer de accolades {{ }}",
                )
                continue
            for naam, opmaak in gevraagd:
                if opmaak not in OPMAKEN and meervoud(opmaak) is None:
                    self.meld(
                        pad,
                        f"'{{{naam}:{opmaak}}}': onbekende opmaak — kies uit bedrag, bedrag4, "
                        "procent, gedateerd of enkelvoud|meervoud (termijn|termijnen)",
                    )
                elif opmaak == "gedateerd" and naam not in self.b.parameternamen:
                    self.meld(
                        pad, f"'{{{naam}:gedateerd}}': gedateerd kan alleen bij een parameter"
                    )
            for naam in sorted(sjabloonnamen(tekst) - self.bekend - set(regel.dan)):
                self.meld(pad, f"'{{{naam}}}' is geen bekende waarde")
            uit |= sjabloonnamen(tekst) & self.bekend - set(regel.dan)
        return uit


def _controleer_datering(o: OntledenRegel, r: _Regelontleder) -> None:
    """Parameters dated by the legal fact need `geldendOp`; calendar parameters need a function."""
    parameters = r.b.parameters
    for naam in sorted(o.gelezen & set(parameters)):
        datering = parameters[naam].datering
        if datering == "rechtsfeit" and o.geldend_op is None:
            r.meld(
                ("id",),
                f"leest parameter '{naam}', die geldt naar de datum van het rechtsfeit — "
                "geef de regel 'geldendOp' (bv. geldendOp: bekendmakingsdatum)",
            )
        if datering == "dag":
            r.meld(("id",), f"parameter '{naam}' geldt per dag; lees die via een functie als atw")
    if o.geldend_op is not None:
        for j, conditie in o.condities:
            for naam in sorted(velden(conditie) & set(parameters)):
                r.meld(
                    ("als", j),
                    f"vergelijk in 'als' niet met parameter '{naam}' in een regel met geldendOp "
                    "— leid de vergelijking af in een eerdere regel met dezelfde geldendOp",
                )
        eigen = o.geldend_op.namen & set(o.bron.regel.dan)
        for naam in sorted(eigen):
            r.meld(
                ("geldendOp",), f"geldendOp mag '{naam}' niet lezen: die leidt deze regel zelf af"
            )


def ontleed(namen: Namen, m: Melder) -> list[OntledenRegel]:
    """Phase 2: every rule of the rule set parsed and name-checked."""
    uit: list[OntledenRegel] = []
    ids: set[str] = set()
    for r in namen.bronnen.regels:
        if r.regel.id in ids:
            m.probleem(
                r.bestand,
                r.regelnummer("id"),
                r.regel.id,
                "deze regel-id komt twee keer voor; een id moet uniek zijn",
            )
        ids.add(r.regel.id)
        if r.kapot:  # reported by the loader; it only defines its names here
            uit.append(OntledenRegel(r, r.regel.voorElke or ZAAK, [], [], None, set(), set()))
            continue
        ontleder = _Regelontleder(r, namen, m)
        condities = ontleder.condities()
        geldend_op = None
        if r.regel.geldendOp is not None:
            geldend_op = ontleder.expressie(("geldendOp",), r.regel.geldendOp, set())
        effecten = ontleder.effecten()
        sjabloonnamen = ontleder.sjablonen()
        o = OntledenRegel(
            r,
            ontleder.feittype,
            condities,
            effecten,
            geldend_op,
            ontleder.gelezen | sjabloonnamen,
            sjabloonnamen,
        )
        _controleer_datering(o, ontleder)
        uit.append(o)
    return uit

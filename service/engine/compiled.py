"""A compiled rule set: what the compiler produces and the runtime executes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from service.engine.parameters import GecompileerdeParameter
from service.engine.presentation import Sjabloon
from service.rulefiles.expressions import Expressie
from service.rulefiles.model import Grondslag, Invoerveld, Uitvoerlijst
from service.rulefiles.typen import Type

ZAAK = "zaak"
# Known at every level: the decision's peildatum, and the warnings of the case or element.
INGEBOUWD = frozenset({"peildatum", "waarschuwingen"})


@dataclass(frozen=True)
class GecompileerdeRegel:
    """One rule, ready to run: its durable condition and its compiled effects."""

    id: str
    titel: str
    grondslag: tuple[Grondslag, ...]
    notitie: str | None
    uitleg: Sjabloon
    feittype: str  # "zaak" or the name of the list it runs over
    groep: str | None
    volgorde: int
    stratum: int
    conditie: dict[str, Any]
    conditievelden: frozenset[str]
    effecten: tuple[tuple[str, Expressie], ...]
    waardenamen: tuple[str, ...]  # the values shown in the reason: read, then derived
    bestand: str
    regelnummer: int
    geldend_op: Expressie | None = None  # the date of the legal fact its parameters follow
    parameters: tuple[str, ...] = ()  # the parameters it reads (conditions, effects, texts)
    waarschuwing: tuple[str, Sjabloon] | None = None  # (code, text) when it applies

    @cached_property
    def grondslag_json(self) -> tuple[dict[str, Any], ...]:
        """The legal bases as the API shows them (built once, not per decision)."""
        return tuple(g.model_dump(exclude_none=True) for g in self.grondslag)


@dataclass
class GecompileerdeRegelset:
    """A rule set with its imports, parameters and compiled rules: one version."""

    naam: str
    versie: str
    titel: str
    doel: str
    eigenaar: str
    geldig_vanaf: dt.date
    geldig_tot: dt.date | None
    menselijke_tussenkomst: str
    hash: str
    bestanden: tuple[str, ...]
    invoer: dict[str, Invoerveld]
    parameters: dict[str, GecompileerdeParameter]
    regels: tuple[GecompileerdeRegel, ...]
    strata: int
    feitvelden: dict[str, tuple[str, ...]]  # per fact type: names the conditions read
    lijsten: dict[str, dict[str, Invoerveld]]
    uitkomst: dict[str, Any]
    mandaatbedrag: Expressie | None
    mandaatlooptijd: Expressie | None
    # Per level ("zaak" or a list name): the type of every name, input and derived (phase 4),
    # e.g. to publish the schema of a rule set's outcome.
    typen: dict[str, dict[str, Type]] = field(default_factory=dict)
    _parameters_op: dict[dt.date, dict[str, Any]] = field(default_factory=dict, repr=False)
    _bedragnamen: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    verantwoording: dict[Any, Any] = field(default_factory=dict, repr=False)
    """Parts of reasons that are the same in every decision (a parameter on a date), cached."""

    def bewaar_verantwoording(self, sleutel: Any, waarde: Any) -> Any:
        if len(self.verantwoording) > 20_000:  # bounded: dates in use are few in practice
            self.verantwoording.clear()
        self.verantwoording[sleutel] = waarde
        return waarde

    @property
    def sleutel(self) -> str:
        return f"{self.naam}@{self.versie}#{self.hash[:12]}"

    def geldig_op(self, datum: dt.date) -> bool:
        return self.geldig_vanaf <= datum and (self.geldig_tot is None or datum <= self.geldig_tot)

    def parameters_op(self, datum: dt.date) -> dict[str, Any]:
        """The values in force on `datum` of every parameter that has one (cached per date)."""
        if datum not in self._parameters_op:
            waarden: dict[str, Any] = dict(self.verlopen)
            for naam, parameter in self.parameters.items():
                if parameter.datering == "verloop":
                    continue
                gedateerd = parameter.op(datum)
                if gedateerd is not None:
                    waarden[naam] = gedateerd.waarde
            if len(self._parameters_op) > 4096:  # bounded: the dates in use are few in practice
                self._parameters_op.clear()
            self._parameters_op[datum] = waarden
        return self._parameters_op[datum]

    @cached_property
    def verlopen(self) -> dict[str, list[dict[str, Any]]]:
        """Parameters with datering `verloop`: their whole history, the same on every date."""
        return {n: p.verloop() for n, p in self.parameters.items() if p.datering == "verloop"}

    def waarde_op(self, naam: str, datum: dt.date) -> Any:
        """One parameter's value in force on `datum`, or None."""
        parameter = self.parameters.get(naam)
        gedateerd = parameter.op(datum) if parameter else None
        return None if gedateerd is None else gedateerd.waarde

    def alle_waarden(self, naam: str) -> list[Any]:
        """Every dated value of one parameter (for lists of facts that date themselves)."""
        parameter = self.parameters.get(naam)
        return [w.waarde for w in parameter.waarden] if parameter else []

    def ontbrekend_op_peildatum(self, peildatum: dt.date) -> list[str]:
        """Parameters read on the peildatum (by rules without geldendOp) that have no value."""
        return sorted(self.peildatum_parameters - set(self.parameters_op(peildatum)))

    @cached_property
    def peildatum_parameters(self) -> frozenset[str]:
        """The parameters taken on the peildatum: read by a rule without geldendOp."""
        namen: set[str] = set()
        for regel in self.regels:
            if regel.geldend_op is None:
                namen.update(regel.parameters)
        return frozenset(n for n in namen if self.parameters[n].datering == "peildatum")

    def bedragnamen(self, niveau: str) -> frozenset[str]:
        """The names typed as an amount or decimal at a level (and the case level above it):
        the outcome shows them as text with two decimals, also when a rule made an integer."""
        if niveau not in self._bedragnamen:
            typen = {**self.typen.get(ZAAK, {}), **self.typen.get(niveau, {})}
            self._bedragnamen[niveau] = frozenset(
                n for n, t in typen.items() if t.soort in ("bedrag", "getal")
            )
        return self._bedragnamen[niveau]

    @cached_property
    def lijsten_met_waarschuwingen(self) -> frozenset[str]:
        """The lists whose elements show their own `waarschuwingen` in the outcome; the
        warnings of every other element go to the case's `waarschuwingen`."""
        return frozenset(
            spec.voorElke
            for spec in self.uitkomst.values()
            if isinstance(spec, Uitvoerlijst) and "waarschuwingen" in spec.velden.values()
        )

    @cached_property
    def stratumfeiten(self) -> dict[int, dict[str, tuple[str, ...]]]:
        """Per stratum, the fact types its rules look at and the names their conditions read.

        A fact carries only those names: smaller JSON for the engine, fewer lookups.
        """
        uit: dict[int, dict[str, set[str]]] = {}
        for regel in self.regels:
            namen = uit.setdefault(regel.stratum, {}).setdefault(regel.feittype, set())
            namen.update(regel.conditievelden)
        return {
            s: {t: tuple(sorted(n)) for t, n in sorted(typen.items())}
            for s, typen in sorted(uit.items())
        }

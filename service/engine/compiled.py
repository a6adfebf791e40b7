"""A compiled rule set: what the compiler produces and the runtime executes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from service.engine.presentation import Sjabloon
from service.rulefiles.expressions import Expressie
from service.rulefiles.functions import MET_PARAMETERS
from service.rulefiles.model import Grondslag, Invoerveld, Parameter

ZAAK = "zaak"
INGEBOUWD = frozenset({"peildatum"})


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
    parameters: dict[str, Parameter]
    regels: tuple[GecompileerdeRegel, ...]
    strata: int
    feitvelden: dict[str, tuple[str, ...]]  # per fact type: names the conditions read
    lijsten: dict[str, dict[str, Invoerveld]]
    uitkomst: dict[str, Any]
    mandaatbedrag: Expressie | None
    mandaatlooptijd: Expressie | None
    _parameters_op: dict[dt.date, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def sleutel(self) -> str:
        return f"{self.naam}@{self.versie}#{self.hash[:12]}"

    def geldig_op(self, datum: dt.date) -> bool:
        return self.geldig_vanaf <= datum and (self.geldig_tot is None or datum <= self.geldig_tot)

    def parameters_op(self, peildatum: dt.date) -> tuple[dict[str, Any], list[str]]:
        """The parameter values in force on the peildatum, and the names with none."""
        if peildatum not in self._parameters_op:
            waarden: dict[str, Any] = {}
            for naam, parameter in self.parameters.items():
                geldig = [w for w in parameter.waarden if w.geldigVanaf <= peildatum]
                if geldig and (geldig[-1].geldigTot is None or peildatum <= geldig[-1].geldigTot):
                    waarden[naam] = geldig[-1].waarde
            if len(self._parameters_op) > 4096:  # bounded: peildatums are few in practice
                self._parameters_op.clear()
            self._parameters_op[peildatum] = waarden
        waarden = self._parameters_op[peildatum]
        return waarden, sorted(self.gebruikte_parameters - set(waarden))

    @cached_property
    def gebruikte_parameters(self) -> frozenset[str]:
        """The parameters the rules read, directly or through a function."""
        namen: set[str] = set()
        for regel in self.regels:
            namen.update(regel.waardenamen)
            for _, expressie in regel.effecten:
                for functie in expressie.functies & set(MET_PARAMETERS):
                    namen.update(MET_PARAMETERS[functie])
        for namen_in_feit in self.feitvelden.values():
            namen.update(namen_in_feit)
        return frozenset(namen & set(self.parameters))

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

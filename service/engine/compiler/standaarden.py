"""Compiler check: every `standaard` of an input field fits the field's type.

A default that does not fit (`standaard: awbb` for a choice of awb, invorderingswet, …)
would pass the check and the start of the service, and then turn every request without
that field into a 400 about a field the caller never sent. The default is validated with
the very type a request's value gets (`engine.input`), and reported at its own line.
"""

from __future__ import annotations

from pydantic import TypeAdapter, ValidationError

from service.engine.compiler.bronnen import Bronnen, Melder
from service.engine.input import python_type
from service.rulefiles.loading import GeladenBestand
from service.rulefiles.model import Invoerveld, Regelmodule, Regelset
from service.rulefiles.validatie import melding


def _velden(
    bestand: GeladenBestand,
    m: Melder,
    velden: dict[str, Invoerveld],
    pad: tuple[str, ...],
) -> None:
    for naam, veld in velden.items():
        hier = (*pad, naam)
        if veld.velden:
            _velden(bestand, m, veld.velden, (*hier, "velden"))
        if veld.standaard is None or veld.type in ("lijst", "object"):
            continue
        try:
            TypeAdapter(python_type(naam, veld)).validate_python(veld.standaard)
        except ValidationError as fout:
            waarom = "; ".join(melding(e) for e in fout.errors())
            m.probleem(
                bestand,
                bestand.regelnummer(*hier, "standaard"),
                ".".join(p for p in hier if p != "velden"),
                f"standaard '{veld.standaard}' past niet bij het veld ({veld.type}): {waarom} "
                "— pas de standaard aan",
            )


def controleer_standaarden(b: Bronnen, m: Melder) -> None:
    """Every default of the input of the rule set and of the modules it imports."""
    for bestand in [b.hoofd, *b.geimporteerd]:
        if isinstance(bestand.model, Regelset | Regelmodule):
            _velden(bestand, m, bestand.model.invoer, ("invoer",))

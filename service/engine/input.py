"""The `gegevens` a rule set accepts, as a pydantic model built from its `invoer`.

Validation lists every problem at once (a 400 with all of them). Amounts accept a
string or a number and become Decimal; dates accept only `YYYY-MM-DD`, from 1900 to 2099.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    create_model,
    model_validator,
)

from service.engine.samenhang import samenhangproblemen
from service.rulefiles.model import Invoerveld
from service.rulefiles.validatie import invoerproblemen

MAX_ELEMENTEN = 500
# The dates the service judges, in every request (peildatum and each date in the gegevens):
# no legal fact or decision date of a debt lies outside them, and the rules' date
# arithmetic (terms of years, interest by the day) stays well inside the calendar.
EERSTE_DATUM = dt.date(1900, 1, 1)
LAATSTE_DATUM = dt.date(2099, 12, 31)
DATUM_PATROON = r"^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$"  # the same range, for JSON Schema


def _alleen_iso_datum(waarde: Any) -> Any:
    if isinstance(waarde, str):
        try:
            datum = dt.date.fromisoformat(waarde) if len(waarde) == 10 else _ongeldig()
        except ValueError:
            _ongeldig()
        return _binnen_bereik(datum)
    if isinstance(waarde, dt.date) and not isinstance(waarde, dt.datetime):
        return _binnen_bereik(waarde)
    _ongeldig()


def _ongeldig() -> Any:
    raise ValueError("geef een datum als JJJJ-MM-DD")


def _binnen_bereik(datum: dt.date) -> dt.date:
    if not EERSTE_DATUM <= datum <= LAATSTE_DATUM:
        raise ValueError(
            f"{datum.isoformat()} valt buiten de datums die de service beoordeelt: geef een "
            f"datum van {EERSTE_DATUM.isoformat()} tot en met {LAATSTE_DATUM.isoformat()}"
        )
    return datum


def _bedrag(waarde: Any) -> Any:
    if isinstance(waarde, bool) or not isinstance(waarde, str | int | float | Decimal):
        raise ValueError('geef een bedrag als tekst of getal, bv. "1482.38"')
    if isinstance(waarde, float):
        return Decimal(repr(waarde))  # the number as written, not its binary approximation
    return waarde


Datum = Annotated[
    dt.date,
    BeforeValidator(_alleen_iso_datum),
    Field(json_schema_extra={"pattern": DATUM_PATROON}),
]
Bedrag = Annotated[
    Decimal,
    BeforeValidator(_bedrag),
    Field(ge=0, max_digits=15, decimal_places=2, allow_inf_nan=False),
]
Getal = Annotated[Decimal, BeforeValidator(_bedrag), Field(allow_inf_nan=False, max_digits=20)]


def python_type(naam: str, veld: Invoerveld) -> Any:
    """The pydantic type of one input field (also what its `standaard` must fit)."""
    basis: dict[str, Any] = {
        "tekst": Annotated[
            str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")
        ],
        "bedrag": Bedrag,
        "datum": Datum,
        "geheelGetal": StrictInt,
        "getal": Getal,
        "jaNee": StrictBool,
    }
    if veld.type == "keuze":
        return Literal[tuple(veld.waarden or [])]
    if veld.type == "lijst":
        element = bouw_model(f"{naam}Element", veld.velden or {}, veld.minstensEenVan)
        grootte = Field(
            min_length=veld.minElementen or 0, max_length=veld.maxElementen or MAX_ELEMENTEN
        )
        return Annotated[list[element], grootte]  # type: ignore[valid-type]
    if veld.type == "object":
        return bouw_model(f"{naam}Object", veld.velden or {}, veld.minstensEenVan)
    if veld.minimum is not None or veld.maximum is not None:
        return Annotated[basis[veld.type], Field(ge=veld.minimum, le=veld.maximum)]
    return basis[veld.type]


def bouw_model(
    naam: str, velden: dict[str, Invoerveld], minstens_een_van: list[str] | None = None
) -> type[BaseModel]:
    """A strict pydantic model for one level of the input."""
    definities: dict[str, Any] = {}
    for veldnaam, veld in velden.items():
        python = python_type(veldnaam, veld)
        if veld.verplicht:
            definities[veldnaam] = (python, Field(description=veld.omschrijving))
        else:
            standaard = veld.standaard if veld.type != "lijst" else []
            definities[veldnaam] = (
                python | None,
                Field(standaard, description=veld.omschrijving, validate_default=True),
            )

    aanvullingen = {n: v.standaardVeld for n, v in velden.items() if v.standaardVeld}

    def _samenhang(model: Any) -> Any:
        for veldnaam, bron in aanvullingen.items():
            if getattr(model, veldnaam) is None:
                setattr(model, veldnaam, getattr(model, bron))
        if minstens_een_van and all(getattr(model, n) is None for n in minstens_een_van):
            raise ValueError(f"geef minstens één van: {', '.join(minstens_een_van)}")
        return model

    return create_model(
        naam,
        __config__=ConfigDict(extra="forbid"),
        __validators__={"_samenhang": model_validator(mode="after")(_samenhang)},  # type: ignore[dict-item]
        **definities,
    )


def _intern(waarde: Any, velden: dict[str, Invoerveld]) -> dict[str, Any]:
    uit: dict[str, Any] = {}
    for naam, veld in velden.items():
        v = waarde.get(naam)
        if veld.type == "lijst":
            v = [_intern(e, veld.velden or {}) for e in v or []]
        elif veld.type == "object" and v is not None:
            v = _intern(v, veld.velden or {})
        uit[veld.intern or naam] = v
    return uit


def zonder_null(waarde: Any, velden: dict[str, Invoerveld] | None = None) -> Any:
    """The input without its `null` fields, in objects and in lists of objects: null means
    "not given". With `velden`, only those fields' nulls go: an unknown key stays, to be
    refused (also with the value null)."""
    if isinstance(waarde, list):
        return [zonder_null(e, velden) for e in waarde]
    if not isinstance(waarde, dict):
        return waarde
    uit = {}
    for naam, v in waarde.items():
        veld = velden.get(naam) if velden is not None else None
        if v is None and (velden is None or veld is not None):
            continue
        if velden is None:
            uit[naam] = zonder_null(v)
        else:  # an unknown key's own fields are all unknown too
            uit[naam] = zonder_null(v, (veld.velden or {}) if veld is not None else {})
    return uit


class Invoerfout(Exception):
    """Every problem in the `gegevens` of a request."""

    def __init__(self, problemen: list[dict[str, str]]) -> None:
        super().__init__(f"{len(problemen)} problemen in de gegevens")
        self.problemen = problemen


def _uit_zaak(gegevens: Any, velden: dict[str, Invoerveld]) -> Any:
    """A copy of `gegevens` in which list elements take missing fields from the case level.

    A field with `standaardUitZaak: regime` that an element leaves out gets the case's
    `regime` (given, or its standaard), before validation: so `alleenBij` sees it too.
    """
    if not isinstance(gegevens, dict):
        return gegevens
    uit = dict(gegevens)
    for naam, veld in velden.items():
        overnemen = {
            n: v.standaardUitZaak for n, v in (veld.velden or {}).items() if v.standaardUitZaak
        }
        if veld.type != "lijst" or not overnemen or not isinstance(uit.get(naam), list):
            continue
        elementen = []
        for element in uit[naam]:
            if isinstance(element, dict):
                element = dict(element)
                for veldnaam, zaakveld in overnemen.items():
                    waarde = uit.get(zaakveld)
                    if waarde is None and zaakveld in velden:
                        waarde = velden[zaakveld].standaard
                    if element.get(veldnaam) is None and waarde is not None:
                        element[veldnaam] = waarde
            elementen.append(element)
        uit[naam] = elementen
    return uit


class Invoer:
    """Validates and converts `gegevens` for one rule set."""

    def __init__(self, velden: dict[str, Invoerveld]) -> None:
        self.velden = velden
        self.model = bouw_model("Gegevens", velden)

    def lees(self, gegevens: Any, prefix: str = "gegevens") -> dict[str, Any]:
        """Validated input with the names the rules use; raise Invoerfout listing every problem.

        `null` means "not given", at every level: an optional field then gets its `standaard`
        and a required one is reported missing. (Read as a value, `"adresInNederland": null`
        counted as "no address in the Netherlands" and lowered the beslagvrije voet.)"""
        gegevens = _uit_zaak(zonder_null(gegevens, self.velden), self.velden)
        samenhang = samenhangproblemen(gegevens, self.velden, prefix)
        try:
            model = self.model.model_validate(gegevens)
        except ValidationError as fout:
            raise Invoerfout([*invoerproblemen(fout.errors(), prefix), *samenhang]) from None
        if samenhang:
            raise Invoerfout(samenhang)
        return _intern(model.model_dump(), self.velden)

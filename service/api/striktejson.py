"""Strict JSON (RFC 8259 + I-JSON): unique keys, finite numbers, bounded lists and depth.

Every duplicate key is named by its full path (`gegevens.vorderingen[0].id`): a gateway and
this service could read different requests (`"bedrag": "500.00", "bedrag": "99999.00"`),
so such a request is refused as a whole, with every duplicate listed.
"""

from __future__ import annotations

import json
import math
import threading
from typing import Any

GROOTSTE_GETAL = 2**63


_JSONFOUTEN = {
    "Expecting value": "hier hoort een waarde",
    "Expecting property name enclosed in double quotes": "verwacht een veldnaam tussen dubbele aanhalingstekens",
    "Expecting ',' delimiter": "verwacht een komma",
    "Expecting ':' delimiter": "verwacht een dubbele punt",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Extra data": "er staat nog iets na het einde van de JSON",
    "Invalid control character at": "ongeldig stuurteken in een tekst",
    "Invalid \\escape": "ongeldige escape (\\) in een tekst",
}


class OngeldigeJson(ValueError):
    """Not strict JSON; `problemen` are its invalidParams (every duplicate key by its path)."""

    def __init__(self, melding: str, problemen: list[dict[str, str]] | None = None) -> None:
        super().__init__(melding)
        self.problemen = problemen or [{"name": "body", "reason": melding, "code": "json_invalid"}]


class TeVeelElementen(ValueError):
    """More list elements than allowed in one request."""


class _MetDubbel(dict[str, Any]):
    """An object with a key more than once: every value per such key, the overwritten too."""

    __slots__ = ("dubbel",)

    def __init__(self, paren: list[tuple[str, Any]]) -> None:
        super().__init__(paren)
        waarden: dict[str, list[Any]] = {}
        for sleutel, waarde in paren:
            waarden.setdefault(sleutel, []).append(waarde)
        self.dubbel = {s: w for s, w in waarden.items() if len(w) > 1}


def _geen_constante(naam: str) -> Any:
    raise OngeldigeJson(f"{naam} is geen JSON-getal.")


_gezien = threading.local()
"""Per thread: whether the document being parsed has a duplicate key (parsing is synchronous,
so one flag per thread suffices; one decoder for all keeps the hot path as fast as before)."""


def _object(paren: list[tuple[str, Any]]) -> dict[str, Any]:
    uit = dict(paren)
    if len(uit) == len(paren):
        return uit
    _gezien.dubbel = True
    return _MetDubbel(paren)


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_geen_constante)


def _keer(aantal: int) -> str:
    return "twee keer" if aantal == 2 else f"{aantal} keer"


def dubbele_sleutels(document: Any) -> list[dict[str, str]]:
    """Every key that stands more than once in one object, by its full path
    (`gegevens.vorderingen[0].id`), in document order; also inside overwritten values."""
    uit: list[dict[str, str]] = []
    te_doen: list[tuple[str, Any]] = [("", document)]
    while te_doen:
        pad, waarde = te_doen.pop()
        if isinstance(waarde, dict):
            dubbel: dict[str, list[Any]] = getattr(waarde, "dubbel", {})
            kinderen = []
            for sleutel, laatste in waarde.items():
                hier = f"{pad}.{sleutel}" if pad else sleutel
                if sleutel in dubbel:
                    reden = (
                        f"De sleutel '{sleutel}' staat {_keer(len(dubbel[sleutel]))} in één object."
                    )
                    uit.append({"name": hier, "reason": reden, "code": "duplicate_key"})
                kinderen += [(hier, w) for w in dubbel.get(sleutel, [laatste])]
            te_doen.extend(reversed(kinderen))
        elif isinstance(waarde, list):
            te_doen.extend(reversed([(f"{pad}[{i}]", e) for i, e in enumerate(waarde)]))
    return uit


def lees_strikt(body: bytes, max_elementen: int) -> Any:
    """Parse strict JSON (RFC 8259 + I-JSON: unique keys, finite numbers) and count lists.

    Raises OngeldigeJson (naming every duplicate key) or TeVeelElementen.
    """
    _gezien.dubbel = False
    try:
        document = _DECODER.decode(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise OngeldigeJson("Het verzoek is geen UTF-8.") from None
    except json.JSONDecodeError as fout:
        raise OngeldigeJson(
            f"Geen geldige JSON: {_JSONFOUTEN.get(fout.msg, 'onverwacht teken')} "
            f"(regel {fout.lineno}, kolom {fout.colno})."
        ) from None
    except RecursionError:
        raise OngeldigeJson("De JSON is te diep genest.") from None
    if _gezien.dubbel:
        problemen = dubbele_sleutels(document)
        melding = (
            problemen[0]["reason"]
            if len(problemen) == 1
            else f"{len(problemen)} sleutels staan meer dan eens in hetzelfde object; "
            "zie invalidParams."
        )
        raise OngeldigeJson(melding, problemen)
    _controleer(document, max_elementen)
    return document


def _controleer(document: Any, max_elementen: int) -> None:
    """Count list elements (all lists together) and refuse numbers JSON cannot carry."""
    elementen = 0
    te_doen = [document]
    while te_doen:
        waarde = te_doen.pop()
        if isinstance(waarde, dict):
            te_doen.extend(waarde.values())
        elif isinstance(waarde, list):
            elementen += len(waarde)
            if elementen > max_elementen:
                raise TeVeelElementen(
                    f"Het verzoek bevat meer dan {max_elementen} lijstelementen "
                    "(alle lijsten samen; INVORDERING_MAX_LIJSTELEMENTEN)."
                )
            te_doen.extend(waarde)
        elif isinstance(waarde, float) and not math.isfinite(waarde):
            raise OngeldigeJson("Een getal is te groot (buiten het bereik van JSON-getallen).")
        elif isinstance(waarde, int) and not -GROOTSTE_GETAL < waarde < GROOTSTE_GETAL:
            raise OngeldigeJson("Een geheel getal is te groot (meer dan 64 bits).")

"""Compare a stored decision with its replay under candidate rules, and count what changed.

A `Telling` is a plain JSON document so that parts counted by different processes (or
machines) can be stored with their part and added up. It stays small whatever the
number of decisions: counters per field and per kind of change, a capped sample of
changed decisions and of undecidable ones.

A change is described the way policy staff read it: a date moved "14 dagen later", an
amount "€ 12,50 hoger", a yes/no "ja → nee". Fields are named by their path in the
outcome with list positions left out (`vorderingen[].betalingstermijnEinde`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_VOORBEELDEN = 20
MAX_WIJZIGINGEN_PER_VOORBEELD = 20
MAX_VERANDERINGEN_PER_VELD = 30
MAX_REDENEN = 50
MAX_IDS_PER_REDEN = 5
OVERIGE = "overige veranderingen"
_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BEDRAG = re.compile(r"^-?\d+\.\d{2}$")


def verschillen(
    voor: Any, na: Any, pad: str = "", veld: str = ""
) -> Iterator[tuple[str, str, Any, Any]]:
    """(path, field, before, after) for every leaf that differs; lists are compared by position."""
    if isinstance(voor, dict) and isinstance(na, dict):
        for sleutel in dict.fromkeys([*voor, *na]):
            volgend = f"{pad}.{sleutel}" if pad else str(sleutel)
            yield from verschillen(
                voor.get(sleutel),
                na.get(sleutel),
                volgend,
                f"{veld}.{sleutel}" if veld else str(sleutel),
            )
    elif isinstance(voor, list) and isinstance(na, list):
        for i in range(max(len(voor), len(na))):
            yield from verschillen(
                voor[i] if i < len(voor) else None,
                na[i] if i < len(na) else None,
                f"{pad}[{i}]",
                f"{veld}[]",
            )
    elif voor != na:
        yield pad, veld, voor, na


def _meervoud(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def _euro(bedrag: Decimal) -> str:
    tekst = f"{bedrag:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {tekst}"


def beschrijf(voor: Any, na: Any) -> tuple[str, str, int | float | str | None]:
    """(description, kind, shift or None) of one changed value: whole days for a date, an
    amount as a Decimal string (`"-12.50"`, never a float), a number as computed."""
    if voor is None or na is None:
        leeg = "was leeg, nu gevuld" if voor is None else "nu leeg"
        return leeg, "leeg", None
    if isinstance(voor, str) and isinstance(na, str) and _DATUM.match(voor) and _DATUM.match(na):
        dagen = (dt.date.fromisoformat(na) - dt.date.fromisoformat(voor)).days
        richting = "later" if dagen > 0 else "eerder"
        return f"{_meervoud(abs(dagen), 'dag', 'dagen')} {richting}", "datum", dagen
    if isinstance(voor, str) and isinstance(na, str) and _BEDRAG.match(voor) and _BEDRAG.match(na):
        try:
            verschil = Decimal(na) - Decimal(voor)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            verschil = Decimal(0)
        return (
            f"{_euro(abs(verschil))} {'hoger' if verschil > 0 else 'lager'}",
            "bedrag",
            str(verschil),
        )
    if isinstance(voor, bool) and isinstance(na, bool):
        return f"{'ja' if voor else 'nee'} → {'ja' if na else 'nee'}", "jaNee", None
    if isinstance(voor, int | float) and isinstance(na, int | float):
        getal = na - voor
        return f"{abs(getal)} {'hoger' if getal > 0 else 'lager'}", "getal", getal
    return f"„{voor}” → „{na}”", "tekst", None


def nieuwe_telling() -> dict[str, Any]:
    return {
        "beoordeeld": 0,
        "gewijzigd": 0,
        "alleenRedenenGewijzigd": 0,
        "nietBeslisbaar": 0,
        "perSoort": {},
        "regels": {},
        "voorbeelden": [],
        "nietBeslisbareRedenen": {},
    }


def _soort(telling: dict[str, Any], soort: str) -> dict[str, Any]:
    per_soort: dict[str, dict[str, Any]] = telling["perSoort"]
    return per_soort.setdefault(
        soort, {"beoordeeld": 0, "gewijzigd": 0, "nietBeslisbaar": 0, "velden": {}}
    )


def _tel_regels(telling: dict[str, Any], soort: str, regels: set[str], plek: int) -> None:
    per_regel = telling["regels"].setdefault(soort, {})
    for regel in regels:
        per_regel.setdefault(regel, [0, 0])[plek] += 1


def tel_vergelijking(
    telling: dict[str, Any],
    beslissing: tuple[str, str, str],
    uitkomsten: tuple[Any, Any],
    regels: tuple[set[str], set[str]],
) -> bool:
    """Count one replayed decision ((id, soort, peildatum), (before, after) outcomes,
    (before, after) rule ids applied); True if its outcome changed."""
    beslissing_id, soort, peildatum = beslissing
    per_soort = _soort(telling, soort)
    telling["beoordeeld"] += 1
    per_soort["beoordeeld"] += 1
    _tel_regels(telling, soort, regels[0], 0)
    _tel_regels(telling, soort, regels[1], 1)
    wijzigingen = list(verschillen(*uitkomsten))
    if not wijzigingen:
        if regels[0] != regels[1]:
            telling["alleenRedenenGewijzigd"] += 1
        return False
    telling["gewijzigd"] += 1
    per_soort["gewijzigd"] += 1
    velden_in_beslissing: set[str] = set()
    for _pad, veld, voor, na in wijzigingen:
        telveld = per_soort["velden"].setdefault(
            veld, {"waarden": 0, "beslissingen": 0, "veranderingen": {}}
        )
        telveld["waarden"] += 1
        if veld not in velden_in_beslissing:
            velden_in_beslissing.add(veld)
            telveld["beslissingen"] += 1
        omschrijving, aard, verschil = beschrijf(voor, na)
        veranderingen = telveld["veranderingen"]
        if omschrijving not in veranderingen and len(veranderingen) >= MAX_VERANDERINGEN_PER_VELD:
            omschrijving, aard, verschil = OVERIGE, "overig", None
        teller = veranderingen.setdefault(
            omschrijving, {"aantal": 0, "soort": aard, "verschil": verschil}
        )
        teller["aantal"] += 1
    if len(telling["voorbeelden"]) < MAX_VOORBEELDEN:
        telling["voorbeelden"].append(
            {
                "beslissing": beslissing_id,
                "soort": soort,
                "peildatum": peildatum,
                "wijzigingen": [
                    {"veld": pad, "voor": voor, "na": na}
                    for pad, _veld, voor, na in wijzigingen[:MAX_WIJZIGINGEN_PER_VOORBEELD]
                ],
            }
        )
    return True


def tel_niet_beslisbaar(
    telling: dict[str, Any],
    beslissing_id: str,
    soort: str,
    status: int,
    reden: str,
    regels: set[str],
) -> None:
    """A decision the candidate cannot decide any more (400/422, or 500 for an engine fault)."""
    telling["beoordeeld"] += 1
    telling["nietBeslisbaar"] += 1
    per_soort = _soort(telling, soort)
    per_soort["beoordeeld"] += 1
    per_soort["nietBeslisbaar"] += 1
    _tel_regels(telling, soort, regels, 0)
    redenen = telling["nietBeslisbareRedenen"]
    sleutel = f"{status}|{reden}"
    if sleutel not in redenen and len(redenen) >= MAX_REDENEN:
        sleutel, reden = f"{status}|{OVERIGE}", OVERIGE
    groep = redenen.setdefault(
        sleutel, {"status": status, "reden": reden, "aantal": 0, "voorbeelden": []}
    )
    groep["aantal"] += 1
    if len(groep["voorbeelden"]) < MAX_IDS_PER_REDEN:
        groep["voorbeelden"].append(beslissing_id)


def voeg_samen(delen: list[dict[str, Any]]) -> dict[str, Any]:
    """Add up the counts of several parts (the result is again a Telling)."""
    totaal = nieuwe_telling()
    for deel in delen:
        for sleutel in ("beoordeeld", "gewijzigd", "alleenRedenenGewijzigd", "nietBeslisbaar"):
            totaal[sleutel] += deel[sleutel]
        for soort, s in deel["perSoort"].items():
            doel = _soort(totaal, soort)
            for sleutel in ("beoordeeld", "gewijzigd", "nietBeslisbaar"):
                doel[sleutel] += s[sleutel]
            for veld, v in s["velden"].items():
                d = doel["velden"].setdefault(
                    veld, {"waarden": 0, "beslissingen": 0, "veranderingen": {}}
                )
                d["waarden"] += v["waarden"]
                d["beslissingen"] += v["beslissingen"]
                for omschrijving, teller in v["veranderingen"].items():
                    naar = d["veranderingen"].setdefault(omschrijving, {**teller, "aantal": 0})
                    naar["aantal"] += teller["aantal"]
        for soort, regels in deel["regels"].items():
            per_regel = totaal["regels"].setdefault(soort, {})
            for regel, (voor, na) in regels.items():
                teller = per_regel.setdefault(regel, [0, 0])
                teller[0] += voor
                teller[1] += na
        ruimte = MAX_VOORBEELDEN - len(totaal["voorbeelden"])
        totaal["voorbeelden"].extend(deel["voorbeelden"][: max(ruimte, 0)])
        for sleutel, groep in deel["nietBeslisbareRedenen"].items():
            doel = totaal["nietBeslisbareRedenen"].setdefault(
                sleutel, {**groep, "aantal": 0, "voorbeelden": []}
            )
            doel["aantal"] += groep["aantal"]
            doel["voorbeelden"] = (doel["voorbeelden"] + groep["voorbeelden"])[:MAX_IDS_PER_REDEN]
    return totaal


def eindrapport(telling: dict[str, Any]) -> dict[str, Any]:
    """The report as published: lists sorted by how many decisions they concern."""
    per_soort = {}
    for soort, s in sorted(telling["perSoort"].items()):
        velden = [
            {
                "veld": veld,
                "gewijzigd": v["waarden"],
                "beslissingen": v["beslissingen"],
                "veranderingen": sorted(
                    ({"omschrijving": o, **t} for o, t in v["veranderingen"].items()),
                    key=lambda t: (-t["aantal"], t["omschrijving"]),
                ),
            }
            for veld, v in sorted(
                s["velden"].items(), key=lambda kv: (-kv[1]["beslissingen"], kv[0])
            )
        ]
        per_soort[soort] = {
            **{k: s[k] for k in ("beoordeeld", "gewijzigd", "nietBeslisbaar")},
            "velden": velden,
        }
    regels = sorted(
        (
            {"soort": soort, "regel": regel, "voor": voor, "na": na, "verschil": na - voor}
            for soort, per_regel in telling["regels"].items()
            for regel, (voor, na) in per_regel.items()
        ),
        key=lambda r: (-abs(r["verschil"]), r["soort"], r["regel"]),
    )
    redenen = sorted(
        telling["nietBeslisbareRedenen"].values(), key=lambda g: (-g["aantal"], g["reden"])
    )
    return {
        "beoordeeld": telling["beoordeeld"],
        "gewijzigd": telling["gewijzigd"],
        "ongewijzigd": telling["beoordeeld"] - telling["gewijzigd"] - telling["nietBeslisbaar"],
        "alleenRedenenGewijzigd": telling["alleenRedenenGewijzigd"],
        "nietBeslisbaar": telling["nietBeslisbaar"],
        "perSoort": per_soort,
        "regels": regels,
        "voorbeelden": telling["voorbeelden"],
        "nietBeslisbareRedenen": redenen,
    }

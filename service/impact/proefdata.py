"""Realistic stored termijnen decisions in bulk, for the impact tests and the benchmark.

Each decision is taken by the real rules (validation and evaluation as in the service)
and stored in the real table, in large inserts: tens of thousands in seconds rather than
through the HTTP API. The cases vary the way a recovery team's do: mostly Awb claims,
some tax assessments, a later term in the beschikking, aanmaningen, uitstel.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from service.decisions.service import evalueer
from service.engine.library import Regelbibliotheek
from service.storage.database import schrijfslot
from service.storage.models import Beslissing, BeslissingRegel, nu

BEGIN = dt.date(2024, 1, 1)


def _vordering(kans: random.Random, nr: int) -> dict[str, Any]:
    verzonden = BEGIN + dt.timedelta(days=kans.randrange(0, 3 * 365))
    vordering: dict[str, Any] = {
        "id": f"V{nr}",
        "bedrag": f"{kans.randrange(2000, 500000) / 100:.2f}",
    }
    soort = kans.random()
    if soort < 0.15:
        vordering |= {"regime": "invorderingswet", "dagtekening": verzonden.isoformat()}
    else:
        vordering["verzenddatumBeschikking"] = verzonden.isoformat()
        if soort < 0.20:
            later = verzonden + dt.timedelta(days=kans.randrange(60, 120))
            vordering["betalingstermijnEinde"] = later.isoformat()
    if kans.random() < 0.3:
        aanmaning = verzonden + dt.timedelta(days=kans.randrange(50, 90))
        vordering["aanmaningen"] = [{"verzenddatum": aanmaning.isoformat()}]
    if kans.random() < 0.05:
        van = verzonden + dt.timedelta(days=kans.randrange(10, 40))
        vordering["uitstelVanBetaling"] = [
            {"van": van.isoformat(), "tot": (van + dt.timedelta(days=60)).isoformat()}
        ]
    return vordering


def termijnen_geval(kans: random.Random) -> tuple[dict[str, Any], dt.date]:
    """One case: 1 to 3 claims, a peildatum after the first was sent."""
    vorderingen = [_vordering(kans, i + 1) for i in range(kans.choice((1, 1, 1, 2, 3)))]
    eerste = min(
        dt.date.fromisoformat(v.get("verzenddatumBeschikking") or v["dagtekening"])
        for v in vorderingen
    )
    return {"vorderingen": vorderingen}, eerste + dt.timedelta(days=kans.randrange(0, 400))


def vul(engine: Engine, bibliotheek: Regelbibliotheek, aantal: int, zaad: int = 11) -> int:
    """Store `aantal` termijnen decisions taken by `bibliotheek`; returns how many were stored."""
    kans = random.Random(zaad)
    rijen: list[dict[str, Any]] = []
    regels: list[dict[str, Any]] = []
    opgeslagen = 0
    for _ in range(aantal):
        gegevens, peildatum = termijnen_geval(kans)
        geladen = bibliotheek.voor("termijnen", peildatum)
        evaluatie = evalueer(geladen, gegevens, peildatum)
        beslissing_id = str(uuid.UUID(int=kans.getrandbits(128), version=4))
        rijen.append(
            {
                "id": beslissing_id,
                "soort": "termijnen",
                "peildatum": peildatum,
                "zaakreferentie": None,
                "behandelaar": "m.devries",
                "aangemaakt_door": "m.devries",
                "aangemaakt_op": nu(),
                "gegevens": gegevens,
                "uitkomst": evaluatie.uitkomst,
                "redenen": evaluatie.redenen,
                "regelset_naam": geladen.regelset.naam,
                "regelset_versie": geladen.regelset.versie,
                "regelset_hash": geladen.regelset.hash,
                "idempotency_key": None,
                "verzoek_hash": hashlib.sha256(beslissing_id.encode()).hexdigest(),
                "mandaat": {"vereisteRol": "medewerker-invorderen", "bedrag": "0.00"},
                "vereiste_rol": "medewerker-invorderen",
                "beoordeling_vereist": False,
                "beoordeling_reden": "",
                "betrokkene": None,
            }
        )
        regels.extend(
            {"beslissing_id": beslissing_id, "regel": r, "soort": "termijnen"}
            for r in dict.fromkeys(r["regel"] for r in evaluatie.redenen)
        )
        if len(rijen) >= 1000:
            opgeslagen += _bewaar(engine, rijen, regels)
    return opgeslagen + _bewaar(engine, rijen, regels)


def _bewaar(engine: Engine, rijen: list[dict[str, Any]], regels: list[dict[str, Any]]) -> int:
    if not rijen:
        return 0
    with schrijfslot(engine), engine.begin() as verbinding:
        verbinding.execute(insert(Beslissing), rijen)
        verbinding.execute(insert(BeslissingRegel), regels)
    aantal = len(rijen)
    rijen.clear()
    regels.clear()
    return aantal

"""Shared by the access tests: the demo principals, the shipped mandate register, and stored
decisions and reviews as the access rules see them."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

from service.decisions.principals import Principal
from service.mandates.register import GeladenRegister, laad_register
from service.storage.models import Beoordeling, Beslissing
from tests.conftest import ROOT

REGISTER: GeladenRegister = laad_register(ROOT / "mandates")

SYSTEEM = Principal("zaaksysteem", "systeem")
DEVRIES = Principal("m.devries", "medewerker", "medewerker-invorderen")
BAKKER = Principal("j.bakker", "medewerker", "medewerker-invorderen")
VISSER = Principal("a.visser", "medewerker", "senior-invorderaar")
SMIT = Principal("s.smit", "medewerker", "teamleider-invordering")
MULDER = Principal("p.mulder", "beleid")
ZONDER_MANDAAT = Principal("x.stagiair", "medewerker", None)
PRINCIPALS = [SYSTEEM, DEVRIES, BAKKER, VISSER, SMIT, MULDER, ZONDER_MANDAAT]

_teller = itertools.count()


def beslissing(
    behandelaar: str = "m.devries",
    aangemaakt_door: str | None = None,
    vereiste_rol: str | None = "medewerker-invorderen",
    vereist: bool = True,
) -> Beslissing:
    """A stored decision as the access rules see it (the rule outcome does not matter here)."""
    return Beslissing(
        id=str(uuid.uuid4()),
        soort="termijnen",
        peildatum=dt.date(2026, 3, 1),
        zaakreferentie=f"Z-{next(_teller)}",
        behandelaar=behandelaar,
        aangemaakt_door=aangemaakt_door or behandelaar,
        aangemaakt_op=dt.datetime(2026, 3, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=next(_teller)),
        gegevens={},
        uitkomst={},
        redenen=[],
        regelset_naam="termijnen",
        regelset_versie="1.0.0",
        regelset_hash="0" * 64,
        verzoek_hash="0" * 64,
        mandaat={},
        vereiste_rol=vereiste_rol,
        beoordeling_vereist=vereist,
        beoordeling_reden="test",
    )


def oordeel(b: Beslissing, door: str = "s.smit", wat: str = "akkoord") -> Beoordeling:
    return Beoordeling(
        id=str(uuid.uuid4()),
        beslissing_id=b.id,
        oordeel=wat,
        beoordelaar=door,
        beoordelaar_rol="teamleider-invordering",
    )

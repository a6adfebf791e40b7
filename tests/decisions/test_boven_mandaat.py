"""Collegial review under a stricter test register (termijnen above € 1,000 need a senior,
above € 5,000 a teamleider): four eyes above the mandate with its audit trail, who sees such a
decision, and exactly one verdict when two reviewers act at once."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.api.app import maak_app
from service.decisions.review import beoordeel
from service.engine.library import Regelbibliotheek
from service.errors import Conflict
from service.mandates.register import laad_register
from service.settings import Instellingen
from tests.conftest import ROOT, aantal_beslissingen, auth
from tests.decisions.test_beoordeling import beoordeling, termijnen

MANDATEN = ROOT / "mandates"


@pytest.fixture
def strenger_register(tmp_path: Path) -> Path:
    """A test register: termijnen above € 1,000 needs a senior, above € 5,000 a teamleider."""
    map = tmp_path / "mandates"
    shutil.copytree(MANDATEN, map)
    pad = map / "register.yaml"
    tekst = pad.read_text(encoding="utf-8")
    oud = (
        "  termijnen:\n    grenzen: {medewerker-invorderen: alles, senior-invorderaar: alles, "
        "teamleider-invordering: alles, afdelingsmanager: alles}\n"
    )
    assert oud in tekst
    pad.write_text(
        tekst.replace(
            oud,
            (
                '  termijnen:\n    grenzen:\n      medewerker-invorderen: {bedrag: "1000.00"}\n'
                '      senior-invorderaar: {bedrag: "5000.00"}\n      teamleider-invordering: alles\n'
                "      afdelingsmanager: alles\n"
            ),
        ).replace("versie: 1.0.1", "versie: 1.1.0", 1),
        encoding="utf-8",
    )
    return map


@pytest.fixture
def streng(bibliotheek: Regelbibliotheek, db_engine: Engine, strenger_register: Path) -> TestClient:
    app = maak_app(
        Instellingen(),
        bibliotheek=bibliotheek,
        engine=db_engine,
        register=laad_register(strenger_register),
    )
    return TestClient(app, raise_server_exceptions=False)


class TestBovenMandaat:
    def test_vier_ogen_en_mandaat_met_audittrail(self, streng: TestClient) -> None:
        """Above its mandate: open; not by itself, not by a colleague of the same role; the
        teamleider approves; the audit trail shows all of it."""
        r = streng.post("/v1/beslissingen", json=termijnen("8000.00"), headers=auth("medewerker"))
        body = r.json()
        assert body["mandaat"] == {
            **body["mandaat"],
            "vereisteRol": "teamleider-invordering",
            "behandelaarBevoegd": False,
        }
        assert body["beoordeling"]["status"] == "open"
        assert "vereiste mandaat" in body["beoordeling"]["reden"]
        bid = body["id"]
        assert beoordeling(streng, bid, "medewerker").status_code == 403
        assert beoordeling(streng, bid, "collega").status_code == 403
        assert beoordeling(streng, bid, "senior").status_code == 403
        assert beoordeling(streng, bid, "teamleider").status_code == 201
        assert streng.get(f"/v1/beslissingen/{bid}", headers=auth("teamleider")).status_code == 200
        trail = streng.get(f"/v1/beslissingen/{bid}/audittrail", headers=auth("beleid")).json()
        stappen = [(a["gebruikersId"], a["actie"], a["resultaat"]) for a in trail]
        assert stappen == [
            ("m.devries", "aanmaken", 201),
            ("m.devries", "beoordelen", 403),
            ("j.bakker", "beoordelen", 403),
            ("a.visser", "beoordelen", 403),
            ("s.smit", "beoordelen", 201),
            ("s.smit", "lezen", 200),
        ]
        assert trail[4]["wijzigingen"] == {
            "oud": {"status": "open"},
            "nieuw": {"status": "goedgekeurd"},
        }

    def test_medewerker_ziet_alleen_binnen_mandaat(self, streng: TestClient) -> None:
        bid = streng.post(
            "/v1/beslissingen", json=termijnen("8000.00"), headers=auth("medewerker")
        ).json()["id"]
        assert (
            streng.get(f"/v1/beslissingen/{bid}", headers=auth("medewerker")).status_code == 200
        )  # own
        assert streng.get(f"/v1/beslissingen/{bid}", headers=auth("collega")).status_code == 403
        lijst = streng.get("/v1/beslissingen", headers=auth("collega")).json()
        assert bid not in [b["id"] for b in lijst["resultaten"]]
        assert streng.get(f"/v1/beslissingen/{bid}", headers=auth("beleid")).status_code == 200

    def test_systeem_met_onbekende_behandelaar_krijgt_400(
        self, streng: TestClient, db_engine: Engine
    ) -> None:
        """Issue 13: a case system names only a known medewerker of its organisation."""
        r = streng.post(
            "/v1/beslissingen",
            json=termijnen("10.00", behandelaar="x.onbekend"),
            headers=auth("systeem"),
        )
        assert r.status_code == 400
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["invalidParams"][0]["name"] == "behandelaar"
        assert aantal_beslissingen(db_engine) == 0


def gelijktijdig(omgeving: Any, engine: Engine, bid: str) -> list[str]:
    """A senior approves and a teamleider rejects, released at the same instant."""
    start = threading.Barrier(2)
    uitslagen: list[str] = []

    def keur(wie: str, oordeel: str) -> None:
        principal = omgeving.principals.op_id(wie)
        start.wait()
        with Session(engine) as sessie:
            try:
                beoordeel(omgeving, sessie, principal, bid, oordeel, "gelijktijdig")  # type: ignore[arg-type]
                uitslagen.append(oordeel)
            except Conflict:
                uitslagen.append("409")
            except Exception as fout:  # shown in the assertion, not lost in the thread
                uitslagen.append(repr(fout))

    draden = [
        threading.Thread(target=keur, args=("a.visser", "akkoord")),
        threading.Thread(target=keur, args=("s.smit", "afgekeurd")),
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    return uitslagen


def test_precies_een_oordeel_telt(
    bibliotheek: Regelbibliotheek, db_engine: Engine, strenger_register: Path
) -> None:
    """Two reviewers at the same moment (real threads, real database): exactly one verdict."""
    app = maak_app(
        Instellingen(),
        bibliotheek=bibliotheek,
        engine=db_engine,
        register=laad_register(strenger_register),
    )
    client = TestClient(app)
    for ronde in range(5):
        bid = client.post(
            "/v1/beslissingen", json=termijnen("3000.00"), headers=auth("medewerker")
        ).json()["id"]  # needs a senior
        uitslagen = gelijktijdig(app.state.omgeving, db_engine, bid)
        assert sorted(uitslagen) in (["409", "akkoord"], ["409", "afgekeurd"]), (ronde, uitslagen)
        status = client.get(f"/v1/beslissingen/{bid}", headers=auth("teamleider")).json()[
            "beoordeling"
        ]["status"]
        assert status == ("goedgekeurd" if "akkoord" in uitslagen else "afgekeurd")

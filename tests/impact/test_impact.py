"""Impact analysis: stored decisions replayed under candidate rules, in worker processes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from service.engine.library import Regelbibliotheek
from service.impact import proefdata, uitvoering
from service.rulefiles.calendar import AtwKalender
from service.storage.database import migreer
from tests.conftest import ROOT, RULES

AANTAL = 1200
BETALINGSTERMIJN = "vorderingen[].betalingstermijnEinde"


def kandidaat(
    tmp_path: Path,
    oud: str | None = None,
    nieuw: str = "",
    bestand: str = "parameters/termijnen.yaml",
) -> Path:
    """A copy of rules/, with one exact text replaced in one file."""
    map = tmp_path / "kandidaat"
    shutil.copytree(RULES, map)
    if oud is not None:
        pad = map / bestand
        tekst = pad.read_text(encoding="utf-8")
        assert tekst.count(oud) == 1
        pad.write_text(tekst.replace(oud, nieuw), encoding="utf-8")
    return map


ZES_WEKEN = "      - geldigVanaf: 2009-07-01\n        waarde: 6\n"
ACHT_WEKEN = "      - geldigVanaf: 2009-07-01\n        waarde: 8\n"


def draai(engine: Engine, map: Path, **filter: Any) -> dict[str, Any]:
    analyse = uitvoering.maak_analyse(
        engine,
        uitvoering.lees_kandidaat(map),
        uitvoering.filter_van(filter.get("soort"), filter.get("van"), filter.get("tot")),
        "p.mulder",
        deelgrootte=filter.get("deelgrootte", 500),
    )
    uitkomst = uitvoering.voer_uit(engine, analyse.id, processen=2)
    assert uitkomst["status"] == "klaar", uitkomst.get("fout")
    return uitkomst["rapport"]  # type: ignore[no-any-return]


def beslissingen(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as verbinding:
        return [
            tuple(r)
            for r in verbinding.execute(
                text("SELECT id, uitkomst, redenen FROM beslissing ORDER BY id")
            )
        ]


@pytest.fixture
def gevuld(db_engine: Engine, bibliotheek: Regelbibliotheek) -> Engine:
    migreer(db_engine)
    assert proefdata.vul(db_engine, bibliotheek, AANTAL) == AANTAL
    return db_engine


def verwachte_verschuiving(
    engine: Engine, bibliotheek: Regelbibliotheek
) -> tuple[int, Counter[int]]:
    """Independently of the replay: decisions whose term TRM-BETALINGSTERMIJN-AWB derived,
    and the shift in days of each such term when 6 weeks become 8 (Atw calendar)."""
    beslist = 0
    verschuivingen: Counter[int] = Counter()
    for _id, uitkomst, redenen in beslissingen(engine):
        awb = [r for r in json_van(redenen) if r["regel"] == "TRM-BETALINGSTERMIJN-AWB"]
        beslist += bool(awb)
        for reden in awb:
            begin = dt.date.fromisoformat(reden["waarden"]["betalingstermijnBegin"])
            regelset = bibliotheek.voor("termijnen", begin).regelset
            kalender = AtwKalender.uit(regelset.waarde_op, regelset.alle_waarden)
            oud = dt.date.fromisoformat(reden["waarden"]["betalingstermijnEinde"])
            nieuw = kalender.verleng(begin + dt.timedelta(weeks=8), begin)
            verschuivingen[(nieuw - oud).days] += 1
        assert json_van(uitkomst)["vorderingen"]
    return beslist, verschuivingen


def json_van(waarde: Any) -> Any:
    return json.loads(waarde) if isinstance(waarde, str) else waarde


class TestImpact:
    def test_acht_weken_in_plaats_van_zes(
        self, gevuld: Engine, bibliotheek: Regelbibliotheek, tmp_path: Path
    ) -> None:
        """gewijzigd = every decision whose payment term moves, with the field and the shift."""
        voor = beslissingen(gevuld)
        rapport = draai(gevuld, kandidaat(tmp_path, ZES_WEKEN, ACHT_WEKEN))
        verwacht_gewijzigd, verschuivingen = verwachte_verschuiving(gevuld, bibliotheek)
        assert 0 < verwacht_gewijzigd < AANTAL  # tax assessments and later terms do not move
        assert rapport["beoordeeld"] == AANTAL
        assert rapport["nietBeslisbaar"] == 0
        assert rapport["gewijzigd"] == verwacht_gewijzigd
        velden = {v["veld"]: v for v in rapport["perSoort"]["termijnen"]["velden"]}
        termijn = velden[BETALINGSTERMIJN]
        assert termijn["beslissingen"] == verwacht_gewijzigd
        assert {v["verschil"]: v["aantal"] for v in termijn["veranderingen"]} == dict(
            verschuivingen
        )
        assert termijn["veranderingen"][0]["omschrijving"] == "14 dagen later"
        assert beslissingen(gevuld) == voor  # nothing written to the decisions
        voorbeeld = rapport["voorbeelden"][0]
        assert any(w["veld"].endswith("betalingstermijnEinde") for w in voorbeeld["wijzigingen"])

    def test_ongewijzigde_kopie(self, gevuld: Engine, tmp_path: Path) -> None:
        rapport = draai(gevuld, kandidaat(tmp_path))
        assert (rapport["beoordeeld"], rapport["gewijzigd"], rapport["nietBeslisbaar"]) == (
            AANTAL,
            0,
            0,
        )
        assert all(r["voor"] == r["na"] for r in rapport["regels"])
        assert rapport["alleenRedenenGewijzigd"] == 0

    def test_niet_meer_te_beslissen(self, gevuld: Engine, tmp_path: Path) -> None:
        """A candidate valid only from 2026 cannot decide older peildatums: 422 with the reason."""
        map = kandidaat(
            tmp_path, "geldigVanaf: 2009-01-01\n", "geldigVanaf: 2026-01-01\n", "termijnen.yaml"
        )
        rapport = draai(gevuld, map)
        with gevuld.connect() as verbinding:
            ouder = verbinding.execute(
                text("SELECT count(*) FROM beslissing WHERE peildatum < '2026-01-01'")
            ).scalar_one()
        assert ouder > 0
        assert rapport["nietBeslisbaar"] == ouder
        [groep] = rapport["nietBeslisbareRedenen"]
        assert groep["status"] == 422 and groep["aantal"] == ouder
        assert groep["reden"] == "Er is geen regelset 'termijnen' geldig op peildatum …."

    def test_filters(self, gevuld: Engine, tmp_path: Path) -> None:
        map = kandidaat(tmp_path)
        assert draai(gevuld, map, soort="afschrijving")["beoordeeld"] == 0
        morgen = dt.date.today() + dt.timedelta(days=2)
        assert draai(gevuld, map, van=morgen)["beoordeeld"] == 0
        assert draai(gevuld, map, soort="termijnen", tot=morgen)["beoordeeld"] == AANTAL


class TestCli:
    def test_json(self, tmp_path: Path, bibliotheek: Regelbibliotheek) -> None:
        from service.storage.database import maak_engine

        url = f"sqlite:///{tmp_path / 'cli.db'}"
        engine = maak_engine(url)
        migreer(engine)
        proefdata.vul(engine, bibliotheek, 300)
        engine.dispose()
        map = kandidaat(tmp_path, ZES_WEKEN, ACHT_WEKEN)
        uit = subprocess.run(
            [
                str(Path(sys.executable).parent / "invordering"),
                "impact",
                "--kandidaat",
                str(map),
                "--json",
            ],
            env={**os.environ, "INVORDERING_DATABASE_URL": url},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        document = json.loads(uit.stdout)
        assert document["beoordeeld"] == 300
        assert 0 < document["gewijzigd"] < 300
        assert document["perSoort"]["termijnen"]["velden"][0]["veld"].startswith("vorderingen[]")

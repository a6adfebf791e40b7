"""The work table: parts claimed once, without waiting (SKIP LOCKED), shared by several workers."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import pytest
from sqlalchemy import text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.engine.library import Regelbibliotheek
from service.impact import proefdata, uitvoering
from service.storage import impact as opslag
from service.storage.database import migreer
from service.storage.models import nu
from tests.impact.test_impact import kandidaat

AANTAL = 600


@pytest.fixture
def analyse(db_engine: Engine, bibliotheek: Regelbibliotheek, tmp_path: Path) -> str:
    migreer(db_engine)
    proefdata.vul(db_engine, bibliotheek, AANTAL)
    nieuw = uitvoering.maak_analyse(
        db_engine,
        uitvoering.lees_kandidaat(kandidaat(tmp_path)),
        uitvoering.filter_van(None, None, None),
        "p.mulder",
        deelgrootte=50,
    )
    assert (nieuw.totaal, nieuw.delen) == (AANTAL, AANTAL // 50)
    return nieuw.id


def delen(engine: Engine, analyse_id: str) -> list[tuple[int, str, str | None, int]]:
    with engine.connect() as verbinding:
        return [
            (r.nr, r.status, r.werker, r.verwerkt)
            for r in verbinding.execute(
                text(
                    "SELECT nr, status, werker, verwerkt FROM impactdeel WHERE analyse_id = :a ORDER BY nr"
                ),
                {"a": analyse_id},
            )
        ]


class TestWerktabel:
    def test_sleutelbereiken_dekken_alles_precies_eens(
        self, db_engine: Engine, analyse: str
    ) -> None:
        with db_engine.connect() as verbinding:
            rijen = verbinding.execute(
                text(
                    "SELECT van_id, tot_id, aantal FROM impactdeel WHERE analyse_id = :a ORDER BY nr"
                ),
                {"a": analyse},
            ).all()
        assert rijen[0][0] is None and rijen[-1][1] is None
        assert all(a[1] == b[0] for a, b in itertools.pairwise(rijen))
        assert sum(r[2] for r in rijen) == AANTAL

    def test_skip_locked_wacht_niet(self, db_engine: Engine, analyse: str) -> None:
        """A part locked by one worker's transaction is skipped by another, not waited for."""
        if db_engine.dialect.name != "postgresql":
            pytest.skip(
                "FOR UPDATE SKIP LOCKED is voor PostgreSQL; SQLite claimt onder de schrijfslot"
            )
        with db_engine.connect() as ander:
            ander.execute(text("SET lock_timeout = '2s'"))
            ander.execute(
                text("SELECT nr FROM impactdeel WHERE analyse_id = :a AND nr = 0 FOR UPDATE"),
                {"a": analyse},
            )
            deel = opslag.claim_deel(db_engine, analyse, "machine-b")
            assert deel is not None and deel.nr == 1
            ander.rollback()
        deel = opslag.claim_deel(db_engine, analyse, "machine-c")
        assert deel is not None and deel.nr == 0

    def test_twee_machines_een_analyse(self, db_engine: Engine, analyse: str) -> None:
        """Two workers on one analysis: every part done exactly once, the report complete."""
        fouten: list[BaseException] = []

        def machine(naam: str) -> None:
            try:
                uitvoering.werk(db_engine, analyse, naam)
            except BaseException as fout:  # pragma: no cover - reported below
                fouten.append(fout)

        draden = [threading.Thread(target=machine, args=(f"machine-{i}",)) for i in range(2)]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join(timeout=300)
        assert not fouten
        rijen = delen(db_engine, analyse)
        assert all(
            status == "klaar" and werker in ("machine-0", "machine-1")
            for _, status, werker, _ in rijen
        )
        assert sum(verwerkt for *_, verwerkt in rijen) == AANTAL
        with Session(db_engine) as sessie:
            klaar = opslag.haal_analyse(sessie, analyse)
        assert klaar is not None and klaar.status == "klaar" and klaar.rapport is not None
        assert (klaar.rapport["beoordeeld"], klaar.rapport["gewijzigd"]) == (AANTAL, 0)

    def test_verdwenen_werker_wordt_overgenomen(self, db_engine: Engine, analyse: str) -> None:
        deel = opslag.claim_deel(db_engine, analyse, "verdwenen")
        assert deel is not None
        with db_engine.begin() as verbinding:
            verbinding.execute(
                update(opslag.Impactdeel)
                .where(opslag.Impactdeel.analyse_id == analyse)  # type: ignore[arg-type]
                .values(geclaimd_op=nu() - opslag.VERLOPEN * 2)
            )
        assert uitvoering.werk(db_engine, analyse, "opvolger") == AANTAL
        assert {werker for _, _, werker, _ in delen(db_engine, analyse)} == {"opvolger"}

"""The group-commit writer on a real database (SQLite, and PostgreSQL if reachable)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlalchemy import Column, MetaData, String, Table, text
from sqlalchemy.engine import Engine

from service.storage.database import migreer
from service.storage.groepscommit import Groepsschrijver, Rij
from service.storage.models import Auditrecord, nu


def audit(id: str) -> list[Rij]:
    rij = Auditrecord.model_construct(
        id=id, beslissing_id=None, bron="test", gebruikers_id="t", gebruikers_rol="systeem",
        actie="lezen", actie_weergave="test", resultaat=200, hoofd_object="/v1/beslissingen",
        aanmaakdatum=nu(), oud=None, nieuw=None,
    )  # fmt: skip
    return [(Auditrecord.__table__, rij.model_dump())]  # type: ignore[attr-defined]


def opgeslagen(engine: Engine) -> set[str]:
    with engine.connect() as verbinding:
        return {r[0] for r in verbinding.execute(text("SELECT id FROM auditrecord"))}


async def schrijf_tegelijk(schrijver: Groepsschrijver, rijen: list[list[Rij]]) -> list[Any]:
    return await asyncio.gather(*(schrijver.schrijf(r) for r in rijen), return_exceptions=True)


@pytest.fixture
def schrijver(db_engine: Engine) -> Groepsschrijver:
    migreer(db_engine)
    return Groepsschrijver(db_engine, rust=0.2)


class TestGroepscommit:
    def test_wachtende_verzoeken_delen_een_transactie(
        self, schrijver: Groepsschrijver, db_engine: Engine
    ) -> None:
        ids = [f"a{i}" for i in range(60)]
        uitkomsten = asyncio.run(schrijf_tegelijk(schrijver, [audit(i) for i in ids]))
        assert uitkomsten == [True] * 60
        assert opgeslagen(db_engine) == set(ids)
        assert schrijver.groepen < 30  # they were not committed one by one

    def test_conflict_raakt_alleen_dat_verzoek(
        self, schrijver: Groepsschrijver, db_engine: Engine
    ) -> None:
        """A duplicate key rolls the group back; the others are then stored one by one."""
        assert asyncio.run(schrijver.schrijf(audit("dubbel"))) is True
        rijen = [audit("b1"), audit("dubbel"), audit("b2"), audit("b3")]
        assert asyncio.run(schrijf_tegelijk(schrijver, rijen)) == [True, False, True, True]
        assert opgeslagen(db_engine) == {"dubbel", "b1", "b2", "b3"}

    def test_databasefout_naar_elk_wachtend_verzoek(
        self, schrijver: Groepsschrijver, db_engine: Engine
    ) -> None:
        """An error reaches every waiter of that group; the writer goes on afterwards."""
        bestaat_niet = Table("bestaat_niet", MetaData(), Column("id", String, primary_key=True))
        fout: list[Rij] = [(bestaat_niet, {"id": "x"})]
        uitkomsten = asyncio.run(schrijf_tegelijk(schrijver, [fout, fout]))
        assert all(isinstance(u, Exception) for u in uitkomsten), uitkomsten
        assert asyncio.run(schrijver.schrijf(audit("daarna"))) is True
        assert opgeslagen(db_engine) == {"daarna"}

    def test_draad_stopt_in_rust_en_start_weer(
        self, schrijver: Groepsschrijver, db_engine: Engine
    ) -> None:
        assert asyncio.run(schrijver.schrijf(audit("c1"))) is True
        einde = time.monotonic() + 30
        while schrijver._draad is not None and time.monotonic() < einde:
            time.sleep(0.05)
        assert schrijver._draad is None
        assert schrijver.schrijf_en_wacht(audit("c2")) is True
        assert opgeslagen(db_engine) == {"c1", "c2"}

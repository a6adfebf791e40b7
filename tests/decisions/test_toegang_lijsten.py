"""The access module in SQL: the lists, the review queue and 'mijn beslissingen' in a real
database hold exactly what the Python rules for a single decision allow."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.decisions import toegang
from service.decisions.principals import Principal
from service.storage import repository
from service.storage.database import migreer
from service.storage.models import Beoordeling, Beslissing
from tests.decisions.principals import MULDER, PRINCIPALS, REGISTER, beslissing, oordeel


def _bewaar(engine: Engine, *rijen: Any) -> None:
    with Session(engine) as sessie:
        assert repository.bewaar(sessie, *rijen)


class TestLijstenGelijkAanTabel:
    """The SQL of the lists and the Python of a single decision answer the same."""

    @pytest.fixture
    def beslissingen(self, db_engine: Engine) -> list[tuple[Beslissing, Beoordeling | None]]:
        migreer(db_engine)
        rijen: list[tuple[Beslissing, Beoordeling | None]] = []
        for behandelaar, door, rol, vereist, beoordeeld in itertools.product(
            ["m.devries", "j.bakker", "x.stagiair"],
            [None, "zaaksysteem", "a.visser"],  # a.visser: requested for another (defensive)
            [None, *REGISTER.register.rollen],
            [True, False],
            [False, True],
        ):
            if beoordeeld and not vereist:
                continue
            b = beslissing(behandelaar, door, rol, vereist)
            rijen.append((b, oordeel(b) if beoordeeld else None))
        _bewaar(db_engine, *(b for b, _ in rijen))
        _bewaar(db_engine, *(o for _, o in rijen if o is not None))
        return rijen

    @pytest.mark.parametrize("principal", PRINCIPALS, ids=lambda p: p.id)
    def test_zichtbaar_in_lijst_is_mag_zien(
        self,
        db_engine: Engine,
        beslissingen: list[tuple[Beslissing, Beoordeling | None]],
        principal: Principal,
    ) -> None:
        with Session(db_engine) as sessie:
            gevonden, totaal = repository.zoek(
                sessie,
                repository.Filter(),
                toegang.zichtbaarheid(REGISTER, principal),
                offset=0,
                limit=1000,
            )
        verwacht = {b.id for b, _ in beslissingen if toegang.mag_zien(REGISTER, principal, b)}
        assert {b.id for b in gevonden} == verwacht
        assert totaal == len(verwacht)
        if principal is MULDER:
            assert len(verwacht) == len(beslissingen)
        else:
            assert 0 < len(verwacht) < len(beslissingen)

    @pytest.mark.parametrize("principal", PRINCIPALS, ids=lambda p: p.id)
    def test_wachtrij_is_mag_beoordelen(
        self,
        db_engine: Engine,
        beslissingen: list[tuple[Beslissing, Beoordeling | None]],
        principal: Principal,
    ) -> None:
        """The queue holds exactly the decisions the principal may review, oldest first."""
        spec = toegang.wachtrij(REGISTER, principal)
        verwacht = [
            b.id for b, o in beslissingen if toegang.mag_beoordelen(REGISTER, principal, b, o)
        ]
        if spec is None:
            assert verwacht == []
            return
        with Session(db_engine) as sessie:
            gevonden, totaal = repository.wachtrij(sessie, spec, None, 1000)
        assert [b.id for b in gevonden] == verwacht  # created in order: oldest first
        assert totaal == len(verwacht) > 0

    @pytest.mark.parametrize("principal", PRINCIPALS, ids=lambda p: p.id)
    def test_eigen_binnen_zichtbaar(
        self,
        db_engine: Engine,
        beslissingen: list[tuple[Beslissing, Beoordeling | None]],
        principal: Principal,
    ) -> None:
        """'Mijn beslissingen' never shows what the principal may not see."""
        with Session(db_engine) as sessie:
            eigen, _ = repository.zoek(
                sessie, repository.Filter(), toegang.eigen(principal), offset=0, limit=1000
            )
        for b in eigen:
            assert toegang.mag_zien(REGISTER, principal, b)
            assert principal.id in (b.behandelaar, b.aangemaakt_door)

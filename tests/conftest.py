"""Shared test fixtures: the shipped rules, real databases (SQLite and PostgreSQL), clients."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.settings import Instellingen
from service.storage.database import maak_engine

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
# The shipped termijnen version, for tests that name its pages (a version bump needs no edits).
TERMIJNEN_VERSIE = str(yaml.safe_load((RULES / "termijnen.yaml").read_text())["versie"])
# The Logboek Dataverwerkingen of the test apps goes to a temporary file, not the project.
os.environ.setdefault(
    "INVORDERING_LOGBOEK_BESTAND",
    os.path.join(tempfile.gettempdir(), f"invordering-logboek-test-{os.getpid()}.jsonl"),
)
PG_URL = os.environ.get(
    "INVORDERING_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)

TOKENS = {
    "systeem": "demo-systeem",
    "medewerker": "demo-medewerker",
    "collega": "demo-collega",
    "senior": "demo-senior",
    "teamleider": "demo-teamleider",
    "beleid": "demo-beleid",
}


_LOPENDE_TEST = os.environ.get("INVORDERING_LOPENDE_TEST")


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    """Note the test that starts, for scripts/pytest.sh to name if the process crashes."""
    if _LOPENDE_TEST:
        Path(_LOPENDE_TEST).write_text(nodeid, encoding="utf-8")


def auth(wie: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[wie]}"}


def postgres_bereikbaar() -> bool:
    try:
        with psycopg.connect(PG_URL, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


PG_BEREIKBAAR = postgres_bereikbaar()


@pytest.fixture(autouse=True)
def _in_projectmap(monkeypatch: pytest.MonkeyPatch) -> None:
    """The service finds fixtures/ and rules/ relative to the working directory."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def bibliotheek() -> Regelbibliotheek:
    return laad_bibliotheek(RULES)


def _sqlite_engine(tmp: Path) -> Engine:
    return maak_engine(f"sqlite:///{tmp / 'test.db'}")


def _postgres_engine() -> tuple[Engine, str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as verbinding:
        verbinding.execute(f'CREATE SCHEMA "{schema}"')
    # application_name: the test's connections can be found (and ended) by the schema's name.
    url = (
        PG_URL
        + ("&" if "?" in PG_URL else "?")
        + f"options=-csearch_path%3D{schema}&application_name={schema}"
    )
    return maak_engine(url), schema


def _sluit_postgres(engine: Engine, schema: str) -> None:
    """Close the test's connections and drop its schema.

    A connection still checked out at dispose time (the group-commit writer keeps its
    connection 50 ms after its last group) would go back to the discarded pool and stay
    open until a garbage collection: over a suite, up to the server's 100 connections.
    So wait briefly for it, then end whatever of this test is still connected.
    """
    einde = time.monotonic() + 5
    while engine.pool.checkedout() and time.monotonic() < einde:  # type: ignore[attr-defined]
        time.sleep(0.01)
    engine.dispose()
    with psycopg.connect(PG_URL, autocommit=True) as verbinding:
        verbinding.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            (schema,),
        )
        verbinding.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, empty database: SQLite always, PostgreSQL when the server is reachable."""
    if request.param == "sqlite":
        engine = _sqlite_engine(tmp_path)
        yield engine
        engine.dispose()
        return
    if not PG_BEREIKBAAR:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is in CI verplicht maar niet bereikbaar op {PG_URL}")
        pytest.skip("PostgreSQL niet bereikbaar")
    engine, schema = _postgres_engine()
    yield engine
    _sluit_postgres(engine, schema)


@pytest.fixture
def maak_client(bibliotheek: Regelbibliotheek, db_engine: Engine) -> Any:
    def maak(**instellingen: Any) -> TestClient:
        app = maak_app(Instellingen(**instellingen), bibliotheek=bibliotheek, engine=db_engine)
        return TestClient(app, raise_server_exceptions=False)

    return maak


@pytest.fixture
def client(maak_client: Any) -> TestClient:
    return maak_client()  # type: ignore[no-any-return]


def aantal_beslissingen(engine: Engine) -> int:
    with engine.connect() as verbinding:
        return int(verbinding.execute(text("SELECT count(*) FROM beslissing")).scalar_one())

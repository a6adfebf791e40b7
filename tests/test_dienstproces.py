"""The service as a real process (uvicorn, workers) on SQLite and PostgreSQL: crash safety,
cold starts, idempotency under concurrent requests. Also the helpers that start such a process
(tests/test_dienstproces_http.py uses them)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from tests.conftest import PG_BEREIKBAAR, PG_URL, ROOT, auth

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Dienst:
    proces: subprocess.Popen[bytes]
    poort: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.poort}"

    def uitvoer(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sein: int = signal.SIGTERM) -> None:
        if self.proces.poll() is None:
            os.killpg(self.proces.pid, sein)
        try:
            self.proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proces.pid, signal.SIGKILL)
            self.proces.wait()


def start_dienst(
    tmp: Path, database_url: str, workers: int = 1, toegangslog: bool = False, **env: str
) -> Dienst:
    """uvicorn with the app factory; returns once every worker has started."""
    poort = vrije_poort()
    log = tmp / f"dienst-{poort}.log"
    with log.open("wb") as uit:
        proces = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "service.api.app:maak_app_uit_omgeving",
             "--factory", "--host", "127.0.0.1", "--port", str(poort),
             "--workers", str(workers), "--access-log" if toegangslog else "--no-access-log"],
            cwd=ROOT,
            env={**os.environ, "INVORDERING_DATABASE_URL": database_url, **env},
            stdout=uit, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    dienst = Dienst(proces, poort, log)
    einde = time.monotonic() + 120
    while dienst.uitvoer().count("service_gestart") < workers:
        if proces.poll() is not None or time.monotonic() > einde:
            dienst.stop(signal.SIGKILL)
            pytest.fail(f"de dienst startte niet:\n{dienst.uitvoer()[-3000:]}")
        time.sleep(0.1)
    while True:  # the factory has run; wait until the socket answers
        try:
            httpx.get(dienst.url + "/v1/health", timeout=5).raise_for_status()
            return dienst
        except httpx.HTTPError:
            if time.monotonic() > einde:
                dienst.stop(signal.SIGKILL)
                raise
            time.sleep(0.1)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for a server process (PostgreSQL: its own schema)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'dienst.db'}"
        return
    if not PG_BEREIKBAAR:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is in CI verplicht maar niet bereikbaar op {PG_URL}")
        pytest.skip("PostgreSQL niet bereikbaar")
    schema = f"p_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as verbinding:
        verbinding.execute(f'CREATE SCHEMA "{schema}"')
    yield PG_URL + ("&" if "?" in PG_URL else "?") + f"options=-csearch_path%3D{schema}"
    with psycopg.connect(PG_URL, autocommit=True) as verbinding:
        verbinding.execute(f'DROP SCHEMA "{schema}" CASCADE')


def verzoek(vorderingen: int = 1, aanmaningen: int = 0) -> dict[str, Any]:
    return {
        "soort": "termijnen",
        "peildatum": "2026-06-01",
        "gegevens": {
            "vorderingen": [
                {"id": f"V{i}", "bedrag": "500.00", "verzenddatumBeschikking": "2026-01-05",
                 "aanmaningen": [{"verzenddatum": "2026-02-20"}] * aanmaningen}
                for i in range(vorderingen)
            ]
        },
    }  # fmt: skip


def alle_ids(dienst: Dienst) -> set[str]:
    """Every decision the demo medewerker can read, through the API's list."""
    ids: set[str] = set()
    pad: str | None = "/v1/beslissingen?paginaGrootte=100"
    with httpx.Client(base_url=dienst.url, headers=auth("medewerker"), timeout=60) as client:
        while pad:
            r = client.get(pad)
            r.raise_for_status()
            ids.update(b["id"] for b in r.json()["resultaten"])
            pad = r.json()["volgende"]
    return ids


class TestKill9:
    def test_geen_bevestigde_beslissing_verloren(self, tmp_path: Path, database_url: str) -> None:
        """kill -9 of all workers under load; every id that got a 201 is there afterwards."""
        dienst = start_dienst(tmp_path, database_url, workers=2)
        bevestigd: list[str] = []
        stop = threading.Event()

        def belast() -> None:
            with httpx.Client(base_url=dienst.url, headers=auth("medewerker"), timeout=10) as c:
                while not stop.is_set():
                    try:
                        r = c.post("/v1/beslissingen", json=verzoek())
                    except httpx.HTTPError:
                        return  # the server is gone
                    if r.status_code == 201:
                        bevestigd.append(r.json()["id"])

        belasters = [threading.Thread(target=belast) for _ in range(12)]
        for t in belasters:
            t.start()
        einde = time.monotonic() + 60
        while len(bevestigd) < 300 and time.monotonic() < einde:
            time.sleep(0.05)
        dienst.stop(signal.SIGKILL)  # mid-flight: requests are still being sent
        stop.set()
        for t in belasters:
            t.join()
        assert len(bevestigd) >= 300, "te weinig belasting om iets te bewijzen"
        herstart = start_dienst(tmp_path, database_url)
        try:
            opgeslagen = alle_ids(herstart)
        finally:
            herstart.stop()
        assert set(bevestigd) <= opgeslagen, f"{len(set(bevestigd) - opgeslagen)} kwijt"


class TestKoudeStart:
    def test_drie_koude_starts_met_twee_workers(self, tmp_path: Path, database_url: str) -> None:
        """On an empty database, twice more on a current one: both workers start, none crashes,
        and the migrations ran once."""
        for start in range(3):
            dienst = start_dienst(tmp_path, database_url, workers=2)
            try:
                r = httpx.post(
                    dienst.url + "/v1/beslissingen", json=verzoek(), headers=auth("medewerker")
                )
                assert r.status_code == 201, r.text
            finally:
                dienst.stop()
            uitvoer = dienst.uitvoer()
            assert "Traceback" not in uitvoer, uitvoer
            assert "died" not in uitvoer, uitvoer  # uvicorn restarting a crashed worker
            assert uitvoer.count("service_gestart") == 2, uitvoer
            assert uitvoer.count("migraties_uitgevoerd") == (1 if start == 0 else 0), uitvoer


class TestIdempotentieOnderDruk:
    def test_twintig_gelijke_verzoeken_tegelijk(self, tmp_path: Path, database_url: str) -> None:
        """Same key, same body, 20 at once over two workers: one decision, one 201, and every
        other answer is that decision (200) — also when they share a group commit."""
        dienst = start_dienst(tmp_path, database_url, workers=2)
        start = threading.Barrier(20)
        antwoorden: list[tuple[int, str]] = []

        def stuur() -> None:
            with httpx.Client(base_url=dienst.url, timeout=60) as client:
                start.wait()
                r = client.post(
                    "/v1/beslissingen",
                    json=verzoek(),
                    headers={**auth("medewerker"), "Idempotency-Key": "gelijk-1"},
                )
                antwoorden.append((r.status_code, r.json().get("id", r.text)))

        try:
            draden = [threading.Thread(target=stuur) for _ in range(20)]
            for t in draden:
                t.start()
            for t in draden:
                t.join()
            ids = alle_ids(dienst)
        finally:
            dienst.stop()
        statussen = sorted(s for s, _ in antwoorden)
        assert statussen == [200] * 19 + [201], antwoorden
        assert len({i for _, i in antwoorden}) == 1
        assert ids == {antwoorden[0][1]}

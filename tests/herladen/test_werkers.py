"""Reload in a real multi-worker server: every worker switches, without a restart."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, RULES, TOKENS
from tests.herladen.test_herladen import VERZOEK, ZES, vervang

INVORDERING = str(Path(sys.executable).parent / "invordering")
GEBEURTENIS = re.compile(r"\] (\w+)\s.*?proces=(\d+)")


@dataclass
class Server:
    proces: subprocess.Popen[bytes]
    poort: int
    log: Path
    map: Path

    def gebeurtenissen(self) -> list[tuple[str, int]]:
        tekst = self.log.read_text(encoding="utf-8", errors="replace")
        return [(m.group(1), int(m.group(2))) for m in GEBEURTENIS.finditer(tekst)]

    def wacht_op(self, voorwaarde: object, seconden: float = 60) -> None:
        einde = time.monotonic() + seconden
        while time.monotonic() < einde:
            if voorwaarde():  # type: ignore[operator]
                return
            time.sleep(0.2)
        pytest.fail(
            f"tijd om; log:\n{self.log.read_text(encoding='utf-8', errors='replace')[-3000:]}"
        )

    def beslis(self) -> tuple[str, str]:
        """One decision on a new connection (so the kernel may hand it to either worker)."""
        antwoord = httpx.post(
            f"http://127.0.0.1:{self.poort}/v1/beslissingen",
            json=VERZOEK,
            headers={"Authorization": f"Bearer {TOKENS['medewerker']}"},
            timeout=30,
        )
        assert antwoord.status_code == 201, antwoord.text
        data = antwoord.json()
        return data["uitkomst"]["vorderingen"][0]["betalingstermijnEinde"], data["regelset"]["hash"]


def antwoordt(poort: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{poort}/v1/health", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    map = tmp_path / "rules"
    shutil.copytree(RULES, map)
    poort = vrije_poort()
    log = tmp_path / "server.log"
    env = {
        **os.environ,
        "INVORDERING_RULES_DIR": str(map),
        "INVORDERING_DATABASE_URL": f"sqlite:///{tmp_path / 'dienst.db'}",
    }
    with log.open("wb") as uit:
        proces = subprocess.Popen(
            [INVORDERING, "serve", "--workers", "2", "--port", str(poort)],
            env=env,
            cwd=ROOT,
            stdout=uit,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    dienst = Server(proces, poort, log, map)
    try:
        dienst.wacht_op(
            lambda: len({p for e, p in dienst.gebeurtenissen() if e == "service_gestart"}) == 2
        )
        # service_gestart comes from the app factory; the shared socket listens only once a
        # worker has finished its startup (refused connections before that, seen under load).
        dienst.wacht_op(lambda: antwoordt(poort))
        yield dienst
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)


def werkers_na(server: Server, begin: int) -> set[int]:
    """The workers that switched (by request, by signal file or by polling) after log event `begin`."""
    return {
        p
        for e, p in server.gebeurtenissen()[begin:]
        if e in ("regels_herladen", "regels_gewisseld")
    }


class TestElkeWerker:
    def test_herladen_via_api_en_sighup(self, server: Server) -> None:
        werkers = {p for e, p in server.gebeurtenissen() if e == "service_gestart"}
        assert len(werkers) == 2
        eind, oud = server.beslis()
        assert eind == "2026-02-16"

        # 1. A good change through the API: both workers switch, every decision is new.
        begin = len(server.gebeurtenissen())
        vervang(server.map, ZES, ZES.replace("6", "8"))
        antwoord = httpx.post(
            f"http://127.0.0.1:{server.poort}/v1/regelsets/_herladen",
            headers={"Authorization": f"Bearer {TOKENS['beleid']}"},
            timeout=60,
        )
        assert antwoord.status_code == 200, antwoord.text
        server.wacht_op(lambda: werkers_na(server, begin) == werkers)
        na = {server.beslis() for _ in range(20)}
        assert len(na) == 1 and next(iter(na))[0] == "2026-03-02" and next(iter(na))[1] != oud
        nieuw = next(iter(na))[1]

        # 2. A broken file: refused with file:line; decisions keep coming from the last good rules.
        vervang(
            server.map,
            ZES.replace("6", "8"),
            "      - geldigVanaf: 2009-07-01\n        waarde: [8\n",
        )
        antwoord = httpx.post(
            f"http://127.0.0.1:{server.poort}/v1/regelsets/_herladen",
            headers={"Authorization": f"Bearer {TOKENS['beleid']}"},
            timeout=60,
        )
        assert antwoord.status_code == 422
        assert any(
            p["tekst"].startswith("parameters/termijnen.yaml:")
            for p in antwoord.json()["problemen"]
        )
        assert {server.beslis() for _ in range(10)} == {("2026-03-02", nieuw)}

        # 3. SIGHUP to the server: the supervisor checks and records, both workers switch.
        pad = server.map / "parameters" / "termijnen.yaml"
        pad.write_text(
            pad.read_text(encoding="utf-8").replace("waarde: [8\n", "waarde: 7\n"), encoding="utf-8"
        )
        begin = len(server.gebeurtenissen())
        os.kill(server.proces.pid, signal.SIGHUP)
        server.wacht_op(lambda: werkers_na(server, begin) == werkers)
        assert {server.beslis()[0] for _ in range(10)} == {"2026-02-23"}
        assert server.proces.poll() is None  # no restart: the same server process
        assert {p for e, p in server.gebeurtenissen() if e == "service_gestart"} == werkers

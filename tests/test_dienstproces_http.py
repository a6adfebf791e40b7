"""The service as a real process, one worker on SQLite, seen over HTTP: a free event loop
while heavy decisions run, the request limit enforced on the wire, an access log without the
query's values. Timing assertions are relative, never absolute wall-clock."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import auth
from tests.test_dienstproces import start_dienst, verzoek

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


ZWARE_BELASTER = """
import json, sys, threading, time, httpx
url, pad = sys.argv[1], sys.argv[2]
body = open(pad, "rb").read()
uit = []
def neem():
    begin = time.time()
    r = httpx.post(url, content=body, timeout=120, headers={"Content-Type": "application/json",
                   "Authorization": "Bearer demo-medewerker"})
    uit.append((begin, time.time(), r.status_code))
draden = [threading.Thread(target=neem) for _ in range(4)]
[t.start() for t in draden]
[t.join() for t in draden]
print(json.dumps(uit))
"""


class TestVrijeEventLoop:
    def test_health_antwoordt_terwijl_zware_beslissingen_lopen(self, tmp_path: Path) -> None:
        """Four heavy decisions (3,000 list elements each, sent from another process) keep the
        only worker busy; health requests sent while all four are provably in flight answer
        in a fraction of the time one heavy decision takes."""
        dienst = start_dienst(tmp_path, f"sqlite:///{tmp_path / 'd.db'}")
        pad = tmp_path / "zwaar.json"
        pad.write_text(json.dumps(verzoek(vorderingen=500, aanmaningen=5)), encoding="utf-8")
        try:
            belaster = subprocess.Popen(
                [sys.executable, "-c", ZWARE_BELASTER, dienst.url + "/v1/beslissingen", str(pad)],
                stdout=subprocess.PIPE,
            )
            gezond: list[tuple[float, float]] = []
            with httpx.Client(base_url=dienst.url, timeout=60) as client:
                while belaster.poll() is None:
                    begin = time.time()
                    assert client.get("/v1/health").status_code == 200
                    gezond.append((begin, time.time()))
                    time.sleep(0.01)
            zwaar = json.loads(belaster.communicate()[0])
        finally:
            dienst.stop()
        assert [s for *_, s in zwaar] == [201] * 4
        laatste_start = max(b for b, _, _ in zwaar)
        eerste_einde = min(e for _, e, _ in zwaar)
        tijdens = sorted(e - b for b, e in gezond if b > laatste_start and e < eerste_einde)
        korste_zware = min(e - b for b, e, _ in zwaar)
        assert len(tijdens) >= 5, (len(tijdens), korste_zware)
        # A blocked event loop would make these as slow as a heavy decision (the median
        # guards against one outlier on a shared machine; the maximum against a pattern).
        assert tijdens[len(tijdens) // 2] < korste_zware / 20, (tijdens, korste_zware)
        assert tijdens[-1] < korste_zware / 4, (tijdens, korste_zware)


class TestGrensOpDeDraad:
    def test_413_voordat_de_body_gelezen_is(self, tmp_path: Path) -> None:
        """A 50 MB Content-Length is refused after the headers: the body is never sent."""
        dienst = start_dienst(tmp_path, f"sqlite:///{tmp_path / 'd.db'}")
        try:
            with socket.create_connection(("127.0.0.1", dienst.poort), timeout=30) as s:
                s.sendall(
                    b"POST /v1/beslissingen HTTP/1.1\r\nHost: x\r\n"
                    b"Authorization: Bearer demo-medewerker\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 52428800\r\n\r\n" + b"[" * 1024
                )
                antwoord = b""
                while b"\r\n\r\n" not in antwoord:
                    antwoord += s.recv(65536)
        finally:
            dienst.stop()
        assert antwoord.startswith(b"HTTP/1.1 413"), antwoord[:200]
        assert b"application/problem+json" in antwoord


class TestToegangslog:
    def test_zonder_querystring(self, tmp_path: Path) -> None:
        """The access log names the path, never the query's values."""
        dienst = start_dienst(tmp_path, f"sqlite:///{tmp_path / 'd.db'}", toegangslog=True)
        try:
            r = httpx.get(
                dienst.url + "/v1/beslissingen?behandelaar=zoekwaarde-1234",
                headers=auth("beleid"),
            )
            assert r.status_code == 200
        finally:
            dienst.stop()
        assert '"GET /v1/beslissingen HTTP/1.1" 200' in dienst.uitvoer()
        assert "zoekwaarde-1234" not in dienst.uitvoer()

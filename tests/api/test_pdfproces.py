"""PDFs are made in a child process: a crash in Pango or GLib cannot take the service down.

The child is real (a `spawn`ed process running WeasyPrint); it is killed for real here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service import pdfproces
from tests.api.test_documenten import BVV, PDF, tekst_van_pdf, uitgegeven
from tests.conftest import auth


def _vraag(client: TestClient, bid: str) -> Any:
    return client.get(
        f"/v1/beslissingen/{bid}/documenten/mededeling-beslagvrije-voet",
        headers={**auth("medewerker"), **PDF},
    )


def _brief(client: TestClient, bid: str) -> str:
    r = _vraag(client, bid)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    return tekst_van_pdf(r.content)


def _wacht_tot_weg(pid: int) -> None:
    """Until the killed child is reaped (the pool has then seen that it broke); at most 30 s."""
    einde = time.monotonic() + 30
    while time.monotonic() < einde:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError(f"PDF-proces {pid} is na 30 s nog niet opgeruimd")


def test_pdf_komt_uit_een_eigen_blijvend_proces(client: TestClient) -> None:
    """Not made in the service process; and one child serves letter after letter."""
    bid = uitgegeven(client, BVV)
    assert "4 weken" in _brief(client, bid)
    kind = pdfproces.kindproces()
    assert kind != os.getpid()
    assert "4 weken" in _brief(client, bid)
    assert pdfproces.kindproces() == kind


def test_een_gestorven_pdf_proces_wordt_vervangen(client: TestClient) -> None:
    """A child killed between two letters: the next letter comes, from a new child."""
    bid = uitgegeven(client, BVV)
    _brief(client, bid)
    oud = pdfproces.kindproces()
    os.kill(oud, signal.SIGKILL)
    _wacht_tot_weg(oud)
    assert "4 weken" in _brief(client, bid)
    nieuw = pdfproces.kindproces()
    assert nieuw not in (oud, os.getpid())
    assert client.get("/v1/health").status_code == 200


@pytest.fixture
def stilgezet(client: TestClient) -> Iterator[int]:
    """The PDF child, stopped (SIGSTOP) as a hung layout would be; continued afterwards."""
    kind = pdfproces.kindproces()
    os.kill(kind, signal.SIGSTOP)
    try:
        yield kind
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(kind, signal.SIGCONT)


def test_wachtende_brieven_houden_de_dienst_niet_op(client: TestClient, stilgezet: int) -> None:
    """Twenty letters waiting for a hung child hold no database connection: health, a
    decision and a new decision still answer; once the child goes on, all twenty come."""
    bid = uitgegeven(client, BVV)
    with ThreadPoolExecutor(max_workers=20) as pool:
        wachtend = [pool.submit(_vraag, client, bid) for _ in range(20)]
        time.sleep(1.0)  # every request has read its decision and now waits for the child
        assert not any(w.done() for w in wachtend)
        assert client.get("/v1/health").status_code == 200
        assert client.get(f"/v1/beslissingen/{bid}", headers=auth("medewerker")).status_code == 200
        uitgegeven(client, BVV)
        os.kill(stilgezet, signal.SIGCONT)
        antwoorden = [w.result(timeout=120) for w in wachtend]
    assert [r.status_code for r in antwoorden] == [200] * 20


def test_een_hangende_brief_kost_alleen_zichzelf(
    client: TestClient, stilgezet: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The letter in a hung child fails after the time limit (a 500 problem, no traceback);
    the letters behind it come from a new child."""
    monkeypatch.setattr(pdfproces, "TIJDSLIMIET", 6.0)
    bid = uitgegeven(client, BVV)
    with ThreadPoolExecutor(max_workers=3) as pool:
        eerste = pool.submit(_vraag, client, bid)
        time.sleep(0.5)  # the first is in the child; the other two wait behind it
        daarna = [pool.submit(_vraag, client, bid) for _ in range(2)]
        r = eerste.result(timeout=120)
        assert r.status_code == 500
        assert r.headers["content-type"] == "application/problem+json"
        assert "Traceback" not in r.text and "weasyprint" not in r.text.lower()
        assert [d.result(timeout=120).status_code for d in daarna] == [200, 200]
    assert pdfproces.kindproces() != stilgezet

"""PDFs are made in a child process: a crash in Pango or GLib cannot take the service down.

The child is real (a `spawn`ed process running WeasyPrint); it is killed for real here.
"""

from __future__ import annotations

import os
import signal
import time

from fastapi.testclient import TestClient

from service import pdfproces
from tests.api.test_documenten import BVV, PDF, tekst_van_pdf, uitgegeven
from tests.conftest import auth


def _brief(client: TestClient, bid: str) -> str:
    r = client.get(
        f"/v1/beslissingen/{bid}/documenten/mededeling-beslagvrije-voet",
        headers={**auth("medewerker"), **PDF},
    )
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

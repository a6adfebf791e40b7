"""The werkbank in a real browser: the service under uvicorn on a free local port, Debian's
chromium driven by Playwright (never a downloaded browser), axe-core for accessibility."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from service.api.app import maak_app
from service.engine.library import Regelbibliotheek
from service.settings import Instellingen
from tests.conftest import TOKENS

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Dienst:
    """The running service: its base URL and an API client with demo tokens."""

    url: str

    def api(self, wie: str, methode: str, pad: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {TOKENS[wie]}"}
        return httpx.request(methode, self.url + pad, headers=headers, timeout=30, **kwargs)

    def beslissing(self, wie: str, verzoek: dict[str, Any]) -> dict[str, Any]:
        antwoord = self.api(wie, "POST", "/v1/beslissingen", json=verzoek)
        assert antwoord.status_code == 201, antwoord.text
        return antwoord.json()  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def dienst(
    bibliotheek: Regelbibliotheek, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Dienst]:
    """The whole app (API and werkbank) served by uvicorn in a thread, SQLite database."""
    db = tmp_path_factory.mktemp("werkbank") / "werkbank.db"
    oud = Path.cwd()
    os.chdir(Path(__file__).resolve().parents[2])  # fixtures/ relative to the project
    try:
        app = maak_app(Instellingen(database_url=f"sqlite:///{db}"), bibliotheek=bibliotheek)
    finally:
        os.chdir(oud)
    sok = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sok.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sok.bind(("127.0.0.1", 0))
    poort = sok.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    draad = threading.Thread(target=server.run, kwargs={"sockets": [sok]}, daemon=True)
    draad.start()
    for _ in range(300):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn startte niet"
    yield Dienst(f"http://127.0.0.1:{poort}")
    server.should_exit = True
    draad.join(timeout=10)
    sok.close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    expect.set_options(timeout=20_000)  # a shared 2-core machine: generous, never a timing test
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("chromium ontbreekt; .ci/run installeert het Debian-pakket 'chromium'")
        pytest.skip("chromium niet geïnstalleerd (apt-get install chromium)")
    browser = playwright.chromium.launch(
        executable_path=chromium, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@dataclass
class Bezoek:
    """One browser context (its own cookies) and every request it made."""

    context: BrowserContext
    pagina: Page
    basis: str
    verzoeken: list[str] = field(default_factory=list)

    def buiten_de_dienst(self) -> list[str]:
        return [u for u in self.verzoeken if not u.startswith(self.basis + "/")]


def _bezoek(browser: Browser, dienst: Dienst, **opties: Any) -> Bezoek:
    context = browser.new_context(base_url=dienst.url, locale="nl-NL", **opties)
    context.set_default_timeout(20_000)
    bezoek = Bezoek(context, context.new_page(), dienst.url)
    context.on("request", lambda r: bezoek.verzoeken.append(r.url))
    return bezoek


@pytest.fixture
def nieuw_bezoek(browser: Browser, dienst: Dienst) -> Iterator[Any]:
    """Open browser contexts; afterwards, none of them may have asked another host."""
    geopend: list[Bezoek] = []

    def open_(**opties: Any) -> Bezoek:
        geopend.append(_bezoek(browser, dienst, **opties))
        return geopend[-1]

    yield open_
    for bezoek in geopend:
        buiten = bezoek.buiten_de_dienst()
        bezoek.context.close()
        assert buiten == [], f"verzoeken naar een andere host: {buiten}"


def inloggen(bezoek: Bezoek, principal_id: str) -> Page:
    """Log in on the development login page with the button labelled `principal_id`."""
    pagina = bezoek.pagina
    pagina.goto("/werkbank/inloggen")
    pagina.get_by_role("button", name=principal_id, exact=True).click()
    pagina.wait_for_url("**/werkbank/")
    return pagina


def geen_ernstige_schendingen(pagina: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page; fail on any serious or critical violation.

    Returns the lesser violations (moderate, minor) so that a test may report them.
    """
    from axe_playwright_python.sync_playwright import Axe

    schendingen: list[dict[str, Any]] = Axe().run(pagina).response["violations"]
    ernstig = [
        f"{s['id']} ({s['impact']}): {s['help']} — {[n['target'] for n in s['nodes']][:5]}"
        for s in schendingen
        if s["impact"] in ("serious", "critical")
    ]
    assert ernstig == [], f"axe op {pagina.url}: {ernstig}"
    return [s for s in schendingen if s["impact"] not in ("serious", "critical")]


def termijnen(bedrag: str, zaak: str, verzonden: str = "2026-01-05") -> dict[str, Any]:
    """A termijnen case; above € 10,000 the shipped register asks for collegial review."""
    return {
        "soort": "termijnen",
        "peildatum": "2026-03-01",
        "zaakreferentie": zaak,
        "gegevens": {
            "vorderingen": [{"id": "V1", "bedrag": bedrag, "verzenddatumBeschikking": verzonden}]
        },
    }

"""The documentation site in a real browser (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from service.engine.library import Regelbibliotheek
from service.regeldocs.site import bouw_site, schrijf_site
from tests.conftest import ROOT, TERMIJNEN_VERSIE

CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is in CI verplicht (zie .ci/run)")
        pytest.skip("chromium niet geïnstalleerd")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def map(bibliotheek: Regelbibliotheek, tmp_path_factory: pytest.TempPathFactory) -> Path:
    doel = tmp_path_factory.mktemp("site")
    schrijf_site(bouw_site(bibliotheek, ROOT / "fixtures" / "rules"), doel)
    return doel


class TestInDeBrowser:
    def test_doorklikken_van_index_naar_regel(self, browser: Browser, map: Path) -> None:
        """Index → rule set → dependency graph → a rule; nothing loaded from outside the site."""
        pagina = browser.new_page()
        verzoeken: list[str] = []
        pagina.on("request", lambda v: verzoeken.append(v.url))
        pagina.goto((map / "index.html").as_uri())
        assert pagina.title().startswith("Regelsets")
        pagina.keyboard.press("Tab")
        assert pagina.evaluate("document.activeElement.textContent") == "Naar de inhoud"
        pagina.get_by_role("link", name="termijnen", exact=True).click()
        assert (
            pagina.get_by_role("heading", level=1).inner_text().startswith("Termijnen van betaling")
        )
        open_vraag = (
            pagina.locator("#TRM-BEZWAARTERMIJN").locator("xpath=..").locator(".open-vraag")
        )
        assert open_vraag.is_visible()
        assert "Open juridische vraag" in open_vraag.inner_text()
        pagina.get_by_role("link", name="Welke regel leidt wat af (afhankelijkheden)").click()
        grafiek = pagina.locator("svg.grafiek")
        vak = grafiek.bounding_box()
        assert vak is not None and vak["width"] > 500 and vak["height"] > 200
        pagina.locator("svg.grafiek a", has_text="TRM-VERZUIM").click()
        assert pagina.url.endswith(f"regelset-termijnen-{TERMIJNEN_VERSIE}.html#TRM-VERZUIM")
        assert pagina.locator("#TRM-VERZUIM").is_visible()
        assert all(url.startswith("file://") for url in verzoeken), verzoeken

    def test_parameterhistorie_als_tabel(self, browser: Browser, map: Path) -> None:
        pagina = browser.new_page()
        pagina.goto((map / "parameter-betalingstermijnWeken.html").as_uri())
        tabel = pagina.get_by_role(
            "table", name="Alle waarden van betalingstermijnWeken, oudste eerst"
        )
        rijen = tabel.locator("tbody tr")
        assert rijen.count() == 1
        assert rijen.first.locator("th").inner_text() == "2009-07-01"
        assert rijen.first.locator("td").nth(1).inner_text().strip() == "6"

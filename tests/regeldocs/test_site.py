"""The documentation site for jurists: complete, readable, and built from the rule files."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.regeldocs.site import bouw_site
from tests.conftest import ROOT, RULES, TERMIJNEN_VERSIE

GEVALLEN = ROOT / "fixtures" / "rules"


class Ontleder(HTMLParser):
    """Collects ids, link targets, table rows and text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.rijen: list[list[str]] = []
        self.tekst: list[str] = []
        self._cel: list[str] | None = None
        self._rij: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
        if tag == "tr":
            self._rij = []
        if tag in ("td", "th") and self._rij is not None:
            self._cel = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._rij is not None and self._cel is not None:
            self._rij.append(" ".join("".join(self._cel).split()))
            self._cel = None
        if tag == "tr" and self._rij is not None:
            self.rijen.append(self._rij)
            self._rij = None

    def handle_data(self, data: str) -> None:
        self.tekst.append(data)
        if self._cel is not None:
            self._cel.append(data)


def ontleed(html: str) -> Ontleder:
    o = Ontleder()
    o.feed(html)
    return o


def uit_yaml(map: Path) -> tuple[set[str], set[str]]:
    """Every rule id and every legal-basis URL written in the rule files (read as plain YAML)."""
    ids: set[str] = set()
    urls: set[str] = set()

    def loop(knoop: Any, sleutel: str | None) -> None:
        if isinstance(knoop, dict):
            if sleutel == "regels" and "id" in knoop:
                ids.add(knoop["id"])
            if sleutel == "grondslag" and "url" in knoop:
                urls.add(knoop["url"])
            for k, v in knoop.items():
                loop(v, k if isinstance(v, list) else sleutel)
        elif isinstance(knoop, list):
            for element in knoop:
                loop(element, sleutel)

    for pad in map.rglob("*.yaml"):
        loop(yaml.safe_load(pad.read_text(encoding="utf-8")), None)
    return ids, urls


@pytest.fixture(scope="module")
def site(bibliotheek: Regelbibliotheek) -> dict[str, str]:
    return bouw_site(bibliotheek, GEVALLEN)


class TestVolledigheid:
    def test_elke_regel_id_en_grondslag_url_staat_erin(self, site: dict[str, str]) -> None:
        """Every rule id is an anchor and every legal-basis URL a link somewhere in the site."""
        ids, urls = uit_yaml(RULES)
        assert len(ids) > 50 and len(urls) > 20
        paginas = [ontleed(html) for pad, html in site.items() if pad.endswith(".html")]
        ankers = set().union(*(p.ids for p in paginas))
        links = set().union(*(set(p.hrefs) for p in paginas))
        assert ids - ankers == set()
        assert urls - links == set()

    def test_elke_pagina_is_nederlands_en_zonder_externe_bronnen(
        self, site: dict[str, str]
    ) -> None:
        for pad, html in site.items():
            if not pad.endswith(".html"):
                continue
            assert html.startswith('<!doctype html>\n<html lang="nl">'), pad
            assert "<script" not in html and 'src="http' not in html, pad
            assert '<link rel="stylesheet" href="stijl.css">' in html, pad
            for href in ontleed(html).hrefs:
                doel = href.split("#")[0]
                assert href.startswith("https://wetten.overheid.nl/") or not doel or doel in site, (
                    pad,
                    href,
                )


class TestRegelpagina:
    def test_voorwaarden_en_gevolgen_in_het_nederlands(self, site: dict[str, str]) -> None:
        tekst = " ".join(
            " ".join(ontleed(site[f"regelset-termijnen-{TERMIJNEN_VERSIE}.html"]).tekst).split()
        )
        assert "de peildatum ligt op of vóór het einde van de betalingstermijn" in tekst
        assert (
            "het einde van de betalingstermijn ( betalingstermijnEinde ) is: de betalingstermijn in "
            "weken na het begin van de betalingstermijn, zo nodig verlengd volgens de Algemene "
            "termijnenwet" in tekst
        )

    def test_open_vraag_valt_op(self, site: dict[str, str]) -> None:
        html = site[f"regelset-termijnen-{TERMIJNEN_VERSIE}.html"]
        begin = html.index('id="TRM-BEZWAARTERMIJN"')
        regel = html[begin : html.index("</article>", begin)]
        assert 'class="notitie open-vraag"' in regel
        assert "Open juridische vraag" in regel and "[?] Bij een belastingaanslag" in regel

    def test_testgevallen_bij_de_regel(self, site: dict[str, str]) -> None:
        """A rule links to the fixture cases in which it applied; each case shows input and expectation."""
        html = site[f"regelset-termijnen-{TERMIJNEN_VERSIE}.html"]
        begin = html.index('id="TRM-AANMANINGSTERMIJN"')
        regel = ontleed(html[begin : html.index("</article>", begin)])
        gevallen = [h for h in regel.hrefs if h.startswith("#geval-")]
        assert gevallen
        geval = html[html.index(f'id="{gevallen[0][1:]}"') :]
        geval = geval[: geval.index("</article>")]
        assert "fixtures/rules/gedeeld/aanmaning.yaml" in geval  # the first case, in path order
        assert "aanmaningen:" in geval and "aanmaningstermijnEinde:" in geval

    def test_afhankelijkheden_als_svg(self, site: dict[str, str]) -> None:
        html = site[f"afhankelijkheden-termijnen-{TERMIJNEN_VERSIE}.html"]
        assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
        assert f'href="regelset-termijnen-{TERMIJNEN_VERSIE}.html#TRM-VERZUIM"' in html
        rijen = {r[0]: r for r in ontleed(html).rijen if r}
        assert "TRM-BETALINGSTERMIJN-AWB (betalingstermijnEinde)" in rijen["TRM-VERZUIM"][2]


class TestParameterpagina:
    def test_elke_gedateerde_waarde(self, tmp_path: Path) -> None:
        """A second dated value appears beside the first, with the implied end of the first."""
        regels = tmp_path / "rules"
        shutil.copytree(RULES, regels)
        pad = regels / "parameters" / "termijnen.yaml"
        oud = (
            "      - geldigVanaf: 2009-07-01\n        waarde: 6\n"
            "        bron: Awb 4:87 (tekst 2026-01-01; dezelfde tekst sinds 2009)\n"
        )
        tekst = pad.read_text(encoding="utf-8")
        assert tekst.count(oud) == 1
        nieuw = "      - geldigVanaf: 2027-01-01\n        waarde: 8\n        bron: Stb. 2026, 123\n"
        pad.write_text(tekst.replace(oud, oud + nieuw), encoding="utf-8")
        site = bouw_site(laad_bibliotheek(regels), None)
        pagina = ontleed(site["parameter-betalingstermijnWeken.html"])
        rijen = [r for r in pagina.rijen if r and r[0][:4].isdigit()]
        assert [r[:4] for r in rijen] == [
            [
                "2009-07-01",
                "2026-12-31 (tot de volgende waarde)",
                "6",
                "Awb 4:87 (tekst 2026-01-01; dezelfde tekst sinds 2009)",
            ],
            ["2027-01-01", "zonder einddatum", "8", "Stb. 2026, 123"],
        ]
        assert "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=4:87" in pagina.hrefs

    def test_geleverde_waarden(self, site: dict[str, str]) -> None:
        data = yaml.safe_load((RULES / "parameters" / "termijnen.yaml").read_text(encoding="utf-8"))
        verwacht = [
            str(w["geldigVanaf"]) for w in data["parameters"]["betalingstermijnWeken"]["waarden"]
        ]
        rijen = ontleed(site["parameter-betalingstermijnWeken.html"]).rijen
        assert [r[0] for r in rijen if r and r[0][:4].isdigit()] == verwacht

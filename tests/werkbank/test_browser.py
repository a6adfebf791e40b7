"""The werkbank in Chromium: log in, the queue, approve, reject, four eyes, axe, no other host."""

from __future__ import annotations

import re
import uuid
from typing import Any

import yaml
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.werkbank.conftest import (
    Dienst,
    geen_ernstige_schendingen,
    inloggen,
    termijnen,
)


def zaak() -> str:
    return f"Z-{uuid.uuid4().hex[:10]}"


class TestInloggen:
    def test_een_knop_per_demo_principal(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        """Development login: one button per principal of fixtures/demo-principals.yaml,
        labelled with its id; the page passes axe."""
        demo = yaml.safe_load((ROOT / "fixtures/demo-principals.yaml").read_text())["principals"]
        pagina = nieuw_bezoek().pagina
        pagina.goto("/werkbank/")
        expect(pagina).to_have_url(re.compile(r"/werkbank/inloggen\?volgende="))
        expect(pagina).to_have_title("Inloggen — Werkbank invordering")
        knoppen = pagina.get_by_role("button")
        namen = [n.strip() for n in knoppen.all_inner_texts()]
        assert namen == [p["id"] for p in demo]
        assert "j.bakker" in namen and "m.devries" in namen and "a.visser" in namen
        geen_ernstige_schendingen(pagina)

    def test_inloggen_en_uitloggen(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        pagina = inloggen(nieuw_bezoek(), "a.visser")
        expect(pagina.get_by_text("Ingelogd als")).to_contain_text("a.visser")
        pagina.get_by_role("button", name="Uitloggen").click()
        expect(pagina.get_by_role("status")).to_have_text("U bent uitgelogd.")
        pagina.goto("/werkbank/mijn-beslissingen")
        expect(pagina).to_have_url(re.compile(r"/werkbank/inloggen"))


class TestDoneWhen:
    def test_bakker_keurt_beslissing_van_devries_goed(
        self, dienst: Dienst, nieuw_bezoek: Any
    ) -> None:
        """j.bakker: queue → decision of m.devries → reasons, legal basis, zaakreferentie →
        Toelichting → Akkoord; the API then says goedgekeurd; m.devries sees no Akkoord."""
        referentie = zaak()
        besluit = dienst.beslissing("medewerker", termijnen("25000.00", referentie))
        assert besluit["beoordeling"]["status"] == "open"

        bakker = nieuw_bezoek()
        pagina = inloggen(bakker, "j.bakker")
        expect(pagina).to_have_title(re.compile(r"^Te beoordelen \(\d+\) — Werkbank invordering$"))
        geen_ernstige_schendingen(pagina)
        rij = pagina.get_by_role("row").filter(has_text=referentie)
        expect(rij).to_contain_text("termijnen")
        expect(rij).to_contain_text("€ 25.000,00")
        expect(rij).to_contain_text("medewerker-invorderen")
        expect(rij).to_contain_text("toetsdrempel")
        rij.get_by_role("link", name=referentie).click()

        expect(pagina).to_have_url(re.compile(rf"/werkbank/beslissingen/{besluit['id']}$"))
        expect(pagina.get_by_role("heading", level=1)).to_contain_text(referentie)
        redenen = pagina.get_by_role("region", name=re.compile("^Redenen"))
        for reden in besluit["redenen"]:
            expect(
                redenen.get_by_role("heading", name=re.compile(re.escape(reden["titel"])))
            ).to_be_visible()
        wetten = redenen.locator("a[href^='https://wetten.overheid.nl/']")
        assert wetten.count() >= len(besluit["redenen"])
        verzuim = redenen.get_by_role("link", name="Algemene wet bestuursrecht, artikel 4:97")
        expect(verzuim.first).to_be_visible()  # one link per reason that cites Awb 4:97
        for link in verzuim.all():
            expect(link).to_have_attribute("href", re.compile(r"BWBR0005537&artikel=4:97"))
        geen_ernstige_schendingen(pagina)

        pagina.get_by_label("Toelichting").fill("Termijnen nagerekend; klopt.")
        pagina.get_by_role("button", name="Akkoord", exact=True).click()
        expect(pagina.get_by_role("status")).to_have_text("Uw oordeel is vastgelegd: akkoord.")
        expect(pagina.get_by_role("button", name="Akkoord", exact=True)).to_have_count(0)

        na = dienst.api("medewerker", "GET", f"/v1/beslissingen/{besluit['id']}").json()
        assert na["beoordeling"]["status"] == "goedgekeurd"
        oordelen = dienst.api("beleid", "GET", f"/v1/beslissingen/{besluit['id']}/beoordelingen")
        assert oordelen.json()[0]["beoordelaar"] == "j.bakker"
        assert oordelen.json()[0]["toelichting"] == "Termijnen nagerekend; klopt."

        devries = inloggen(nieuw_bezoek(), "m.devries")
        devries.goto(f"/werkbank/beslissingen/{besluit['id']}")
        expect(devries.get_by_role("heading", level=1)).to_contain_text(referentie)
        expect(devries.get_by_role("button", name="Akkoord", exact=True)).to_have_count(0)
        expect(devries.get_by_text("j.bakker heeft deze beslissing")).to_contain_text("goedgekeurd")


class TestVierOgen:
    def test_eigen_open_beslissing_zonder_knoppen(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        """m.devries's own decision awaiting review: not in its queue, no buttons, the reason."""
        referentie = zaak()
        besluit = dienst.beslissing("medewerker", termijnen("30000.00", referentie))
        pagina = inloggen(nieuw_bezoek(), "m.devries")
        expect(pagina.get_by_role("link", name=referentie)).to_have_count(0)
        pagina.goto(f"/werkbank/beslissingen/{besluit['id']}")
        expect(pagina.get_by_role("heading", level=1)).to_contain_text(referentie)
        expect(pagina.get_by_role("button", name="Akkoord", exact=True)).to_have_count(0)
        expect(pagina.get_by_role("button", name="Afkeuren", exact=True)).to_have_count(0)
        expect(pagina.get_by_label("Toelichting")).to_have_count(0)
        expect(pagina.get_by_text("Niemand beoordeelt zijn eigen beslissing")).to_be_visible()
        geen_ernstige_schendingen(pagina)

    def test_rol_te_laag_niet_in_wachtrij(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        """A write-off of € 3,000 needs a senior: not in j.bakker's queue, in a.visser's."""
        referentie = zaak()
        dienst.beslissing(
            "medewerker",
            {
                "soort": "afschrijving",
                "peildatum": "2026-03-01",
                "zaakreferentie": referentie,
                "gegevens": {
                    "vorderingen": [
                        {"id": "V1", "bedrag": "3000.00", "verzenddatumBeschikking": "2019-01-07"}
                    ]
                },
            },
        )
        bakker = inloggen(nieuw_bezoek(), "j.bakker")
        expect(bakker.get_by_role("link", name=referentie)).to_have_count(0)
        visser = inloggen(nieuw_bezoek(), "a.visser")
        rij = visser.get_by_role("row").filter(has_text=referentie)
        expect(rij).to_contain_text("senior-invorderaar")
        expect(rij).to_contain_text("afschrijving")


class TestAfkeuren:
    def test_zonder_toelichting_geweigerd_daarna_afgekeurd(
        self, dienst: Dienst, nieuw_bezoek: Any
    ) -> None:
        referentie = zaak()
        besluit = dienst.beslissing("medewerker", termijnen("40000.00", referentie))
        pagina = inloggen(nieuw_bezoek(), "j.bakker")
        pagina.goto(f"/werkbank/beslissingen/{besluit['id']}")
        pagina.get_by_role("button", name="Afkeuren", exact=True).click()

        expect(pagina).to_have_title(re.compile(r"^Fout: "))
        melding = pagina.get_by_role("alert")
        expect(melding).to_contain_text("Uw oordeel is niet vastgelegd")
        expect(melding).to_contain_text("Een afkeuring heeft een toelichting nodig.")
        veld = pagina.get_by_label("Toelichting")
        expect(veld).to_have_attribute("aria-invalid", "true")
        geen_ernstige_schendingen(pagina)
        status = dienst.api("beleid", "GET", f"/v1/beslissingen/{besluit['id']}").json()
        assert status["beoordeling"]["status"] == "open"

        veld.fill("Verzenddatum van de beschikking klopt niet.")
        pagina.get_by_role("button", name="Afkeuren", exact=True).click()
        expect(pagina.get_by_role("status")).to_have_text("Uw oordeel is vastgelegd: afgekeurd.")
        status = dienst.api("beleid", "GET", f"/v1/beslissingen/{besluit['id']}").json()
        assert status["beoordeling"]["status"] == "afgekeurd"


class TestWachtrij:
    def test_oudste_eerst_filter_en_aantal(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        """The queue lists oldest first, filters by soort, and counts in the page title."""
        eerste, tweede = zaak(), zaak()
        dienst.beslissing("medewerker", termijnen("11000.00", eerste))
        dienst.beslissing("medewerker", termijnen("12000.00", tweede))
        pagina = inloggen(nieuw_bezoek(), "s.smit")
        links = pagina.locator("table.lijst tbody tr td:first-child a").all_inner_texts()
        assert links.index(eerste) < links.index(tweede)
        totaal = int(re.search(r"\((\d+)\)", pagina.title()).group(1))  # type: ignore[union-attr]
        assert totaal == len(links)

        pagina.get_by_label("Soort").select_option("afschrijving")
        pagina.get_by_role("button", name="Filteren").click()
        expect(pagina).to_have_url(re.compile(r"soort=afschrijving"))
        soorten = pagina.locator("table.lijst tbody tr td:nth-child(2)").all_inner_texts()
        assert set(soorten) <= {"afschrijving"}
        expect(pagina.get_by_role("link", name=eerste)).to_have_count(0)
        gefilterd = int(re.search(r"\((\d+)\)", pagina.title()).group(1))  # type: ignore[union-attr]
        assert gefilterd == len(soorten) < totaal
        geen_ernstige_schendingen(pagina)

    def test_beleid_beoordeelt_niets(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        pagina = inloggen(nieuw_bezoek(), "p.mulder")
        expect(pagina).to_have_title("Te beoordelen (0) — Werkbank invordering")
        expect(pagina.get_by_text("U beoordeelt geen beslissingen")).to_be_visible()
        menu = pagina.get_by_role("navigation", name="Hoofdmenu")
        expect(menu.get_by_role("link", name="Mijn beslissingen")).to_have_count(0)
        expect(menu.get_by_role("link", name="Kwaliteit (PDCA)")).to_be_visible()
        geen_ernstige_schendingen(pagina)


class TestOverigePaginas:
    def test_mijn_beslissingen(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        referentie = zaak()
        dienst.beslissing("collega", termijnen("500.00", referentie))
        pagina = inloggen(nieuw_bezoek(), "j.bakker")
        pagina.get_by_role("link", name="Mijn beslissingen").click()
        expect(pagina).to_have_title(re.compile(r"^Mijn beslissingen \(\d+\)"))
        rij = pagina.get_by_role("row").filter(has_text=referentie)
        expect(rij).to_contain_text(re.compile("geen beoordeling nodig|wacht op beoordeling"))
        assert "m.devries" not in pagina.locator("table.lijst").inner_text()
        geen_ernstige_schendingen(pagina)

    def test_kwaliteit_voor_teamleider_niet_voor_medewerker(
        self, dienst: Dienst, nieuw_bezoek: Any
    ) -> None:
        besluit = dienst.beslissing("medewerker", termijnen("60000.00", zaak()))
        assert dienst.api(
            "teamleider",
            "POST",
            f"/v1/beslissingen/{besluit['id']}/beoordelingen",
            json={"oordeel": "afgekeurd", "toelichting": "Onjuist."},
        ).is_success
        bakker = inloggen(nieuw_bezoek(), "j.bakker")
        expect(bakker.get_by_role("link", name="Kwaliteit (PDCA)")).to_have_count(0)
        bakker.goto("/werkbank/kwaliteit")
        expect(bakker.get_by_role("heading", level=1)).to_have_text("Niet toegestaan")

        smit = inloggen(nieuw_bezoek(), "s.smit")
        smit.get_by_role("link", name="Kwaliteit (PDCA)").click()
        expect(smit.get_by_role("heading", level=1)).to_have_text("Kwaliteit (PDCA)")
        grafiek = smit.get_by_role("img", name=re.compile("^Soort termijnen"))
        expect(grafiek).to_be_visible()
        expect(grafiek.locator("rect[fill='#b3261e']")).not_to_have_count(0)
        steekproef = smit.get_by_role("table", name=re.compile("^Instellingen uit"))
        expect(steekproef.get_by_role("row").filter(has_text="termijnen")).to_contain_text("10 %")
        expect(
            smit.get_by_role("img", name=re.compile(r"^Regel TRM-VERZUIM \(termijnen"))
        ).to_be_visible()
        geen_ernstige_schendingen(smit)
        smit.get_by_label("Periode").select_option("week")
        smit.get_by_role("button", name="Tonen").click()
        expect(smit.get_by_role("img", name=re.compile("^Soort termijnen"))).to_be_visible()
        geen_ernstige_schendingen(smit)

    def test_foutpagina(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        pagina = inloggen(nieuw_bezoek(), "j.bakker")
        antwoord = pagina.goto("/werkbank/beslissingen/bestaat-niet")
        assert antwoord is not None and antwoord.status == 404
        expect(pagina.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
        geen_ernstige_schendingen(pagina)


class TestZonderJavascript:
    def test_lezen_en_beoordelen_zonder_javascript(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        """Plain forms and links: everything works with JavaScript off."""
        referentie = zaak()
        besluit = dienst.beslissing("medewerker", termijnen("45000.00", referentie))
        pagina = inloggen(nieuw_bezoek(java_script_enabled=False), "a.visser")
        pagina.get_by_role("link", name=referentie).click()
        expect(pagina.get_by_role("region", name=re.compile("^Redenen"))).to_contain_text("Verzuim")
        expect(pagina.get_by_role("region", name="Gegevens van de zaak")).to_contain_text(
            "5 januari 2026"
        )
        pagina.get_by_text("Gebruikte waarden van TRM-VERZUIM").click()
        expect(pagina.get_by_role("region", name=re.compile("^Redenen"))).to_contain_text(
            "in verzuim vanaf"
        )
        pagina.get_by_label("Toelichting").fill("Zonder script beoordeeld.")
        pagina.get_by_role("button", name="Akkoord", exact=True).click()
        expect(pagina.get_by_role("status")).to_have_text("Uw oordeel is vastgelegd: akkoord.")
        status = dienst.api("beleid", "GET", f"/v1/beslissingen/{besluit['id']}").json()
        assert status["beoordeling"]["status"] == "goedgekeurd"


class TestApiDocs:
    def test_swagger_ui_zonder_cdn(self, dienst: Dienst, nieuw_bezoek: Any) -> None:
        """/v1/docs renders Swagger UI from the service's own assets."""
        pagina = nieuw_bezoek().pagina
        pagina.goto("/v1/docs")
        expect(pagina.locator(".swagger-ui .info .title")).to_contain_text(
            "Beslisservice invordering"
        )
        # Paths are relative to the server /v1 (API Design Rules: the major version in servers).
        expect(pagina.get_by_text("/beslissingen", exact=True).first).to_be_visible()
        expect(pagina.locator(".servers select")).to_contain_text("/v1")

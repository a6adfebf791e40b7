"""A decision's calculation and data as a letter shows them: cents and Dutch names."""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.decisions.briefberekening import gebruikte_gegevens, uitleg_in_centen
from service.decisions.service import evalueer
from service.engine.library import Regelbibliotheek

PEIL = dt.date(2026, 3, 1)


class TestUitlegInCenten:
    def redenen(self, bibliotheek: Regelbibliotheek) -> tuple[Any, list[dict[str, Any]]]:
        geladen = bibliotheek.voor("beslagvrije-voet", PEIL)
        gegevens = {
            "belastbaarJaarinkomen": "20000",
            "inkomsten": [{"bron": "loon", "nettoPerMaand": "1380.00"}],
        }
        return geladen.regelset, evalueer(geladen, gegevens, PEIL).redenen

    def test_de_reden_blijft_precies_de_brief_toont_centen(
        self, bibliotheek: Regelbibliotheek
    ) -> None:
        """The same template and values, the unrounded amounts in cents (half up)."""
        regelset, redenen = self.redenen(bibliotheek)
        reden = next(r for r in redenen if r["regel"] == "BVV-NORM-ALLEENSTAANDE")
        assert reden["uitleg"].endswith("€ 1.401,50 = € 1.331,4250.")
        assert uitleg_in_centen(reden, regelset) == (
            "Normterm: 95 % van de bijstandsnorm voor een alleenstaande(ouder) € 1.401,50 = "
            "€ 1.331,43."
        )

    def test_een_onbekende_regel_houdt_haar_eigen_tekst(
        self, bibliotheek: Regelbibliotheek
    ) -> None:
        """A reason of a rule the rule set no longer has is shown as it was stored."""
        regelset, redenen = self.redenen(bibliotheek)
        reden = {**redenen[0], "regel": "BVV-BESTAAT-NIET"}
        assert uitleg_in_centen(reden, regelset) == redenen[0]["uitleg"]


class TestGebruikteGegevens:
    def test_labels_en_waarden_in_woorden(self, bibliotheek: Regelbibliotheek) -> None:
        """Each field under its label; amounts in euro, yes/no in words; null left out."""
        invoer = bibliotheek.voor("beslagvrije-voet", PEIL).regelset.invoer
        gegevens = {
            "belastbaarJaarinkomen": 20000,
            "adresInNederland": False,
            "woonkostenPerMaand": None,
            "inkomsten": [{"bron": "loon", "nettoPerMaand": "1380.5", "beslag": True}],
            "vorderingen": [],
        }
        assert gebruikte_gegevens(gegevens, invoer) == [
            {
                "label": "Belastbaar jaarinkomen (met partner)",
                "waarde": "€ 20.000,00",
                "elementen": None,
            },
            {"label": "Adres in Nederland", "waarde": "nee", "elementen": None},
            {
                "label": "Netto-inkomsten per maand",
                "waarde": None,
                "elementen": [
                    [
                        {"label": "Bron", "waarde": "loon", "elementen": None},
                        {"label": "Netto per maand", "waarde": "€ 1.380,50", "elementen": None},
                        {
                            "label": "Beslag of verrekening hierop",
                            "waarde": "ja",
                            "elementen": None,
                        },
                    ]
                ],
            },
            {"label": "Vorderingen", "waarde": "geen", "elementen": None},
        ]

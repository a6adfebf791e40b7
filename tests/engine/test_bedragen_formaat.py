"""Rule-format features for amounts: `datering: verloop`, input `object`, `standaardUitZaak`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from service.decisions.service import evalueer, kies_regelset
from service.engine.library import Regelbibliotheek, controleer_map
from service.errors import OngeldigVerzoek
from service.rulefiles.parametermodel import Parameter
from tests.conftest import RULES

D = dt.date


def beslis(bibliotheek: Regelbibliotheek, soort: str, peildatum: str, gegevens: Any) -> Any:
    datum = D.fromisoformat(peildatum)
    return evalueer(kies_regelset(bibliotheek, soort, datum), gegevens, datum)


def reden(evaluatie: Any, regel: str) -> dict[str, Any]:
    return next(r for r in evaluatie.redenen if r["regel"] == regel)


class TestDateringVerloop:
    def test_reden_noemt_de_percentages_van_de_renteperiode(
        self, bibliotheek: Regelbibliotheek
    ) -> None:
        """A rate used over a period: every value in force in it, each with its note."""
        uit = beslis(
            bibliotheek,
            "verschuldigd-bedrag",
            "2024-03-04",
            {
                "vorderingen": [
                    {"id": "F1", "hoofdsom": "5000", "verzenddatumBeschikking": "2023-01-20"}
                ]
            },
        )
        gebruikt = [
            p
            for p in reden(uit, "VB-WETTELIJKE-RENTE")["parameters"]
            if p["naam"] == "wettelijkeRentePercentage"
        ]
        assert [p["geldigVanaf"] for p in gebruikt] == ["2023-01-01", "2023-07-01", "2024-01-01"]
        assert "[?]" in gebruikt[1]["notitie"] and "[?]" not in gebruikt[2]["notitie"]

    def test_verloop_alleen_bij_een_enkelvoudige_waarde(self) -> None:
        with pytest.raises(ValueError, match="verloop"):
            Parameter.model_validate(
                {
                    "omschrijving": "tabel",
                    "type": "tabel",
                    "waardetype": "getal",
                    "datering": "verloop",
                    "grondslag": [{"regeling": "Burgerlijk Wetboek", "artikel": "1"}],
                    "waarden": [{"geldigVanaf": "2020-01-01", "waarde": {"a": 1}}],
                }
            )


class TestInvoerObject:
    def test_object_met_elk_probleem(self, bibliotheek: Regelbibliotheek) -> None:
        """An object field: missing and unknown fields inside it are named with their path."""
        with pytest.raises(OngeldigVerzoek) as fout:
            beslis(
                bibliotheek,
                "toerekening",
                "2025-12-01",
                {
                    "betaling": {"datum": "2025-11-20", "kleur": "rood"},
                    "vorderingen": [{"id": "A", "hoofdsom": "1", "dagtekening": "2025-01-01"}],
                },
            )
        namen = {p["name"] for p in fout.value.extra["invalidParams"]}
        assert {"gegevens.betaling.bedrag", "gegevens.betaling.kleur"} <= namen


class TestStandaardUitZaak:
    def gegevens(self, **vordering: Any) -> dict[str, Any]:
        return {
            "regime": "invorderingswet",
            "vorderingen": [
                {"id": "V", "hoofdsom": "2700", "dagtekening": "2025-09-19", **vordering}
            ],
        }

    def test_regime_van_de_zaak_geldt_voor_de_vordering(
        self, bibliotheek: Regelbibliotheek
    ) -> None:
        uit = beslis(
            bibliotheek, "verschuldigd-bedrag", "2025-12-31", self.gegevens(soortAanslag="aanslag")
        )
        assert uit.uitkomst["vorderingen"][0]["regime"] == "invorderingswet"
        assert uit.uitkomst["vorderingen"][0]["renteVanaf"] == "2025-11-01"

    def test_eigen_regime_van_de_vordering_gaat_voor(self, bibliotheek: Regelbibliotheek) -> None:
        uit = beslis(bibliotheek, "verschuldigd-bedrag", "2025-12-31", self.gegevens(regime="awb"))
        assert uit.uitkomst["vorderingen"][0]["regime"] == "awb"

    def test_alleen_bij_ziet_het_overgenomen_regime(self, bibliotheek: Regelbibliotheek) -> None:
        """A field allowed only under the Awb is refused under the case's tax regime."""
        with pytest.raises(OngeldigVerzoek) as fout:
            beslis(
                bibliotheek,
                "verschuldigd-bedrag",
                "2025-12-31",
                self.gegevens(aanmaningsvergoeding=False),
            )
        assert fout.value.extra["invalidParams"][0]["code"] == "alleenBij"

    def test_verwijzing_naar_een_onbekend_zaakveld(self, tmp_path: Path) -> None:
        regels = tmp_path / "rules"
        shutil.copytree(RULES, regels)
        bestand = regels / "verschuldigd-bedrag.yaml"
        bestand.write_text(
            bestand.read_text(encoding="utf-8").replace(
                "standaardUitZaak: regime", "standaardUitZaak: regiem"
            ),
            encoding="utf-8",
        )
        _, problemen = controleer_map(regels)
        assert any("standaardUitZaak: 'regiem'" in p.melding for p in problemen), problemen

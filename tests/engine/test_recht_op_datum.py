"""The law in force on the date of the legal fact, not on the peildatum."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from service.decisions.service import evalueer, kies_regelset
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.errors import NietVerwerkbaar
from service.rulefiles.calendar import AtwKalender
from tests.conftest import RULES

D = dt.date


def termijnen(bibliotheek: Regelbibliotheek, peildatum: str, **vordering: Any) -> dict[str, Any]:
    datum = D.fromisoformat(peildatum)
    geladen = kies_regelset(bibliotheek, "termijnen", datum)
    evaluatie = evalueer(
        geladen, {"vorderingen": [{"id": "V", "bedrag": "100.00", **vordering}]}, datum
    )
    return {"uitkomst": evaluatie.uitkomst["vorderingen"][0], "redenen": evaluatie.redenen}


def reden(beslissing: dict[str, Any], regel: str) -> dict[str, Any]:
    return next(r for r in beslissing["redenen"] if r["regel"] == regel)


class TestDatumVanHetRechtsfeit:
    def test_dezelfde_peildatum_ander_recht(self, bibliotheek: Regelbibliotheek) -> None:
        """Two aanslagen decided on one day: each follows the law of its own dagtekening."""
        oud = termijnen(
            bibliotheek, "2010-01-04", regime="invorderingswet", dagtekening="2009-06-30"
        )
        nieuw = termijnen(
            bibliotheek, "2010-01-04", regime="invorderingswet", dagtekening="2009-07-01"
        )
        assert oud["uitkomst"]["betalingstermijnEinde"] == "2009-08-30"  # 2 maanden
        assert nieuw["uitkomst"]["betalingstermijnEinde"] == "2009-08-12"  # 6 weken
        gebruikt = reden(nieuw, "TRM-BETALINGSTERMIJN-IW")["parameters"]
        assert gebruikt == [
            {
                "naam": "iwAanslagBetalingstermijn",
                "waarde": "6 weken",
                "geldigVanaf": "2009-07-01",
                "geldendOp": "2009-07-01",
                "weergave": "6 weken, geldig vanaf 2009-07-01",
                "bron": "IW 9 lid 1 (teksten 2009-07-01 en 2026-01-01)",
                "notitie": gebruikt[0]["notitie"],
            }
        ]
        assert (
            "6 weken, geldig vanaf 2009-07-01" in reden(nieuw, "TRM-BETALINGSTERMIJN-IW")["uitleg"]
        )
        assert reden(nieuw, "TRM-BETALINGSTERMIJN-IW")["geldendOp"] == "2009-07-01"

    def test_open_vraag_van_een_parameter_staat_in_de_reden(
        self, bibliotheek: Regelbibliotheek
    ) -> None:
        beslissing = termijnen(
            bibliotheek, "2010-01-04", regime="invorderingswet", dagtekening="2009-06-30"
        )
        notitie = reden(beslissing, "TRM-BETALINGSTERMIJN-IW")["parameters"][0]["notitie"]
        assert "[?] Vroegst nagelezen tekst 2009-01-01" in notitie
        assert "IW 9 lid 10" in notitie  # the parameter's own note comes along too

    def test_nieuwe_waarde_geldt_alleen_voor_latere_feiten(self, tmp_path: Path) -> None:
        """A new dated value changes claims dated from then on, not older ones."""
        regels = tmp_path / "rules"
        shutil.copytree(RULES, regels)
        pad = regels / "parameters" / "termijnen.yaml"
        tekst = pad.read_text(encoding="utf-8")
        oud = (
            "        dagtekening vanaf 1 juli 2009; het overgangsrecht zelf is niet gelezen (open punt O1).\n"
            "        waarde: 6 weken\n"
        )
        assert tekst.count(oud) == 1
        pad.write_text(
            tekst.replace(oud, oud + "      - geldigVanaf: 2027-01-01\n        waarde: 8 weken\n"),
            encoding="utf-8",
        )
        nieuw = laad_bibliotheek(regels)
        voor = termijnen(nieuw, "2027-03-01", regime="invorderingswet", dagtekening="2026-12-31")
        na = termijnen(nieuw, "2027-03-01", regime="invorderingswet", dagtekening="2027-01-04")
        assert voor["uitkomst"]["betalingstermijnEinde"] == "2027-02-11"  # still 6 weeks
        assert na["uitkomst"]["betalingstermijnEinde"] == "2027-03-01"  # 8 weeks

    def test_awb_voor_titel_4_4_wordt_geweigerd(self, bibliotheek: Regelbibliotheek) -> None:
        with pytest.raises(NietVerwerkbaar) as fout:
            termijnen(bibliotheek, "2012-01-02", verzenddatumBeschikking="2009-06-30")
        assert "Titel 4.4 Awb" in fout.value.detail
        assert "2009-06-30" in fout.value.detail
        assert fout.value.extra["regel"] == "TRM-BETALINGSTERMIJN-AWB"

    def test_awb_vanaf_1_juli_2009(self, bibliotheek: Regelbibliotheek) -> None:
        beslissing = termijnen(bibliotheek, "2009-07-02", verzenddatumBeschikking="2009-07-01")
        assert beslissing["uitkomst"]["betalingstermijnEinde"] == "2009-08-12"


@pytest.fixture(scope="module")
def kalender(bibliotheek: Regelbibliotheek) -> AtwKalender:
    regelset = bibliotheek.voor("termijnen", D(2026, 1, 1)).regelset
    return AtwKalender.uit(regelset.waarde_op, regelset.alle_waarden)


class TestAtwKalender:
    @pytest.mark.parametrize(
        ("datum", "vrij"),
        [
            (D(2013, 4, 30), True),  # Koninginnedag (until 2013)
            (D(2013, 4, 29), True),  # KB 7 June 2010
            (D(2014, 4, 30), False),  # an ordinary Wednesday after Koningsdag came in
            (D(2014, 4, 28), False),  # 27 April 2014 is a Sunday → Koningsdag on Saturday 26th
            (D(2015, 5, 4), True),  # KB 17 June 2013
            (D(2016, 5, 6), True),  # KB 17 June 2013
            (D(2022, 5, 27), True),  # the one confirmed KB day of 2020-2022
            (D(2021, 5, 14), False),  # a candidate only: not counted as feestdag
        ],
    )
    def test_feestdagen_per_jaar(self, kalender: AtwKalender, datum: dt.date, vrij: bool) -> None:
        assert kalender.is_vrije_dag(datum) is vrij

    def test_bevestigd_jaar_geen_onzekerheid(self, kalender: AtwKalender) -> None:
        einde = kalender.verleng(D(2026, 5, 14), D(2026, 4, 30))
        assert einde == D(2026, 5, 18)
        assert kalender.onzekerheden(D(2026, 5, 14), D(2026, 4, 30), einde) == []

    def test_kandidaat_die_het_einde_verschuift(self, kalender: AtwKalender) -> None:
        """E4: 13 May 2021 (Hemelvaart) → Fri 14 May, or Mon 17 May if the 14th was a KB day."""
        einde = kalender.verleng(D(2021, 5, 13), D(2021, 4, 1))
        assert einde == D(2021, 5, 14)
        meldingen = kalender.onzekerheden(D(2021, 5, 13), D(2021, 4, 1), einde)
        assert len(meldingen) == 1
        assert "14 mei 2021" in meldingen[0] and "17 mei 2021" in meldingen[0]

    def test_kandidaat_die_niets_verschuift(self, kalender: AtwKalender) -> None:
        einde = kalender.verleng(D(2021, 3, 2), D(2021, 1, 19))
        assert kalender.onzekerheden(D(2021, 3, 2), D(2021, 1, 19), einde) == []

    @pytest.mark.parametrize("jaar", [2010, 2029])
    def test_jaar_zonder_gegevens(self, kalender: AtwKalender, jaar: int) -> None:
        einde = kalender.verleng(D(jaar, 3, 2), D(jaar, 1, 19))
        meldingen = kalender.onzekerheden(D(jaar, 3, 2), D(jaar, 1, 19), einde)
        assert meldingen and f"van {jaar} niet" in meldingen[0]

    def test_waarschuwing_in_de_beslissing(self, bibliotheek: Regelbibliotheek) -> None:
        beslissing = termijnen(bibliotheek, "2021-04-02", verzenddatumBeschikking="2021-04-01")
        codes = [w["code"] for w in beslissing["uitkomst"]["waarschuwingen"]]
        assert codes == ["atwKalenderOnbevestigd", "atwKalenderOnbevestigd"]
        assert reden(beslissing, "TRM-BETALINGSTERMIJN-AWB")["waarschuwingen"][0]["code"] == (
            "atwKalenderOnbevestigd"
        )

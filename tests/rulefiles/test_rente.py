"""The generic money functions of the rule language: interest, cost steps, allocation.

Expected values are computed here by hand from the formulas in the docstrings (or taken
from the worked examples of domain/bedragen-en-documenten.md), never from the code.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.rulefiles.expressions import ExpressieFout
from service.rulefiles.functions import staffel
from service.rulefiles.rente import rentePerBetaling, samengesteldeRente
from service.rulefiles.renteperioden import dagen_met_maandtelling, tijdvakken
from service.rulefiles.termijn import Termijn
from service.rulefiles.toerekenen import toerekenen

D = Decimal
d = dt.date
VOLGORDE = ["kosten", "rente", "hoofdsom"]
JAAR = Termijn(1, "jaren")
TELLING = {"volleMaand": 30, "februari": 28, "jaar": 360}


def tarief(
    vanaf: dt.date, tot: dt.date | None, pct: str, onbevestigd: bool = False
) -> dict[str, Any]:
    return {"vanaf": vanaf, "tot": tot, "waarde": D(pct), "onbevestigd": onbevestigd}


BW = [
    tarief(d(2015, 1, 1), d(2022, 12, 31), "2"),
    tarief(d(2023, 1, 1), d(2023, 6, 30), "4"),
    tarief(d(2023, 7, 1), d(2023, 12, 31), "6", onbevestigd=True),
    tarief(d(2024, 1, 1), None, "7"),
]
IW = [tarief(d(2024, 1, 1), d(2025, 12, 31), "4"), tarief(d(2026, 1, 1), None, "4.3")]


def cent(x: Decimal) -> Decimal:
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


class TestDagtelling:
    """Uitvoeringsregeling IW 1990 art 31: 30-day months, the due month at its actual days."""

    def test_f2_volle_maand_en_deel_van_december(self) -> None:
        assert (
            dagen_met_maandtelling(d(2025, 11, 1), d(2025, 12, 30), d(2025, 10, 31), 30, 28) == 60
        )

    def test_vervalmaand_februari_op_28_ook_in_een_schrikkeljaar(self) -> None:
        # Vervaldag 10 februari 2024: 11-28 februari = 18 dagen (de 29e telt niet), maart 30.
        assert dagen_met_maandtelling(d(2024, 2, 11), d(2024, 3, 31), d(2024, 2, 10), 30, 28) == 48

    def test_vervalmaand_met_31_dagen_telt_werkelijk(self) -> None:
        # Vervaldag 13 oktober: 14-31 oktober = 18 dagen; november volle maand 30.
        assert (
            dagen_met_maandtelling(d(2025, 10, 14), d(2025, 11, 30), d(2025, 10, 13), 30, 28) == 48
        )

    def test_volle_februari_telt_als_volle_maand(self) -> None:
        assert dagen_met_maandtelling(d(2025, 2, 1), d(2025, 2, 28), None, 30, 28) == 30

    def test_tijdvakken_splitsen_op_een_tariefwijziging_met_dezelfde_telling(self) -> None:
        """Days per rate part are differences of the running count: the total is unchanged."""
        telling = lambda b, e: dagen_met_maandtelling(b, e, d(2025, 10, 31), 30, 28)  # noqa: E731
        delen = tijdvakken(d(2025, 11, 1), d(2026, 1, 30), IW, telling)
        assert [(t.dagen, t.percentage) for t in delen] == [(60, D(4)), (30, D("4.3"))]

    def test_gat_in_de_tabel_is_een_fout_voor_de_auteur(self) -> None:
        with pytest.raises(ExpressieFout, match="geen percentage"):
            tijdvakken(d(2014, 12, 1), d(2015, 1, 31), BW)


class TestSamengesteldeRente:
    """Awb 4:98 / BW 6:119 lid 2: compound, actual days / 365, capitalised every year."""

    def rente(
        self, tot: dt.date, betalingen: list[dict[str, Any]] | None = None, hoofdsom: str = "5000"
    ) -> dict[str, Any]:
        return samengesteldeRente(
            D(hoofdsom),
            d(2023, 3, 4),
            tot,
            BW,
            365,
            JAAR,
            D(20),
            betalingen or [],
            [D(18)],
            [d(2023, 3, 10)],
            VOLGORDE,
        )

    def test_f1_eerste_jaar(self) -> None:
        uit = self.rente(d(2024, 3, 4))
        handmatig = cent(D(5000) * (D(4) * 119 + D(6) * 184 + D(7) * 63) / 100 / 365)
        assert uit["rente"] == handmatig == D("276.85")
        assert uit["onbevestigd"] is True

    def test_f1_na_de_verjaardag_rente_over_rente(self) -> None:
        uit = self.rente(d(2024, 9, 4))
        jaar2 = cent(D("5276.85") * 7 / 100 * 184 / 365)
        assert uit["rente"] == D("276.85") + jaar2 == D("463.06")

    def test_betaling_gaat_naar_kosten_rente_hoofdsom(self) -> None:
        uit = self.rente(d(2024, 9, 10), [{"datum": d(2024, 9, 4), "bedrag": D("5481.06")}])
        assert uit["toerekening"][0] | {"datum": None} == {
            "datum": None,
            "bedrag": D("5481.06"),
            "kosten": D(18),
            "rente": D("463.06"),
            "hoofdsom": D(5000),
        }
        assert (uit["hoofdsom"], uit["rente"], uit["kosten"]) == (D(0), D(0), [D(0)])

    def test_onder_het_minimum_geen_rente_en_betaling_naar_hoofdsom(self) -> None:
        # Tot de betaling: 100 × (4 % × 119 + 6 % × 30) / 365 = 1,797; de betaling van 50 gaat
        # (rente niet verschuldigd) naar kosten 18 en hoofdsom 32; dan nog 1 dag 6 % over de
        # open hoofdsom 68 (tot berekendOp, als was daar de laatste betaling). Samen
        # 1,81 < 20: geen rente.
        uit = self.rente(
            d(2023, 8, 1), [{"datum": d(2023, 7, 31), "bedrag": D(50)}], hoofdsom="100"
        )
        voor = D(100) * (D(4) * 119 + D(6) * 30) / 100 / 365
        na = D(68) * 6 / 100 / 365
        assert uit["renteBerekend"] == cent(voor + na) == D("1.81")
        assert uit["renteVrijgesteld"] is True and uit["rente"] == D(0)
        assert uit["hoofdsom"] == D(68)


class TestRentePerBetaling:
    """IW 28, Uitvoeringsregeling art 29-33: simple, per payment, whole euros, € 23."""

    def rente(self, tot: dt.date, betalingen: list[dict[str, Any]]) -> dict[str, Any]:
        return rentePerBetaling(
            D(2700),
            d(2025, 11, 1),
            d(2025, 10, 31),
            tot,
            IW,
            TELLING,
            D(23),
            D(1),
            betalingen,
            [D(21)],
            [d(2025, 11, 10)],
            VOLGORDE,
        )

    def test_f2_vrijgesteld(self) -> None:
        uit = self.rente(d(2025, 12, 31), [])
        assert (uit["rente"], uit["renteBerekend"], uit["renteVrijgesteld"]) == (D(0), D(18), True)

    def test_deelbetaling_wordt_gesplitst_volgens_art_30_lid_2(self) -> None:
        uit = self.rente(d(2025, 12, 31), [{"datum": d(2025, 12, 31), "bedrag": D(1000)}])
        # 979 × 240 / (36000 + 240) = 6,48 → 6 (naar beneden op hele euro's)
        assert uit["toerekening"][0]["rente"] == D(6)
        assert uit["hoofdsom"] == D(2700) - (D(979) - D(6))

    def test_boven_de_vrijstelling_wel_in_rekening(self) -> None:
        uit = self.rente(d(2026, 1, 31), [])
        # 2700 × (60 × 4 + 30 × 4,3) / 36000 = 27,675 → 27
        assert uit["rente"] == D(27)


class TestStaffel:
    """Kostenwet art 3: base + step per full € 45 above € 45, capped (F6)."""

    @pytest.mark.parametrize(
        ("som", "kosten"),
        [
            ("45", "56"),
            ("89.99", "56"),
            ("90", "61"),
            ("1000", "161"),
            ("5000", "606"),
            ("200000", "16524"),
        ],
    )
    def test_f6(self, som: str, kosten: str) -> None:
        assert staffel(D(som), D(56), D(5), D(45), D(45), D(16524)) == D(kosten)


class TestToerekenen:
    def vordering(
        self,
        id: str,
        rang: int,
        ontstaan: dt.date,
        kosten: str = "0",
        rente: str = "0",
        hoofdsom: str = "0",
    ) -> dict[str, Any]:
        return {
            "id": id,
            "rang": rang,
            "ontstaan": ontstaan,
            "kosten": D(kosten),
            "rente": D(rente),
            "hoofdsom": D(hoofdsom),
        }

    def test_f5_oudste_eerst_per_vordering(self) -> None:
        b = self.vordering("B", 2, d(2025, 3, 1), hoofdsom="500")
        a = self.vordering("A", 2, d(2024, 3, 1), "152", "12", "1000")
        uit = toerekenen(D(600), [b, a], VOLGORDE, [], False)
        assert uit == [
            {"vordering": "B", "kosten": D(0), "rente": D(0), "hoofdsom": D(0)},
            {"vordering": "A", "kosten": D(152), "rente": D(12), "hoofdsom": D(436)},
        ]

    def test_lagere_rang_gaat_voor_ouderdom(self) -> None:
        oud = self.vordering("O", 2, d(2020, 1, 1), hoofdsom="100")
        aangewezen = self.vordering("N", 0, d(2025, 1, 1), hoofdsom="100")
        uit = toerekenen(D(150), [oud, aangewezen], VOLGORDE, [], False)
        assert [u["hoofdsom"] for u in uit] == [D(50), D(100)]

    def test_per_onderdeel_naar_verhouding_centen_sluiten(self) -> None:
        t = self.vordering("T", 2, d(2025, 3, 1), "10", "5", "600")
        b = self.vordering("B", 2, d(2025, 4, 1), hoofdsom="200")
        uit = toerekenen(D("100.01"), [t, b], VOLGORDE, ["hoofdsom"], True)
        # 85,01 naar verhouding 600 : 200 → 63,75 en 21,25; de losse cent naar de grootste.
        assert [u["hoofdsom"] for u in uit] == [D("63.76"), D("21.25")]
        assert sum(u["kosten"] + u["rente"] + u["hoofdsom"] for u in uit) == D("100.01")

    def test_naar_verhouding_grootste_rest_nooit_boven_het_openstaande(self) -> None:
        """2,99 over three claims of 1,00: 0,99666 each; rounded down 2,97, the two cents
        left go one each to the first two (equal remainders), none to a claim past 1,00."""
        drie = [self.vordering(x, 2, d(2025, 3, 1), hoofdsom="1.00") for x in "ABC"]
        uit = toerekenen(D("2.99"), drie, VOLGORDE, ["hoofdsom"], True)
        assert [u["hoofdsom"] for u in uit] == [D("1.00"), D("1.00"), D("0.99")]

    @settings(max_examples=300, deadline=None)
    @given(
        bedrag=st.decimals(min_value=0, max_value=100_000, places=2),
        open_=st.lists(
            st.decimals(min_value=0, max_value=50_000, places=2), min_size=1, max_size=6
        ),
    )
    def test_naar_verhouding_sluit_op_de_cent(self, bedrag: Decimal, open_: list[Decimal]) -> None:
        """Whatever the amounts: the shares add up to what can be paid, none above its claim."""
        vorderingen = [
            self.vordering(f"V{i}", 2, d(2025, 3, 1), hoofdsom=str(o)) for i, o in enumerate(open_)
        ]
        uit = toerekenen(bedrag, vorderingen, VOLGORDE, ["hoofdsom"], True)
        assert sum(u["hoofdsom"] for u in uit) == min(bedrag, sum(open_, D(0)))
        assert all(u["hoofdsom"] <= o for u, o in zip(uit, open_, strict=True))

    def test_onbekend_onderdeel(self) -> None:
        with pytest.raises(ExpressieFout):
            toerekenen(D(1), [], ["boete"], [], False)

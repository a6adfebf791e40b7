"""Awb 4:98 lid 2 in samengesteldeRente: the € 20 minimum at the only or last payment.

Expected values are computed here by hand (F3 is the worked example of
domain/bedragen-en-documenten.md), never from the code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from service.rulefiles.rente import samengesteldeRente
from tests.rulefiles.test_rente import JAAR, VOLGORDE, cent, tarief

D = Decimal
d = dt.date
VIER = [tarief(d(2026, 1, 1), None, "4", onbevestigd=True)]  # BW 6:119 from 2026 ([?])


class TestMinimumBijDeLaatsteBetaling:
    """Awb 4:98 lid 2: no interest when it is under € 20 "bij enige of laatste betaling".

    The test is at the payment that settles the claim: interest that would only run after
    it, on what the payment would leave open if it paid interest first, does not count.
    """

    def rente(
        self,
        hoofdsom: str,
        vanaf: dt.date,
        tot: dt.date,
        betalingen: list[tuple[dt.date, str]],
        kosten: list[Decimal | None] | None = None,
        kostendata: list[dt.date | None] | None = None,
    ) -> dict[str, Any]:
        return samengesteldeRente(
            D(hoofdsom),
            vanaf,
            tot,
            VIER,
            365,
            JAAR,
            D(20),
            [{"datum": datum, "bedrag": D(bedrag)} for datum, bedrag in betalingen],
            kosten if kosten is not None else [None],
            kostendata if kostendata is not None else [None],
            VOLGORDE,
        )

    def test_f3_betaald_rente_bij_de_betaling_en_daarna_niets(self) -> None:
        """F3: € 400 from 18 Feb 2026, € 409 paid on 30 June: 132 days × 4 % = € 5,79."""
        uit = self.rente(
            "400",
            d(2026, 2, 18),
            d(2026, 7, 30),
            [(d(2026, 6, 30), "409")],
            [D(9)],
            [d(2026, 2, 20)],
        )
        assert (11 + 31 + 30 + 31 + 29) == (d(2026, 6, 30) - d(2026, 2, 18)).days == 132
        assert uit["renteBerekend"] == cent(D(400) * 4 * 132 / 100 / 365) == D("5.79")
        assert uit["renteVrijgesteld"] is True
        assert (uit["hoofdsom"], uit["rente"], uit["kosten"]) == (D(0), D(0), [D(0)])
        assert uit["toerekening"][0] | {"datum": None} == {
            "datum": None,
            "bedrag": D(409),
            "kosten": D(9),
            "rente": D(0),
            "hoofdsom": D(400),
        }
        # One period, up to the day before the payment, on the principal; none after.
        assert [(p["van"], p["tot"], p["grondslag"], p["rente"]) for p in uit["perioden"]] == [
            (d(2026, 2, 18), d(2026, 6, 29), D("400.00"), D("5.79"))
        ]

    def test_net_onder_het_minimum_bij_de_betaling_blijft_het_daarna_zo(self) -> None:
        """€ 1.000 paid after 182 days: 1000 × 4 % × 182 / 365 = 19,945 → € 19,95 < € 20.
        Charged, the payment would leave € 19,95 principal whose interest a year later
        passes € 20; that interest never arises, since the payment settled the claim."""
        uit = self.rente("1000", d(2026, 1, 1), d(2027, 7, 2), [(d(2026, 7, 2), "1000")])
        assert (d(2026, 7, 2) - d(2026, 1, 1)).days == 182
        assert uit["renteBerekend"] == cent(D(1000) * 4 * 182 / 100 / 365) == D("19.95")
        assert uit["renteVrijgesteld"] is True
        assert (uit["hoofdsom"], uit["rente"], uit["renteTotaal"]) == (D(0), D(0), D(0))

    def test_het_minimum_bij_de_betaling_gehaald_dan_rente_eerst(self) -> None:
        """After 183 days: 1000 × 4 % × 183 / 365 = 20,055 → € 20,05 ≥ € 20: due. The payment
        of € 1.000 pays € 20,05 interest and € 979,95 principal; € 20,05 principal stays open."""
        uit = self.rente("1000", d(2026, 1, 1), d(2026, 7, 3), [(d(2026, 7, 3), "1000")])
        assert (d(2026, 7, 3) - d(2026, 1, 1)).days == 183
        assert uit["renteBerekend"] == cent(D(1000) * 4 * 183 / 100 / 365) == D("20.05")
        assert uit["renteVrijgesteld"] is False
        assert uit["toerekening"][0]["rente"] == D("20.05")
        assert (uit["hoofdsom"], uit["rente"]) == (D("20.05"), D(0))

    def test_niet_aangerekende_rente_wordt_wel_jaarlijks_bijgeteld(self) -> None:
        """€ 100 from 1 Jan 2026, paid on 1 Jan 2030. Per year on the sum with the earlier
        years' interest (BW 6:119 lid 2): 4,00; 104 × 4 % = 4,16; 2028 (366 days): 108,16 ×
        4 % × 366 / 365 = 4,338 → 4,34; 112,50 × 4 % = 4,50. Together € 17,00 < € 20 (simple
        interest would be € 16,01): not due, the payment settles the claim, nothing after."""
        uit = self.rente("100", d(2026, 1, 1), d(2031, 1, 1), [(d(2030, 1, 1), "100")])
        jaar3 = cent(D("108.16") * 4 * 366 / 100 / 365)
        assert jaar3 == D("4.34")
        assert uit["renteBerekend"] == D("4.00") + D("4.16") + jaar3 + D("4.50") == D("17.00")
        assert uit["renteVrijgesteld"] is True
        assert (uit["hoofdsom"], uit["rente"]) == (D(0), D(0))
        assert [p["grondslag"] for p in uit["perioden"]] == [
            D("100.00"),
            D("104.00"),
            D("108.16"),
            D("112.50"),
        ]

"""Properties of the beslagvrije voet (hypothesis), and a new parameter period as data only."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.decisions.service import evalueer
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.errors import NietVerwerkbaar
from service.rulefiles.functions import verdeelNaarRang
from tests.conftest import RULES

PEIL = dt.date(2026, 3, 1)
MAXIMA = {
    "alleenstaande": Decimal("2191.42"),
    "alleenstaandeOuder": Decimal("2526.69"),
    "gehuwdZonderKinderen": Decimal("2881.41"),
    "gehuwdMetKinderen": Decimal("3155.31"),
}
INSTELLINGEN = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

bedragen = st.decimals(
    min_value=0, max_value=20000, places=2, allow_nan=False, allow_infinity=False
)
leefsituaties = st.sampled_from(sorted(MAXIMA))


def bvv(bibliotheek: Regelbibliotheek, gegevens: dict[str, Any], peildatum: dt.date = PEIL) -> Any:
    return evalueer(bibliotheek.voor("beslagvrije-voet", peildatum), gegevens, peildatum)


@INSTELLINGEN
@given(
    leefsituatie=leefsituaties,
    jaarinkomen=st.integers(0, 300_000),
    netto=bedragen,
    partner=st.none() | bedragen,
)
def test_nooit_boven_maximum_zonder_verhoging(
    bibliotheek: Regelbibliotheek,
    leefsituatie: str,
    jaarinkomen: int,
    netto: Decimal,
    partner: Decimal | None,
) -> None:
    """Without a woonkosten raise the bvv never exceeds the official maximum."""
    uitkomst = bvv(
        bibliotheek,
        {
            "leefsituatie": leefsituatie,
            "belastbaarJaarinkomen": jaarinkomen,
            "partnerNettoInkomenPerMaand": partner,
            "inkomsten": [{"bron": "loon", "nettoPerMaand": netto}],
        },
    ).uitkomst
    assert Decimal(uitkomst["beslagvrijeVoet"]) <= MAXIMA[leefsituatie]
    assert Decimal(uitkomst["beslagvrijeVoet"]) >= 0


@INSTELLINGEN
@given(
    leefsituatie=leefsituaties,
    jaarinkomen=st.integers(0, 300_000),
    netto=st.decimals(min_value=1, max_value=4000, places=2),
)
def test_vijf_procent_blijft_aflosbaar(
    bibliotheek: Regelbibliotheek, leefsituatie: str, jaarinkomen: int, netto: Decimal
) -> None:
    """When the 95 % rule applies, exactly 5 % of the income stays repayable (up to a cent)."""
    evaluatie = bvv(
        bibliotheek,
        {
            "leefsituatie": leefsituatie,
            "belastbaarJaarinkomen": jaarinkomen,
            "inkomsten": [{"bron": "loon", "nettoPerMaand": netto}],
        },
    )
    if "BVV-LAAG-INKOMEN" in [r["regel"] for r in evaluatie.redenen]:
        afloscapaciteit = Decimal(evaluatie.uitkomst["afloscapaciteit"])
        assert abs(afloscapaciteit - netto * Decimal("0.05")) <= Decimal("0.01")


@pytest.mark.parametrize(
    ("netto", "beslagvrij", "aflosbaar"),
    [("1000.00", "950.00", "50.00"), ("777.77", "738.88", "38.89"), ("1.00", "0.95", "0.05")],
)
def test_laag_inkomen_precies_95_procent(
    bibliotheek: Regelbibliotheek, netto: str, beslagvrij: str, aflosbaar: str
) -> None:
    """Rv 475dc lid 1 both ways: the bvv is 95 % of a low income — not more, not less."""
    evaluatie = bvv(
        bibliotheek,
        {
            "leefsituatie": "alleenstaande",
            "belastbaarJaarinkomen": 0,
            "inkomsten": [{"bron": "loon", "nettoPerMaand": netto}],
        },
    )
    assert "BVV-LAAG-INKOMEN" in [r["regel"] for r in evaluatie.redenen]
    assert (evaluatie.uitkomst["beslagvrijeVoet"], evaluatie.uitkomst["afloscapaciteit"]) == (
        beslagvrij,
        aflosbaar,
    )


@INSTELLINGEN
@given(
    leefsituatie=leefsituaties,
    inkomens=st.lists(st.integers(0, 200_000), min_size=2, max_size=2),
    netto=bedragen,
)
def test_stijgt_niet_af_met_het_inkomen(
    bibliotheek: Regelbibliotheek, leefsituatie: str, inkomens: list[int], netto: Decimal
) -> None:
    """Within a leefsituatie, a higher annual income never lowers the bvv."""
    laag, hoog = sorted(inkomens)
    uit = [
        bvv(
            bibliotheek,
            {
                "leefsituatie": leefsituatie,
                "belastbaarJaarinkomen": c,
                "inkomsten": [{"bron": "loon", "nettoPerMaand": netto}],
            },
        ).uitkomst
        for c in (laag, hoog)
    ]
    assert Decimal(uit[0]["beslagvrijeVoet"]) <= Decimal(uit[1]["beslagvrijeVoet"])


vorderingen = st.lists(
    st.fixed_dictionaries(
        {
            "rang": st.sampled_from(["fiscus", "preferent", "bijstand", "concurrent"]),
            "openstaandBedrag": st.decimals(min_value=0, max_value=50000, places=2),
        }
    ),
    min_size=0,
    max_size=8,
)


@settings(max_examples=300, deadline=None, database=None)
@given(capaciteit=st.decimals(min_value=0, max_value=10000, places=2), lijst=vorderingen)
def test_verdeling_is_exact(capaciteit: Decimal, lijst: list[dict[str, Any]]) -> None:
    """Shares are whole cents, never above a claim, never negative, and add up exactly."""
    for i, v in enumerate(lijst):
        v["id"] = f"V{i}"
    verdeling = verdeelNaarRang(
        capaciteit, lijst, ["fiscus", "preferent", "bijstand", "concurrent"]
    )
    totaal_open = sum((v["openstaandBedrag"] for v in lijst), Decimal(0))
    assert sum((d["bedrag"] for d in verdeling), Decimal(0)) == min(capaciteit, totaal_open)
    for deel, v in zip(verdeling, lijst, strict=True):
        assert deel["bedrag"] == deel["bedrag"].quantize(Decimal("0.01"))
        assert 0 <= deel["bedrag"] <= v["openstaandBedrag"]


def test_rang_gaat_voor(bibliotheek: Regelbibliotheek) -> None:
    """A lower rank gets nothing while a higher rank's claims absorb everything."""
    verdeling = verdeelNaarRang(
        Decimal("300"),
        [
            {"id": "C", "rang": "concurrent", "openstaandBedrag": Decimal("5000")},
            {"id": "F", "rang": "fiscus", "openstaandBedrag": Decimal("5000")},
        ],
        ["fiscus", "preferent", "bijstand", "concurrent"],
    )
    assert verdeling == [
        {"vordering": "C", "bedrag": Decimal("0.00")},
        {"vordering": "F", "bedrag": Decimal("300.00")},
    ]


NIEUWE_PERIODE = """
formaat: "1.0"
parameters:
  bijstandsnormAlleenstaande:
    omschrijving: Bijstandsnorm alleenstaande(ouder), inclusief vakantietoeslag (A).
    type: bedrag
    grondslag: [{regeling: Participatiewet, artikel: "21"}]
    waarden: [{geldigVanaf: 2027-01-01, waarde: "1450.00"}]
  maximumBeslagvrijeVoet:
    omschrijving: Officieel maximum van de beslagvrije voet per leefsituatie.
    type: tabel
    waardetype: bedrag
    grondslag: [{regeling: Wetboek van Burgerlijke Rechtsvordering, artikel: 475da}]
    waarden:
      - geldigVanaf: 2027-01-01
        waarde: {alleenstaande: "2250.00", alleenstaandeOuder: "2600.00", gehuwdZonderKinderen: "2950.00", gehuwdMetKinderen: "3250.00"}
"""
ANDERE_2027 = [
    "bijstandsnormGehuwden",
    "drempelinkomenZorgtoeslag",
    "zorgtoeslagPercentage",
    "zorgplafondAlleenstaande",
    "zorgplafondGehuwden",
    "huurtoeslagAfbouwEenpersoons",
    "huurtoeslagAfbouwMeerpersoons",
    "maximaleHuurgrens",
    "basishuurEenpersoons",
    "basishuurMeerpersoons",
    "ijkpuntEenpersoons",
    "ijkpuntMeerpersoons",
    "kindgebondenBudgetAfbouw",
    "kindgebondenBudgetPartnerophoging",
]


def test_nieuwe_periode_is_alleen_data(tmp_path: Path, bibliotheek: Regelbibliotheek) -> None:
    """A new file parameters/beslagvrije-voet/2027.yaml makes 2027 work; 2026 is untouched."""
    regels = tmp_path / "rules"
    shutil.copytree(RULES, regels)
    geval = {
        "belastbaarJaarinkomen": 20000,
        "inkomsten": [{"bron": "loon", "nettoPerMaand": "3000.00"}],
    }
    with pytest.raises(NietVerwerkbaar) as zonder:
        bvv(laad_bibliotheek(regels), geval, dt.date(2027, 2, 1))
    assert "bijstandsnormAlleenstaande" in zonder.value.detail

    # the other 2026 amounts, carried over unchanged for the test (a real file would index them)
    regelset = bibliotheek.voor("beslagvrije-voet", PEIL).regelset
    huidig = regelset.parameters_op(dt.date(2026, 7, 1))
    tekst = NIEUWE_PERIODE + "".join(
        f'  {naam}:\n    omschrijving: "{naam} 2027"\n'
        f"    type: {regelset.parameters[naam].definitie.type}\n"
        f'    grondslag: [{{regeling: test, artikel: "1"}}]\n'
        f'    waarden: [{{geldigVanaf: 2027-01-01, waarde: "{huidig[naam]}"}}]\n'
        for naam in ANDERE_2027
    )
    (regels / "parameters" / "beslagvrije-voet" / "2027.yaml").write_text(tekst, encoding="utf-8")
    nieuw = laad_bibliotheek(regels)
    uitkomst_2027 = bvv(nieuw, geval, dt.date(2027, 2, 1)).uitkomst
    assert uitkomst_2027["beslagvrijeVoet"] == "1377.50"  # 0.95 × 1450.00, C below every threshold
    assert uitkomst_2027["maximumBeslagvrijeVoet"] == "2250.00"
    assert bvv(nieuw, geval).uitkomst == bvv(bibliotheek, geval).uitkomst

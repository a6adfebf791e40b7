"""Every payment and aanmaning term of 2023-2028 against an independent Atw calendar.

The holidays below are written out by hand from the public calendar and the KB titles
(Besluit gelijkstelling 2023-2025 and 2026-2028), not derived from the service's parameter file: flipping a
feestdag or a KB day in rules/parameters/algemene-termijnenwet.yaml turns this test red.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from service.decisions.service import evalueer, kies_regelset
from service.engine.library import Regelbibliotheek

D = dt.date
FEESTDAGEN = {
    # Nieuwjaarsdag, Goede Vrijdag, 2e Paasdag, Koningsdag, 5 mei, Hemelvaart, 2e Pinksterdag, Kerst
    *(D(j, 1, 1) for j in range(2023, 2030)),
    *(D(j, 5, 5) for j in range(2023, 2029)),
    *(D(j, 12, d) for j in range(2023, 2029) for d in (25, 26)),
    D(2023, 4, 7), D(2023, 4, 10), D(2023, 4, 27), D(2023, 5, 18), D(2023, 5, 29),
    D(2024, 3, 29), D(2024, 4, 1), D(2024, 4, 27), D(2024, 5, 9), D(2024, 5, 20),
    D(2025, 4, 18), D(2025, 4, 21), D(2025, 4, 26), D(2025, 5, 29), D(2025, 6, 9),
    D(2026, 4, 3), D(2026, 4, 6), D(2026, 4, 27), D(2026, 5, 14), D(2026, 5, 25),
    D(2027, 3, 26), D(2027, 3, 29), D(2027, 4, 27), D(2027, 5, 6), D(2027, 5, 17),
    D(2028, 4, 14), D(2028, 4, 17), D(2028, 4, 27), D(2028, 5, 25), D(2028, 6, 5),
    # KB days 2023-2025 and 2026-2028
    D(2023, 4, 28), D(2023, 5, 19), D(2024, 5, 10), D(2024, 12, 27), D(2025, 5, 30),
    D(2026, 1, 2), D(2026, 5, 15), D(2027, 5, 7), D(2028, 4, 28), D(2028, 5, 26),
}  # fmt: skip


def vrij(dag: dt.date) -> bool:
    return dag.weekday() >= 5 or dag in FEESTDAGEN


def werkdagen(begin: dt.date, tot: dt.date) -> int:
    return sum(not vrij(begin + dt.timedelta(days=n)) for n in range(1, (tot - begin).days + 1))


def atw(begin: dt.date, dagen: int) -> dt.date:
    """Atw art 1 (next working day) and art 2 (two working days in a term of 3+ days)."""
    einde = dag = begin + dt.timedelta(days=dagen)
    while vrij(dag):
        dag += dt.timedelta(days=1)
    if (einde - begin).days >= 3:
        while werkdagen(begin, dag) < 2:
            dag += dt.timedelta(days=1)
            while vrij(dag):
                dag += dt.timedelta(days=1)
    return dag


DAGEN = [
    D(2023, 1, 1) + dt.timedelta(days=n) for n in range((D(2028, 11, 10) - D(2023, 1, 1)).days)
]


@pytest.fixture(scope="module")
def uitkomsten(bibliotheek: Regelbibliotheek) -> dict[str, dict[str, Any]]:
    """Every day of 2023-2028 as sending date of a beschikking and of an aanmaning.

    An aanmaning only counts after verzuim (Awb 4:112 lid 1), so each day's aanmaning belongs
    to a claim of its own whose beschikking was sent on 2022-09-01 (verzuim from 2022-10-14).
    """
    peildatum = D(2029, 1, 1)
    geladen = kies_regelset(bibliotheek, "termijnen", peildatum)
    vorderingen = [
        {"id": dag.isoformat(), "bedrag": "100.00", "verzenddatumBeschikking": dag.isoformat()}
        for dag in DAGEN
    ] + [
        {
            "id": f"aanmaning-{dag.isoformat()}",
            "bedrag": "100.00",
            "verzenddatumBeschikking": "2022-09-01",
            "aanmaningen": [{"verzenddatum": dag.isoformat()}],
        }
        for dag in DAGEN
    ]
    uit: dict[str, dict[str, Any]] = {}
    for begin in range(0, len(vorderingen), 400):
        evaluatie = evalueer(geladen, {"vorderingen": vorderingen[begin : begin + 400]}, peildatum)
        for v in evaluatie.uitkomst["vorderingen"]:
            uit[v["id"]] = v
    return uit


def test_elke_betalingstermijn(uitkomsten: dict[str, dict[str, Any]]) -> None:
    verschillen = [
        (dag, uitkomsten[dag.isoformat()]["betalingstermijnEinde"], atw(dag, 42).isoformat())
        for dag in DAGEN
        if uitkomsten[dag.isoformat()]["betalingstermijnEinde"] != atw(dag, 42).isoformat()
    ]
    assert verschillen == []


def test_elke_aanmaningstermijn(uitkomsten: dict[str, dict[str, Any]]) -> None:
    verschillen = [
        (dag, uitkomsten[f"aanmaning-{dag}"]["aanmaningstermijnEinde"], atw(dag, 14).isoformat())
        for dag in DAGEN
        if uitkomsten[f"aanmaning-{dag}"]["aanmaningstermijnEinde"] != atw(dag, 14).isoformat()
    ]
    assert verschillen == []


def test_geen_waarschuwing_in_bevestigde_jaren(uitkomsten: dict[str, dict[str, Any]]) -> None:
    """No Atw warning in confirmed years. Every aanmaning is sent after verzuim, so no
    warning at all is expected."""
    codes = {dag: [w["code"] for w in v["waarschuwingen"]] for dag, v in uitkomsten.items()}
    anders = {dag: c for dag, c in codes.items() if c}
    assert anders == {}

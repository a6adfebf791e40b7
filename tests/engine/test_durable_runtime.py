"""The durable_rules runtime: no lost actions, no swallowed exceptions, states deleted."""

from __future__ import annotations

import datetime as dt
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from service.decisions.service import evalueer
from service.engine.evaluation import RegelToepassingsFout
from service.engine.library import Regelbibliotheek, laad_bibliotheek

PEIL = dt.date(2026, 6, 1)

MINI = """
formaat: "1.0"
regelset: mini
versie: 0.1.0
titel: Proefregelset
doel: Alleen voor tests van de runtime.
eigenaar: tests
geldigVanaf: 2020-01-01
invoer:
  deler: {type: getal, verplicht: true}
  items:
    type: lijst
    velden:
      n: {type: geheelGetal, verplicht: true}
regels:
  - id: MINI-DELING
    titel: Deling
    grondslag: [{regeling: Test, artikel: "1"}]
    dan:
      quotient: 10 / deler
    uitleg: Tien gedeeld door {deler} is {quotient}.
  - id: MINI-GROOT
    titel: Groot item
    voorElke: items
    grondslag: [{regeling: Test, artikel: "2"}]
    als: [n > 5 of n < -5]
    dan:
      groot: waar
    uitleg: Item {n} is groot.
uitkomst:
  quotient: quotient
  items:
    voorElke: items
    velden: {n: n, groot: groot}
"""


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Regelbibliotheek:
    map: Path = tmp_path_factory.mktemp("mini")
    (map / "mini.yaml").write_text(textwrap.dedent(MINI), encoding="utf-8")
    return laad_bibliotheek(map)


def beslis(bibliotheek: Regelbibliotheek, gegevens: dict[str, Any]) -> Any:
    return evalueer(bibliotheek.voor("mini", PEIL), gegevens, PEIL)


def test_fout_in_actie_komt_bij_de_aanroeper(mini: Regelbibliotheek) -> None:
    """An exception inside an action is not swallowed: the caller gets it, with the rule id."""
    with pytest.raises(Exception) as fout:
        beslis(mini, {"deler": 0, "items": []})
    assert "MINI-DELING" in str(fout.value)
    # and the engine is clean afterwards
    assert beslis(mini, {"deler": 4, "items": []}).uitkomst["quotient"] == "2.50"


def test_fout_als_regeltoepassingsfout(mini: Regelbibliotheek) -> None:
    geladen = mini.voor("mini", PEIL)
    invoer = geladen.invoer.lees({"deler": 0, "items": []})
    with pytest.raises(RegelToepassingsFout) as fout:
        geladen.beslisser.evalueer(invoer, PEIL)
    assert fout.value.regel_id == "MINI-DELING"


def test_of_voorwaarde_vuurt_een_keer(mini: Regelbibliotheek) -> None:
    """A rule with an `of` condition applies once per element, even if both branches match."""
    evaluatie = beslis(mini, {"deler": 1, "items": [{"n": 7}, {"n": 1}, {"n": -9}]})
    assert [r["regel"] for r in evaluatie.redenen].count("MINI-GROOT") == 2
    assert evaluatie.uitkomst["items"] == [
        {"n": 7, "groot": True},
        {"n": 1, "groot": None},
        {"n": -9, "groot": True},
    ]


def test_meer_dan_1024_evaluaties(mini: Regelbibliotheek) -> None:
    """Every state is deleted: durable_rules allows at most 1,024 live states per ruleset."""
    for i in range(1, 1500):
        assert (
            beslis(mini, {"deler": i, "items": [{"n": i % 11}]}).uitkomst["items"][0]["n"] == i % 11
        )


def test_gelijktijdige_verzoeken(bibliotheek: Regelbibliotheek) -> None:
    """Threads evaluating at once get exactly the results of a sequential run."""

    def geval(i: int) -> dict[str, Any]:
        verzonden = dt.date(2026, 1, 1) + dt.timedelta(days=i % 300)
        return {
            "vorderingen": [
                {
                    "id": f"V{i}",
                    "bedrag": "10.00",
                    "verzenddatumBeschikking": verzonden.isoformat(),
                    "aanmaningen": [
                        {"verzenddatum": (verzonden + dt.timedelta(days=60)).isoformat()}
                    ]
                    if i % 2
                    else [],
                }
            ]
        }

    def uitkomst(i: int) -> Any:
        return evalueer(bibliotheek.voor("termijnen", PEIL), geval(i), PEIL).uitkomst

    verwacht = [uitkomst(i) for i in range(400)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        gelijktijdig = list(pool.map(uitkomst, range(400)))
    assert gelijktijdig == verwacht

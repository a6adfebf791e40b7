"""Explanation templates: `{aantal:enkelvoud|meervoud}` and `{naam.sleutel}`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from service.engine.library import controleer_map
from service.engine.presentation import ontleed_uitleg, vul_uitleg

REGELSET = """formaat: "1.0"
regelset: proef
versie: 0.1.0
titel: Proef
doel: Sjablonen in een uitleg.
eigenaar: Team Beleid Invordering
geldigVanaf: 2026-01-01
invoer:
  aantal: {type: geheelGetal, verplicht: true}
regels:
  - id: PRF-AANTAL
    titel: Aantal
    grondslag: [{regeling: Voorbeeldregeling, artikel: "1"}]
    dan:
      dubbel: aantal * 2
    uitleg: "SJABLOON"
uitkomst:
  dubbel: dubbel
"""


@pytest.mark.parametrize(
    ("aantal", "zin"),
    [
        (1, "1 maandelijkse termijn."),
        (3, "3 maandelijkse termijnen."),
        (0, "0 maandelijkse termijnen."),
    ],
)
def test_enkelvoud_of_meervoud(aantal: int, zin: str) -> None:
    sjabloon = ontleed_uitleg("{n:maandelijkse termijn|maandelijkse termijnen}.")
    assert vul_uitleg(sjabloon, {"n": aantal}) == zin


def test_een_waarde_uit_een_tabel() -> None:
    sjabloon = ontleed_uitleg("Een jaar telt voor {telling.jaar:dag|dagen}, {telling.maand}.")
    telling = {"jaar": 360, "maand": Decimal("30")}
    assert vul_uitleg(sjabloon, {"telling": telling}) == "Een jaar telt voor 360 dagen, 30."
    assert vul_uitleg(sjabloon, {}) == "Een jaar telt voor onbekend dagen, onbekend."


def _problemen(tmp_path: Path, sjabloon: str) -> list[str]:
    map = tmp_path / "rules"
    map.mkdir()
    (map / "proef.yaml").write_text(REGELSET.replace("SJABLOON", sjabloon), encoding="utf-8")
    return [p.melding for p in controleer_map(map)[1]]


def test_regelcontrole_kent_meervoud_en_sleutels(tmp_path: Path) -> None:
    assert _problemen(tmp_path, "{aantal:keer|keren}, dubbel {dubbel:keer|keren}") == []


@pytest.mark.parametrize(
    ("sjabloon", "melding"),
    [
        ("{aantal:keer|}", "onbekende opmaak"),
        ("{aantal:a|b|c}", "onbekende opmaak"),
        ("{onbekend.jaar}", "'{onbekend}' is geen bekende waarde"),
    ],
)
def test_regelcontrole_weigert(tmp_path: Path, sjabloon: str, melding: str) -> None:
    assert any(melding in p for p in _problemen(tmp_path, sjabloon))

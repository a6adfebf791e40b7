"""A value a rule cannot compute for a case is a 422 naming the rule and the value, in
Dutch, without the rule's expression (that is internal to the rule file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from service.decisions.service import evalueer, kies_regelset
from service.engine.library import laad_bibliotheek
from service.errors import ServiceFout

REGELSET = """formaat: "1.0"
regelset: proef
versie: 0.1.0
titel: Proef
doel: Een berekening die voor sommige gevallen niet kan.
eigenaar: Team Beleid Invordering
geldigVanaf: 2026-01-01
invoer:
  bedrag: {type: bedrag, verplicht: true}
  delen: {type: geheelGetal, verplicht: true}
regels:
  - id: PRF-DEEL
    titel: Deel van het bedrag
    grondslag: [{regeling: Voorbeeldregeling, artikel: "1"}]
    dan:
      deel: bedrag / delen
    uitleg: "Een deel is {deel:bedrag}."
uitkomst:
  deel: deel
"""


def test_rekenfout_noemt_regel_en_waarde_niet_de_uitdrukking(tmp_path: Path) -> None:
    map = tmp_path / "rules"
    map.mkdir()
    (map / "proef.yaml").write_text(REGELSET, encoding="utf-8")
    peildatum = dt.date(2026, 3, 1)
    geladen = kies_regelset(laad_bibliotheek(map), "proef", peildatum)
    assert evalueer(geladen, {"bedrag": "10", "delen": 4}, peildatum).uitkomst == {"deel": "2.50"}
    with pytest.raises(ServiceFout) as fout:
        evalueer(geladen, {"bedrag": "10", "delen": 0}, peildatum)
    assert fout.value.status == 422
    assert fout.value.detail == (
        "Regel PRF-DEEL kon niet worden toegepast: 'deel' kon niet worden berekend "
        "(deling door nul of een ongeldige berekening)"
    )
    assert "bedrag / delen" not in str(fout.value.detail)

"""Every warning of a rule that applied reaches the outcome, in every rule set.

A rule over a list element attaches its warning to that element. The outcome shows it in
the element's own `waarschuwingen` when the rule set's `uitkomst` lists the element with
that field; otherwise in the case's `waarschuwingen`, with `betreft` (the element's id).
`rules check` refuses a rule set whose outcome would lose a warning.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from service.decisions.service import evalueer, kies_regelset
from service.engine.library import Regelbibliotheek, controleer_map, laad_bibliotheek
from service.engine.presentation import json_waarde
from service.errors import ServiceFout
from service.ruletests import Geval, lees_gevallen
from service.werkbank.beslissing import waarschuwingen
from tests.conftest import ROOT

GEVALLEN = lees_gevallen(ROOT / "fixtures" / "rules")

REGELSET = """formaat: "1.0"
regelset: proef
versie: 0.1.0
titel: Proef
doel: Waarschuwingen van regels over elementen van een lijst.
eigenaar: Team Beleid Invordering
geldigVanaf: 2026-01-01
invoer:
  posten:
    type: lijst
    verplicht: true
    velden:
      id: {type: tekst, verplicht: true}
      bedrag: {type: bedrag, verplicht: true}
regels:
  - id: PRF-GROOT
    titel: Grote post
    voorElke: posten
    grondslag: [{regeling: Voorbeeldregeling, artikel: "1"}]
    als: [bedrag > 100]
    waarschuwing:
      code: grotePost
      tekst: Post {id} is groter dan € 100.
    uitleg: Post {id} is groot.
  - id: PRF-AANTAL
    titel: Aantal posten
    grondslag: [{regeling: Voorbeeldregeling, artikel: "2"}]
    dan:
      aantalPosten: aantal(posten)
    waarschuwing:
      code: aantalPosten
      tekst: "Aantal posten: {aantalPosten}."
    uitleg: "{aantalPosten} posten."
uitkomst:
  aantal: aantalPosten
"""


def _waarschuwingen_in(uitkomst: Any) -> list[tuple[str | None, str, str]]:
    """(element id or betreft, code, tekst) of every warning anywhere in an outcome."""
    gevonden: list[tuple[str | None, str, str]] = []

    def zoek(waarde: Any, id_: str | None) -> None:
        if isinstance(waarde, dict):
            eigen = waarde.get("id", id_)
            for sleutel, deel in waarde.items():
                if sleutel == "waarschuwingen" and isinstance(deel, list):
                    gevonden.extend((w.get("betreft", eigen), w["code"], w["tekst"]) for w in deel)
                else:
                    zoek(deel, eigen)
        elif isinstance(waarde, list):
            for deel in waarde:
                zoek(deel, id_)

    zoek(uitkomst, None)
    return gevonden


@pytest.mark.parametrize("geval", GEVALLEN, ids=[f"{g.bestand}: {g.naam}" for g in GEVALLEN])
def test_elke_waarschuwing_van_een_toegepaste_regel_staat_in_de_uitkomst(
    bibliotheek: Regelbibliotheek, geval: Geval
) -> None:
    try:
        geladen = kies_regelset(bibliotheek, geval.regelset, geval.peildatum)
        evaluatie = evalueer(geladen, json_waarde(geval.gegevens), geval.peildatum)
    except ServiceFout:
        return  # a case that expects a problem has no outcome
    getoond = _waarschuwingen_in(evaluatie.uitkomst)
    gegeven = [
        (r.get("betreft"), w["code"], w["tekst"])
        for r in evaluatie.redenen
        for w in r.get("waarschuwingen", [])
    ]
    assert sorted(getoond, key=str) == sorted(gegeven, key=str)


def _proefmap(tmp_path: Path, uitkomst: str) -> Path:
    map = tmp_path / "rules"
    map.mkdir()
    (map / "proef.yaml").write_text(
        REGELSET.replace("uitkomst:\n  aantal: aantalPosten\n", uitkomst), encoding="utf-8"
    )
    return map


def test_waarschuwing_van_een_element_gaat_naar_de_zaak(tmp_path: Path) -> None:
    """No list in the outcome: the element's warning comes in the case's list, with betreft."""
    map = _proefmap(
        tmp_path, "uitkomst:\n  aantal: aantalPosten\n  waarschuwingen: waarschuwingen\n"
    )
    peildatum = dt.date(2026, 3, 1)
    gegevens = {"posten": [{"id": "P1", "bedrag": "50"}, {"id": "P2", "bedrag": "150"}]}
    uit = evalueer(kies_regelset(laad_bibliotheek(map), "proef", peildatum), gegevens, peildatum)
    assert uit.uitkomst == {
        "aantal": 2,
        "waarschuwingen": [
            {"code": "grotePost", "tekst": "Post P2 is groter dan € 100.", "betreft": "P2"},
            {"code": "aantalPosten", "tekst": "Aantal posten: 2."},
        ],
    }


def test_waarschuwing_van_een_getoond_element_blijft_bij_het_element(tmp_path: Path) -> None:
    map = _proefmap(
        tmp_path,
        "uitkomst:\n  waarschuwingen: waarschuwingen\n  posten:\n    voorElke: posten\n"
        "    velden:\n      id: id\n      waarschuwingen: waarschuwingen\n",
    )
    peildatum = dt.date(2026, 3, 1)
    gegevens = {"posten": [{"id": "P1", "bedrag": "150"}]}
    uit = evalueer(kies_regelset(laad_bibliotheek(map), "proef", peildatum), gegevens, peildatum)
    assert uit.uitkomst == {
        "waarschuwingen": [{"code": "aantalPosten", "tekst": "Aantal posten: 1."}],
        "posten": [
            {
                "id": "P1",
                "waarschuwingen": [{"code": "grotePost", "tekst": "Post P1 is groter dan € 100."}],
            }
        ],
    }


def test_regelcontrole_weigert_een_uitkomst_die_waarschuwingen_verliest(tmp_path: Path) -> None:
    _, problemen = controleer_map(_proefmap(tmp_path, "uitkomst:\n  aantal: aantalPosten\n"))
    assert [p.melding for p in problemen] == [
        "de waarschuwingen van PRF-GROOT, PRF-AANTAL komen niet in de uitkomst — "
        "voeg 'waarschuwingen: waarschuwingen' toe aan de uitkomst"
    ]


def test_regelcontrole_ziet_ook_de_waarschuwing_van_een_functie(tmp_path: Path) -> None:
    """A rule calling atw can warn (an unconfirmed KB day) without a `waarschuwing` of its own."""
    _, problemen = controleer_map(
        _proefmap(
            tmp_path,
            "uitkomst:\n  waarschuwingen: waarschuwingen\n  posten:\n    voorElke: posten\n"
            "    velden:\n      id: id\n",
        )
    )
    assert problemen == []
    regels = ROOT / "rules"
    tekst = (regels / "afschrijving.yaml").read_text(encoding="utf-8")
    kopie = tmp_path / "kopie"
    shutil.copytree(regels, kopie)
    (kopie / "afschrijving.yaml").write_text(
        tekst.replace("  waarschuwingen: waarschuwingen\n", "", 1), encoding="utf-8"
    )
    _, problemen = controleer_map(kopie)
    assert [(p.bestand, p.melding) for p in problemen] == [
        (
            "afschrijving.yaml",
            "de waarschuwingen van TRM-BETALINGSTERMIJN-BESCHIKKING, TRM-BETALINGSTERMIJN-AWB "
            "komen niet in de uitkomst — voeg 'waarschuwingen: waarschuwingen' toe aan de "
            "uitkomst",
        )
    ]


def test_werkbank_noemt_de_vordering_van_een_zaakwaarschuwing() -> None:
    """The werkbank lists a warning with `betreft` under that claim, like an element's own."""
    uitkomst = {
        "waarschuwingen": [
            {"code": "a", "tekst": "A", "betreft": "B1"},
            {"code": "z", "tekst": "Z"},
        ],
        "vorderingen": [{"id": "V1", "waarschuwingen": [{"code": "v", "tekst": "V"}]}],
    }
    assert [(id_, w["code"]) for id_, w in waarschuwingen(uitkomst)] == [
        ("B1", "a"),
        (None, "z"),
        ("V1", "v"),
    ]

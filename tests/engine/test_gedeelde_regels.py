"""No duplicated law: the verjaring is one set of rules that every rule set imports."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from service.decisions.service import evalueer
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from tests.conftest import RULES

PEIL = dt.date(2026, 3, 1)
VORDERING = {
    "id": "V1",
    "bedrag": "2000.00",
    "verzenddatumBeschikking": "2020-01-06",
}  # term ends 2020-02-17


def uitkomsten(bibliotheek: Regelbibliotheek) -> tuple[Any, Any, Any]:
    def beslis(soort: str, gegevens: dict[str, Any]) -> Any:
        return evalueer(bibliotheek.voor(soort, PEIL), gegevens, PEIL).uitkomst

    return (
        beslis("termijnen", {"vorderingen": [VORDERING]})["vorderingen"][0],
        beslis("afschrijving", {"vorderingen": [VORDERING]}),
        beslis("gerechtelijke-invordering", {"vorderingen": [VORDERING]}),
    )


def test_een_verjaring_voor_alle_regelsets(bibliotheek: Regelbibliotheek, tmp_path: Path) -> None:
    """Changing the verjaring rule in gedeeld/verjaring.yaml changes every decision kind."""
    termijnen, afschrijving, gerechtelijk = uitkomsten(bibliotheek)
    assert (termijnen["verjaringstermijnEinde"], termijnen["verjaard"]) == ("2025-02-17", True)
    assert (afschrijving["besluit"], afschrijving["grond"], afschrijving["definitief"]) == (
        "buitenInvorderingStellen",
        "verjaring",
        True,
    )
    assert gerechtelijk["actie"] == "buitenInvorderingStellen"

    regels = tmp_path / "rules"
    shutil.copytree(RULES, regels)
    pad = regels / "gedeeld" / "verjaring.yaml"
    tekst = pad.read_text(encoding="utf-8")
    oud = "verjaringBasisEinde: betalingstermijnEinde + jaren(verjaringstermijnJaren)"
    assert tekst.count(oud) == 1
    pad.write_text(
        tekst.replace(
            oud, oud.replace("jaren(verjaringstermijnJaren)", "jaren(verjaringstermijnJaren + 2)")
        ),
        encoding="utf-8",
    )
    for map in (regels, RULES):  # the edited copy, and proof that only the copy changed
        assert [
            p
            for p in (map / "termijnen.yaml", map / "afschrijving.yaml")
            if "jaren(" in p.read_text()
        ] == []

    termijnen, afschrijving, gerechtelijk = uitkomsten(laad_bibliotheek(regels))
    assert (termijnen["verjaringstermijnEinde"], termijnen["verjaard"]) == ("2027-02-17", False)
    assert afschrijving["besluit"] == "nietAfschrijven"
    assert gerechtelijk["actie"] == "aanmaning"


def test_een_regelset_geeft_de_module_alleen_handelingen_tot_de_berekeningsdag(
    bibliotheek: Regelbibliotheek,
) -> None:
    """verschuldigd-bedrag hands gedeeld/aanmaning only the aanmaningen up to its calculation
    day (a derived list under the input's name); termijnen reads every one, as before."""
    peil = dt.date(2025, 11, 9)
    vordering = {
        "id": "F2",
        "dagtekening": "2025-09-19",
        "regime": "invorderingswet",
        "aanmaningen": [{"verzenddatum": "2025-11-10"}],
    }
    termijnen = evalueer(
        bibliotheek.voor("termijnen", peil),
        {"vorderingen": [{**vordering, "bedrag": "2700.00"}]},
        peil,
    ).uitkomst["vorderingen"][0]
    assert termijnen["aanmaningstermijnEinde"] == "2025-11-24"

    geladen = bibliotheek.voor("verschuldigd-bedrag", peil)
    bedrag = evalueer(geladen, {"vorderingen": [{**vordering, "hoofdsom": "2700.00"}]}, peil)
    uitkomst = bedrag.uitkomst["vorderingen"][0]
    assert (uitkomst["aanmaningstermijnEinde"], uitkomst["aanmaningskosten"]) == (None, "0.00")
    assert [w["code"] for w in uitkomst["waarschuwingen"]] == ["handelingNaBerekeningsdag"]
    # The rule set renames the module's list (intern) and keeps the module's element fields.
    aanmaningen = (geladen.regelset.invoer["vorderingen"].velden or {})["aanmaningen"]
    assert aanmaningen.intern == "opgegevenAanmaningen"
    assert list(aanmaningen.velden or {}) == ["verzenddatum", "dagtekening"]

"""A stored decision recomputed from its stored input and rule-set hash gives the same outcome."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.decisions.replay import archiveer, regelset_voor
from service.decisions.service import herbereken
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.storage import repository
from tests.conftest import RULES, auth

VERZOEK = {
    "soort": "termijnen",
    "peildatum": "2027-03-05",
    "gegevens": {
        "vorderingen": [
            {
                "id": "V1",
                "bedrag": 1482.38,
                "verzenddatumBeschikking": "2026-01-05",
                "aanmaningen": [{"verzenddatum": "2027-03-01"}],
            },
            {
                "id": "V2",
                "bedrag": "20",
                "regime": "invorderingswet",
                "dagtekening": "2026-02-20",
                "uitstelVanBetaling": [{"van": "2026-05-01", "tot": "2026-06-30"}],
            },
        ]
    },
}


def test_zelfde_uitkomst_na_teruglezen(
    client: TestClient, db_engine: Engine, bibliotheek: Regelbibliotheek
) -> None:
    beslissing_id = client.post(
        "/v1/beslissingen", json=VERZOEK, headers=auth("medewerker")
    ).json()["id"]
    with Session(db_engine) as sessie:
        opgeslagen = repository.haal(sessie, beslissing_id)
        assert opgeslagen is not None
        geladen = regelset_voor(bibliotheek, sessie, opgeslagen.soort, opgeslagen.regelset_hash)
    assert geladen is not None
    opnieuw = herbereken(geladen, opgeslagen)
    assert opnieuw.uitkomst == opgeslagen.uitkomst
    assert opnieuw.redenen == opgeslagen.redenen


def test_oude_beslissing_na_regelwijziging(
    client: TestClient, db_engine: Engine, tmp_path: Path
) -> None:
    """After the files change, the archived files behind the old hash still reproduce it."""
    beslissing_id = client.post(
        "/v1/beslissingen", json=VERZOEK, headers=auth("medewerker")
    ).json()["id"]
    regels = tmp_path / "rules"
    shutil.copytree(RULES, regels)
    pad = regels / "parameters" / "termijnen.yaml"
    pad.write_text(
        pad.read_text(encoding="utf-8").replace("        waarde: 6\n", "        waarde: 7\n"),
        encoding="utf-8",
    )
    nieuwe_bibliotheek = laad_bibliotheek(regels)
    with Session(db_engine) as sessie:
        archiveer(sessie, nieuwe_bibliotheek)
        opgeslagen = repository.haal(sessie, beslissing_id)
        assert opgeslagen is not None
        assert nieuwe_bibliotheek.op_hash("termijnen", opgeslagen.regelset_hash) is None
        oud = regelset_voor(nieuwe_bibliotheek, sessie, "termijnen", opgeslagen.regelset_hash)
        nieuw = nieuwe_bibliotheek.voor("termijnen", opgeslagen.peildatum)
    assert oud is not None
    assert oud.regelset.hash == opgeslagen.regelset_hash
    assert herbereken(oud, opgeslagen).uitkomst == opgeslagen.uitkomst
    assert herbereken(nieuw, opgeslagen).uitkomst != opgeslagen.uitkomst

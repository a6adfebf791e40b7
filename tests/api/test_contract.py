"""The typed contract: per-soort schemas from the rule sets, used by a generated client."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.api.contract import contract, pascal
from service.cli import OPENAPI_BESTAND
from service.decisions.service import evalueer, kies_regelset
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.engine.presentation import json_waarde
from service.errors import ServiceFout
from service.ruletests import lees_gevallen
from service.settings import Instellingen
from tests.conftest import ROOT, RULES, auth

GEVALLEN = lees_gevallen(ROOT / "fixtures" / "rules")
FORMATEN = jsonschema.FormatChecker()


class TestSchemasUitRegels:
    def test_elke_uitkomst_van_elk_testgeval_past_in_zijn_schema(
        self, bibliotheek: Regelbibliotheek
    ) -> None:
        """Every outcome of every rule test case fits its published schema, and its input
        fits the input schema (the schema is never stricter than the rules)."""
        schemas = contract(bibliotheek)
        gecontroleerd = 0
        for geval in GEVALLEN:
            invoer, uitkomst = schemas[geval.regelset]
            try:
                evaluatie = evalueer(
                    kies_regelset(bibliotheek, geval.regelset, geval.peildatum),
                    geval.gegevens,
                    geval.peildatum,
                )
            except ServiceFout:
                continue
            jsonschema.validate(json_waarde(geval.gegevens), invoer, format_checker=FORMATEN)
            jsonschema.validate(evaluatie.uitkomst, uitkomst, format_checker=FORMATEN)
            gecontroleerd += 1
        assert gecontroleerd >= 100
        assert {g.regelset for g in GEVALLEN} == set(schemas)

    def test_schema_weigert_wat_de_regels_weigeren(self, bibliotheek: Regelbibliotheek) -> None:
        invoer, _ = contract(bibliotheek)["termijnen"]
        fout = {"vorderingen": [{"id": "V1", "bedrag": "12,50", "onbekend": 1}]}
        meldingen = {e.message for e in jsonschema.Draft202012Validator(invoer).iter_errors(fout)}
        assert any("onbekend" in m for m in meldingen)
        vordering = invoer["properties"]["vorderingen"]["items"]
        assert vordering["properties"]["verzenddatumBeschikking"]["format"] == "date"
        assert "invorderingswet" in vordering["properties"]["regime"]["enum"]

    def test_bedragen_als_tekst_met_twee_decimalen(self, bibliotheek: Regelbibliotheek) -> None:
        _, uitkomst = contract(bibliotheek)["beslagvrije-voet"]
        bvv = uitkomst["properties"]["beslagvrijeVoet"]
        assert bvv["type"] == ["string", "null"]
        assert bvv["pattern"] == r"^-?[0-9]+\.[0-9]{2}$"
        _, termijnen = contract(bibliotheek)["termijnen"]
        element = termijnen["properties"]["vorderingen"]["items"]["properties"]
        assert element["waarschuwingen"]["items"]["required"] == ["code", "tekst"]
        assert element["bezwaartermijnEinde"]["format"] == "date"


@pytest.fixture
def nieuwe_soort(tmp_path: Path) -> Path:
    """A rules directory with an extra soort nobody wrote code for (a copy under a new name)."""
    map = tmp_path / "rules"
    shutil.copytree(RULES, map)
    tekst = (map / "betalingsregeling.yaml").read_text(encoding="utf-8")
    (map / "proef-regeling.yaml").write_text(
        tekst.replace("regelset: betalingsregeling", "regelset: proef-regeling"),
        encoding="utf-8",
    )
    return map


def test_bedrag_uit_een_geheel_getal_blijft_tekst(client: TestClient) -> None:
    """Found by the typed schema: an amount a rule made from an integer (max(0, …)) was `0`."""
    gegevens = {
        "belastbaarJaarinkomen": 2.0,
        "inkomsten": [],
        "adresInNederland": False,
        "bijstand": True,
        "bijstandsnormPerMaand": 2.0,
        "leefsituatie": "alleenstaande",
        "vorderingen": [],
        "woonkostenPerMaand": 2.0,
    }
    r = client.post(
        "/v1/beslissingen",
        json={"soort": "beslagvrije-voet", "peildatum": "2026-11-29", "gegevens": gegevens},
        headers=auth("medewerker"),
    )
    assert r.status_code == 201, r.text
    assert r.json()["uitkomst"]["afloscapaciteit"] == "0.00"


class TestNieuweSoort:
    def test_krijgt_schemas_zonder_code(self, nieuwe_soort: Path, db_engine: Engine) -> None:
        bibliotheek = laad_bibliotheek(nieuwe_soort)
        app = maak_app(Instellingen(), bibliotheek=bibliotheek, engine=db_engine)
        client = TestClient(app)
        document = client.get("/v1/openapi.json").json()
        schemas = document["components"]["schemas"]
        assert "ProefRegelingGegevens" in schemas and "ProefRegelingUitkomst" in schemas
        mapping = schemas["BeslissingVerzoek"]["discriminator"]["mapping"]
        assert mapping["proef-regeling"] == "#/components/schemas/ProefRegelingBeslissingVerzoek"
        r = client.get("/v1/regelsets/proef-regeling", headers=auth("beleid"))
        assert r.status_code == 200
        assert (
            r.json()["invoerSchema"]["properties"] == schemas["ProefRegelingGegevens"]["properties"]
        )


class TestRegelsetEndpoint:
    def test_invoerschema_per_soort(self, client: TestClient) -> None:
        for soort in ("termijnen", "beslagvrije-voet", "afschrijving"):
            r = client.get(f"/v1/regelsets/{soort}", headers=auth("systeem"))
            assert r.status_code == 200, soort
            body = r.json()
            assert body["naam"] == soort
            jsonschema.Draft202012Validator.check_schema(body["invoerSchema"])
            jsonschema.Draft202012Validator.check_schema(body["uitkomstSchema"])
            assert body["invoerSchema"]["$schema"].endswith("2020-12/schema")

    def test_onbekend_en_buiten_geldigheid(self, client: TestClient) -> None:
        assert client.get("/v1/regelsets/bestaat-niet", headers=auth("beleid")).status_code == 404
        r = client.get("/v1/regelsets/termijnen?peildatum=1990-01-01", headers=auth("beleid"))
        assert r.status_code == 404
        assert client.get("/v1/regelsets/termijnen").status_code == 401

    def test_lege_lijst_is_geen_serverfout(self, client: TestClient) -> None:
        """Found by the typed schema: an empty claim list was a 500 (afschrijving)
        or error 309 (termijnen). A case without claims is bad input: 400 naming the field."""
        for soort in ("afschrijving", "termijnen"):
            r = client.post(
                "/v1/beslissingen",
                json={
                    "soort": soort,
                    "peildatum": "2026-03-01",
                    "gegevens": {"vorderingen": []},
                },
                headers=auth("medewerker"),
            )
            assert r.status_code == 400, (soort, r.text)
            assert r.headers["content-type"].startswith("application/problem+json")
            velden = {p["name"]: p["reason"] for p in r.json()["invalidParams"]}
            assert "gegevens.vorderingen" in velden, velden
            assert "minstens één" in velden["gegevens.vorderingen"], velden


# --------------------------------------------------------------------- generated client


@pytest.fixture(scope="module")
def gegenereerd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """A client generated by openapi-python-client from the committed document."""
    map = tmp_path_factory.mktemp("client")
    config = map / "config.yaml"
    config.write_text(
        "post_hooks: []\npackage_name_override: invordering_client\n", encoding="utf-8"
    )
    generator = Path(sys.executable).parent / "openapi-python-client"
    uit = subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(ROOT / OPENAPI_BESTAND),
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            str(map / "invordering_client"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "Warning" not in uit.stdout, uit.stdout
    sys.path.insert(0, str(map))
    try:
        yield importlib.import_module("invordering_client")
    finally:
        sys.path.remove(str(map))
        for naam in [m for m in sys.modules if m.startswith("invordering_client")]:
            del sys.modules[naam]


class TestGegenereerdeClient:
    def test_gegevens_getypeerd_voor_elke_soort(
        self, gegenereerd: ModuleType, bibliotheek: Regelbibliotheek
    ) -> None:
        """Every soort has its own request class whose `gegevens` is a generated model."""
        modellen = importlib.import_module("invordering_client.models")
        for soort in bibliotheek.soorten:
            verzoek = getattr(modellen, f"{pascal(soort)}BeslissingVerzoek")
            gegevens = getattr(modellen, f"{pascal(soort)}Gegevens")
            annotatie = inspect.get_annotations(verzoek)["gegevens"]
            assert annotatie in (gegevens.__name__, gegevens), (soort, annotatie)
            assert inspect.get_annotations(gegevens), soort  # typed fields, not a dict
            uitkomst = getattr(modellen, f"{pascal(soort)}Uitkomst")
            beslissing = getattr(modellen, f"{pascal(soort)}Beslissing")
            assert inspect.get_annotations(beslissing)["uitkomst"] in (uitkomst.__name__, uitkomst)

    def test_getypeerde_aanroep(self, gegenereerd: ModuleType, client: TestClient) -> None:
        modellen = importlib.import_module("invordering_client.models")
        neem = importlib.import_module("invordering_client.api.beslissingen.neem_beslissing")
        haal = importlib.import_module("invordering_client.api.beslissingen.haal_beslissing")
        vordering = modellen.TermijnenGegevensVorderingenItem(
            id="V1", bedrag="500.00", verzenddatum_beschikking=dt.date(2026, 2, 20)
        )
        verzoek = modellen.TermijnenBeslissingVerzoek(
            soort=modellen.TermijnenBeslissingVerzoekSoort.TERMIJNEN,
            gegevens=modellen.TermijnenGegevens(vorderingen=[vordering]),
            peildatum=dt.date(2026, 3, 1),
        )
        api = gegenereerd.AuthenticatedClient(
            base_url="http://testserver/v1", token="demo-medewerker"
        )
        client.base_url = client.base_url.copy_with(path="/v1/")
        api.set_httpx_client(client)
        client.headers["Authorization"] = "Bearer demo-medewerker"
        antwoord = neem.sync_detailed(client=api, body=verzoek)
        assert antwoord.status_code == 201
        beslissing: Any = antwoord.parsed
        assert isinstance(beslissing, modellen.TermijnenBeslissing)
        eerste = beslissing.uitkomst.vorderingen[0]
        assert isinstance(eerste.bezwaartermijn_einde, dt.date)
        ruw = client.get(f"/beslissingen/{beslissing.id}").json()  # base_url is now /v1/
        ruw_eerste = ruw["uitkomst"]["vorderingen"][0]
        assert eerste.betalingstermijn_einde.isoformat() == ruw_eerste["betalingstermijnEinde"]
        assert isinstance(eerste.waarschuwingen, list)
        weer = haal.sync(client=api, beslissing_id=beslissing.id)
        assert isinstance(weer, modellen.TermijnenBeslissing)
        assert weer.uitkomst.to_dict() == beslissing.uitkomst.to_dict()
        fout = neem.sync_detailed(
            client=api,
            body=modellen.TermijnenBeslissingVerzoek(
                soort=modellen.TermijnenBeslissingVerzoekSoort.TERMIJNEN,
                gegevens=modellen.TermijnenGegevens(vorderingen=[]),
                peildatum=dt.date(1990, 1, 1),
            ),
        )
        assert fout.status_code == 422
        assert isinstance(fout.parsed, modellen.Probleem)

"""Logboek Dataverwerkingen: one record in the standard's shape per processing of personal data."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.logboek.register import laad_verwerkingsregister
from service.rulefiles.functions import ALGEMEEN
from service.settings import ONTWIKKELSLEUTEL, Instellingen
from tests.conftest import ROOT, RULES, auth
from tests.referentie import referentie

BSN = "111222333"  # passes the 11-test; a test number, not a person
TRACE, SPAN = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE}-{SPAN}-01"
REGISTER = laad_verwerkingsregister(ROOT / "fixtures" / "verwerkingsregister.yaml")
PSEUDONIEM = hmac.new(ONTWIKKELSLEUTEL.encode(), BSN.encode(), hashlib.sha256).hexdigest()


def termijnen(bedrag: str = "100.00", **extra: Any) -> dict[str, Any]:
    return {
        "soort": "termijnen",
        "peildatum": "2026-03-01",
        "gegevens": {
            "vorderingen": [{"id": "V1", "bedrag": bedrag, "verzenddatumBeschikking": "2026-01-05"}]
        },
        **extra,
    }


Lezer = Callable[[], list[dict[str, Any]]]


@pytest.fixture
def logboek(
    bibliotheek: Regelbibliotheek, db_engine: Engine, tmp_path: Path
) -> tuple[TestClient, Lezer]:
    """A client whose Logboek goes to its own file, and a reader of the records so far."""
    bestand = tmp_path / "logboek.jsonl"
    app = maak_app(Instellingen(logboek_bestand=bestand), bibliotheek=bibliotheek, engine=db_engine)

    def lees() -> list[dict[str, Any]]:
        assert app.state.omgeving.logboek.forceer()
        if not bestand.exists():
            return []
        return [json.loads(regel) for regel in bestand.read_text(encoding="utf-8").splitlines()]

    return TestClient(app, raise_server_exceptions=False), lees


def controleer_vorm(record: dict[str, Any]) -> None:
    """The record has the standard's fields and its attributes fit the standard's schema."""
    assert set(record) >= {"trace_id", "span_id", "status", "name", "start_time", "end_time"}
    assert set(record) <= {*record, "parent_span_id", "resource", "attributes"}
    assert len(record["trace_id"]) == 32 and int(record["trace_id"], 16) > 0
    assert len(record["span_id"]) == 16 and int(record["span_id"], 16) > 0
    assert record["status"] in ("Unset", "Ok", "Error")
    assert record["name"].strip()
    assert 0 < record["start_time"] <= record["end_time"] < 10**13  # milliseconds
    attributen = record["attributes"]
    schema = json.loads(referentie("logboek-dataverwerkingen-attributes.schema.json").read_text())
    jsonschema.validate(attributen, schema, format_checker=jsonschema.FormatChecker())
    assert attributen["dpl.core.processing_activity_id"] in {
        str(a.id) for a in REGISTER.activiteiten
    }
    if "dpl.core.data_subject_id" in attributen:
        assert attributen["dpl.core.data_subject_id_type"] == "BSN"
    # The same record as the LDV read API ("extensie lezen") returns it validates there too.
    openapi = json.loads(
        referentie("logboek-dataverwerkingen-lezen-openapi.081300b.json").read_text()
    )
    activiteit = dict(openapi["components"]["schemas"]["ProcessingActivity"])
    activiteit["properties"] = {
        **activiteit["properties"],
        "traceId": {"type": "string", "format": "uuid"},
        "startTime": {"type": "integer"},
        "endTime": {"type": "integer"},
        "attributes": schema,
    }
    lezen = {
        "traceId": str(uuid.UUID(record["trace_id"])),
        "spanId": record["span_id"],
        "status": record["status"],
        "name": record["name"],
        "startTime": record["start_time"],
        "endTime": record["end_time"],
        "resource": record["resource"],
        "attributes": attributen,
        **({"parentSpanId": record["parent_span_id"]} if "parent_span_id" in record else {}),
    }
    jsonschema.validate(lezen, activiteit, format_checker=jsonschema.FormatChecker())


class TestAanmaken:
    def test_een_record_met_pseudoniem_en_vreemde_operatie(
        self, logboek: tuple[TestClient, Lezer], capsys: pytest.CaptureFixture[str]
    ) -> None:
        client, lees = logboek
        r = client.post(
            "/v1/beslissingen",
            json={**termijnen(bsn=BSN), "behandelaar": "m.devries"},
            headers={**auth("systeem"), "traceparent": TRACEPARENT},
        )
        assert r.status_code == 201
        (record,) = lees()
        controleer_vorm(record)
        a = record["attributes"]
        assert record["name"] == "Beslissing nemen"
        assert record["status"] == "Ok"
        assert a["dpl.core.data_subject_id"] == PSEUDONIEM
        assert a["dpl.core.processing_activity_id"] == REGISTER.activiteit("termijnen")
        assert a["invordering.beslissing.id"] == r.json()["id"]
        # The caller's span is the foreign operation, not our parent; the trace is shared.
        assert record["trace_id"] == TRACE
        assert "parent_span_id" not in record
        assert a["dpl.core.foreign_operation.span_id"] == SPAN
        assert (
            a["dpl.core.foreign_operation.processor"] == "https://zaaksysteem.invordering.example"
        )
        assert record["resource"]["attributes"]["service.name"] == "beslisservice-invordering"
        assert BSN not in json.dumps(record) and BSN not in capsys.readouterr().err

    def test_zonder_bsn_en_zonder_traceparent(self, logboek: tuple[TestClient, Lezer]) -> None:
        client, lees = logboek
        assert (
            client.post(
                "/v1/beslissingen", json=termijnen(), headers=auth("medewerker")
            ).status_code
            == 201
        )
        (record,) = lees()
        controleer_vorm(record)
        assert "dpl.core.data_subject_id" not in record["attributes"]
        assert not any(k.startswith("dpl.core.foreign") for k in record["attributes"])


class TestLezenLijstBeoordelen:
    def test_lezen_lijst_en_beoordeling(self, logboek: tuple[TestClient, Lezer]) -> None:
        client, lees = logboek
        ids = [
            client.post(
                "/v1/beslissingen", json=termijnen("20000.00", bsn=BSN), headers=auth("medewerker")
            ).json()["id"]
            for _ in range(3)
        ]
        aanmaken = lees()
        assert len(aanmaken) == 3

        client.get(f"/v1/beslissingen/{ids[0]}", headers=auth("medewerker"))
        (lezen,) = lees()[3:]
        assert (lezen["name"], lezen["status"]) == ("Beslissing lezen", "Ok")
        assert lezen["attributes"]["dpl.core.data_subject_id"] == PSEUDONIEM

        client.get("/v1/beslissingen", headers=auth("medewerker"))
        lijst = lees()[4:]
        assert len(lijst) == 4  # the list, and one child per data subject
        (ouder,) = [r for r in lijst if "parent_span_id" not in r]
        kinderen = [r for r in lijst if "parent_span_id" in r]
        assert ouder["name"] == "Beslissingen zoeken"
        assert {k["parent_span_id"] for k in kinderen} == {ouder["span_id"]}
        assert {k["trace_id"] for k in kinderen} == {ouder["trace_id"]}
        assert sorted(k["attributes"]["invordering.beslissing.id"] for k in kinderen) == sorted(ids)

        r = client.post(
            f"/v1/beslissingen/{ids[0]}/beoordelingen",
            json={"oordeel": "akkoord"},
            headers=auth("teamleider"),
        )
        assert r.status_code == 201
        (beoordelen,) = lees()[8:]
        assert beoordelen["name"] == "Beslissing beoordelen"
        assert beoordelen["attributes"]["dpl.core.data_subject_id"] == PSEUDONIEM

        for pad in ("audittrail", "beoordelingen"):
            client.get(f"/v1/beslissingen/{ids[0]}/{pad}", headers=auth("teamleider"))
        leesacties = lees()[9:]
        assert [r["name"] for r in leesacties] == ["Audittrail lezen", "Beoordelingen lezen"]
        for record in lees():
            controleer_vorm(record)


class TestFouten:
    def test_ongeldige_invoer_geweigerd_en_intern(
        self,
        logboek: tuple[TestClient, Lezer],
        monkeypatch: pytest.MonkeyPatch,
        db_engine: Engine,
        tmp_path: Path,
    ) -> None:
        """A refusal (400, 403) is one record with status Unset; a fault in the code, Error."""
        client, lees = logboek
        fout = termijnen(bsn=BSN)
        fout["gegevens"]["vorderingen"][0]["bedrag"] = "12,50"
        assert (
            client.post("/v1/beslissingen", json=fout, headers=auth("medewerker")).status_code
            == 400
        )
        (ongeldig,) = lees()
        controleer_vorm(ongeldig)
        assert (ongeldig["status"], ongeldig["attributes"]["invordering.resultaat"]) == (
            "Unset",
            400,
        )
        assert ongeldig["attributes"]["dpl.core.data_subject_id"] == PSEUDONIEM

        bid = client.post(
            "/v1/beslissingen", json=termijnen(bsn=BSN), headers=auth("medewerker")
        ).json()["id"]
        assert client.get(f"/v1/beslissingen/{bid}", headers=auth("systeem")).status_code == 403
        geweigerd = lees()[-1]
        assert (geweigerd["name"], geweigerd["status"]) == ("Beslissing lezen", "Unset")
        assert geweigerd["attributes"]["invordering.resultaat"] == 403
        assert geweigerd["attributes"]["dpl.core.data_subject_id"] == PSEUDONIEM

        def kapot(_waarden: Any) -> Any:
            raise RuntimeError("programmeerfout")

        monkeypatch.setitem(ALGEMEEN, "laatste", kapot)
        bestand = tmp_path / "kapot.jsonl"
        app = maak_app(
            Instellingen(logboek_bestand=bestand),
            bibliotheek=laad_bibliotheek(RULES),
            engine=db_engine,
        )
        kapotte = TestClient(app, raise_server_exceptions=False)
        geval = termijnen(bsn=BSN)
        # after verzuim (2026-02-17), so the rules read it with `laatste`
        geval["gegevens"]["vorderingen"][0]["aanmaningen"] = [{"verzenddatum": "2026-02-18"}]
        assert (
            kapotte.post("/v1/beslissingen", json=geval, headers=auth("medewerker")).status_code
            == 500
        )
        app.state.omgeving.logboek.forceer()
        (intern,) = [json.loads(r) for r in bestand.read_text().splitlines()]
        controleer_vorm(intern)
        assert intern["status"] == "Error"
        assert intern["attributes"]["exception.type"] == "InterneRegelfout"
        assert "programmeerfout" not in bestand.read_text()

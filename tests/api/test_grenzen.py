"""Limits and strict JSON: refused with problem+json before anything is evaluated or stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from service.api.verzoeken import OngeldigeJson, TeVeelElementen, lees_strikt
from service.settings import Instellingen
from tests.conftest import aantal_beslissingen, auth

JSON = {"Content-Type": "application/json", **auth("medewerker")}


def vordering(i: int, aanmaningen: int = 0) -> dict[str, Any]:
    return {
        "id": f"V{i}",
        "bedrag": "500.00",
        "verzenddatumBeschikking": "2026-01-05",
        "aanmaningen": [{"verzenddatum": "2026-02-20"}] * aanmaningen,
    }


def verzoek(*vorderingen: dict[str, Any]) -> dict[str, Any]:
    return {
        "soort": "termijnen",
        "peildatum": "2026-03-01",
        "gegevens": {"vorderingen": list(vorderingen)},
    }


def probleem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["api-version"]  # the fixed headers are on refusals too
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    return body


class TestVerzoekGrootte:
    def test_te_groot_volgens_content_length(self, client: TestClient, db_engine: Engine) -> None:
        """A body over the default 2 MiB gets 413; nothing is stored."""
        body = json.dumps(verzoek(vordering(1))).encode()
        body = body[:-1] + b', "opvulling": "' + b"x" * (2 * 1024 * 1024) + b'"}'
        r = client.post("/v1/beslissingen", content=body, headers=JSON)
        assert "2097152 bytes" in probleem(r, 413)["detail"]
        assert aantal_beslissingen(db_engine) == 0

    def test_te_groot_in_stukken(self, maak_client: Any, db_engine: Engine) -> None:
        """A streamed body (no Content-Length) over the limit gets 413 too (that it is cut off
        early is shown against a real server in tests/test_dienstproces_http.py)."""
        client = maak_client(max_verzoek_bytes=4096)

        def stukken() -> Iterator[bytes]:
            for _ in range(100):
                yield b" " * 1024

        r = client.post("/v1/beslissingen", content=stukken(), headers=JSON)
        assert probleem(r, 413)["limiet"] == 4096
        assert aantal_beslissingen(db_engine) == 0

    def test_binnen_de_grens(self, maak_client: Any) -> None:
        client = maak_client(max_verzoek_bytes=4096)
        r = client.post("/v1/beslissingen", json=verzoek(vordering(1)), headers=auth("medewerker"))
        assert r.status_code == 201, r.text


class TestLijstelementen:
    def test_totaal_over_alle_lijsten(self, client: TestClient, db_engine: Engine) -> None:
        """Eleven lists of at most 500 elements (each within its own limit): 5,011 in total."""
        vorderingen = [vordering(i, aanmaningen=500) for i in range(10)]
        r = client.post("/v1/beslissingen", json=verzoek(*vorderingen), headers=auth("medewerker"))
        body = probleem(r, 413)
        assert body["limiet"] == 5000
        assert "5000 lijstelementen" in body["detail"]
        assert aantal_beslissingen(db_engine) == 0

    def test_grens_als_instelling(self, maak_client: Any, db_engine: Engine) -> None:
        """Exactly at the limit is allowed; one more is refused."""
        client = maak_client(max_lijstelementen=3)
        drie = verzoek(vordering(1, aanmaningen=2))  # 1 vordering + 2 aanmaningen
        vier = verzoek(vordering(1, aanmaningen=3))
        assert (
            client.post("/v1/beslissingen", json=drie, headers=auth("medewerker")).status_code
            == 201
        )
        r = client.post("/v1/beslissingen", json=vier, headers=auth("medewerker"))
        assert "meer dan 3 lijstelementen" in probleem(r, 413)["detail"]
        assert aantal_beslissingen(db_engine) == 1


class TestStrikteJson:
    def test_dubbele_sleutel(self, client: TestClient, db_engine: Engine) -> None:
        """ "bedrag" twice: a gateway could read 500.00 where the service reads 99999.00."""
        body = (
            b'{"soort": "termijnen", "peildatum": "2026-03-01", "gegevens": {"vorderingen": '
            b'[{"id": "V1", "bedrag": "500.00", "bedrag": "99999.00", '
            b'"verzenddatumBeschikking": "2026-01-05"}]}}'
        )
        r = client.post("/v1/beslissingen", content=body, headers=JSON)
        body_ = probleem(r, 400)
        assert body_["invalidParams"] == [
            {
                "name": "gegevens.vorderingen[0].bedrag",
                "reason": "De sleutel 'bedrag' staat twee keer in één object.",
                "code": "duplicate_key",
            }
        ]
        assert aantal_beslissingen(db_engine) == 0

    @pytest.mark.parametrize("getal", [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"1" * 30])
    def test_geen_eindig_getal(self, client: TestClient, getal: bytes) -> None:
        body = b'{"soort": "termijnen", "gegevens": {"vorderingen": [], "x": ' + getal + b"}}"
        probleem(client.post("/v1/beslissingen", content=body, headers=JSON), 400)

    def test_te_diep_genest(self, client: TestClient) -> None:
        body = b'{"soort": "termijnen", "gegevens": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        assert "te diep" in probleem(client.post("/v1/beslissingen", content=body, headers=JSON), 400)["detail"]  # fmt: skip

    def test_geen_json(self, client: TestClient) -> None:
        body = probleem(client.post("/v1/beslissingen", content=b"{", headers=JSON), 400)
        assert body["invalidParams"][0]["code"] == "json_invalid"

    def test_dubbele_sleutel_bij_beoordeling(self, client: TestClient) -> None:
        """Every JSON body is read strictly, not only decisions."""
        r = client.post(
            "/v1/beslissingen/abc/beoordelingen",
            content=b'{"oordeel": "afgekeurd", "oordeel": "akkoord"}',
            headers={"Content-Type": "application/json", **auth("collega")},
        )
        assert probleem(r, 400)["invalidParams"][0]["name"] == "oordeel"

    def test_elke_dubbele_sleutel_met_zijn_pad(self, client: TestClient, db_engine: Engine) -> None:
        """Every duplicate key is listed, each by its full path, and nothing is stored."""
        body = (
            b'{"soort": "termijnen", "soort": "termijnen", "gegevens": {"vorderingen": '
            b'[{"id": "a", "id": "b", "bedrag": "1.00", "verzenddatumBeschikking": "2026-01-05"}]},'
            b' "peildatum": "2026-03-01"}'
        )
        gevonden = probleem(client.post("/v1/beslissingen", content=body, headers=JSON), 400)
        assert [(p["name"], p["code"]) for p in gevonden["invalidParams"]] == [
            ("soort", "duplicate_key"),
            ("gegevens.vorderingen[0].id", "duplicate_key"),
        ]
        assert "zie invalidParams" in gevonden["detail"]
        assert aantal_beslissingen(db_engine) == 0


class TestLeesStrikt:
    def test_geldige_json_ongewijzigd(self) -> None:
        document = {"a": [1, 2.5, {"b": None, "c": [True, "x"]}], "d": {}}
        assert lees_strikt(json.dumps(document).encode(), 10) == document

    def test_telt_geneste_lijsten(self) -> None:
        assert lees_strikt(b"[[1, 2], [3]]", 5) == [[1, 2], [3]]
        with pytest.raises(TeVeelElementen):
            lees_strikt(b"[[1, 2], [3]]", 4)

    def test_dubbele_sleutel_diep(self) -> None:
        """A duplicate deep in the document is named by its path from the top."""
        with pytest.raises(OngeldigeJson) as fout:
            lees_strikt(b'{"a": [{"x": 1, "y": 2, "x": 3}]}', 10)
        assert [p["name"] for p in fout.value.problemen] == ["a[0].x"]

    def test_dubbel_in_een_overschreven_waarde(self) -> None:
        """A duplicate inside a value that a later duplicate overwrote is found too."""
        with pytest.raises(OngeldigeJson) as fout:
            lees_strikt(
                b'{"a": {"x": 1, "x": 2}, "a": {"y": 1}, "b": [{"z": 1, "z": 2, "z": 3}]}', 10
            )
        assert [(p["name"], p["reason"]) for p in fout.value.problemen] == [
            ("a", "De sleutel 'a' staat twee keer in één object."),
            ("a.x", "De sleutel 'x' staat twee keer in één object."),
            ("b[0].z", "De sleutel 'z' staat 3 keer in één object."),
        ]


class TestPaginagrootte:
    def test_grens_als_instelling(self, maak_client: Any) -> None:
        client = maak_client(max_paginagrootte=10)
        assert (
            client.get("/v1/beslissingen?paginaGrootte=10", headers=auth("beleid")).status_code
            == 200
        )
        r = client.get("/v1/beslissingen?paginaGrootte=11", headers=auth("beleid"))
        assert probleem(r, 400)["invalidParams"][0]["name"] == "paginaGrootte"

    def test_standaard_hoogstens_100(self) -> None:
        assert Instellingen().max_paginagrootte == 100
        assert Instellingen().max_verzoek_bytes == 2 * 1024 * 1024
        assert Instellingen().max_lijstelementen == 5000


class TestLijstitems:
    def test_geen_gegevens_in_een_lijst(self, client: TestClient) -> None:
        """A listed decision carries no case data: its size does not grow with the input."""
        assert client.post("/v1/beslissingen", json=verzoek(vordering(1)), headers=auth("medewerker")).status_code == 201  # fmt: skip
        items = client.get("/v1/beslissingen", headers=auth("medewerker")).json()["resultaten"]
        assert len(items) == 1
        assert "gegevens" not in items[0]

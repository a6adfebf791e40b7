"""Letters that are not given: a decision awaiting review (409), a letter its kind does not
have (404), a media type nobody makes (406), no token (401) and no access (403)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_documenten import BVV, F1, F1_VORDERING, uitgegeven
from tests.conftest import auth


class TestToegang:
    def test_open_beslissing_geeft_409(self, client: TestClient) -> None:
        """A decision awaiting review gives no letter."""
        vordering = {**F1_VORDERING, "hoofdsom": "50000.00"}  # above the review threshold
        groot = {**F1, "gegevens": {"vorderingen": [vordering]}}
        r = client.post("/v1/beslissingen", json=groot, headers=auth("medewerker"))
        assert r.json()["beoordeling"]["status"] == "open"
        d = client.get(
            f"/v1/beslissingen/{r.json()['id']}/documenten/aanmaning", headers=auth("medewerker")
        )
        assert d.status_code == 409
        assert d.headers["content-type"] == "application/problem+json"

    def test_ander_document_dan_de_soort_geeft_404(self, client: TestClient) -> None:
        bid = uitgegeven(client, BVV)
        r = client.get(f"/v1/beslissingen/{bid}/documenten/dwangbevel", headers=auth("medewerker"))
        assert r.status_code == 404
        onbekend = client.get(
            f"/v1/beslissingen/{bid}/documenten/brief", headers=auth("medewerker")
        )
        assert onbekend.status_code in (400, 404)

    def test_niet_aanvaardbaar_type_geeft_406(self, client: TestClient) -> None:
        bid = uitgegeven(client, BVV)
        r = client.get(
            f"/v1/beslissingen/{bid}/documenten/mededeling-beslagvrije-voet",
            headers={**auth("medewerker"), "Accept": "application/msword"},
        )
        assert r.status_code == 406

    def test_zonder_token_401_en_buiten_mandaat_403(self, client: TestClient) -> None:
        bid = uitgegeven(client, BVV, wie="teamleider")
        assert (
            client.get(f"/v1/beslissingen/{bid}/documenten/mededeling-beslagvrije-voet").status_code
            == 401
        )
        r = client.get(
            f"/v1/beslissingen/{bid}/documenten/mededeling-beslagvrije-voet",
            headers=auth("systeem"),
        )
        assert r.status_code == 403

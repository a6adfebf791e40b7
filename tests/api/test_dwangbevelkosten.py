"""The costs of a tax dwangbevel (Kostenwet art 3) in its letter: those of the dwangbevel
the rules counted on the calculation day, never of one they found without ground, and
named even when a payment already met them."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_documenten import F2, uitgegeven
from tests.conftest import auth


def betaald_voor_dwangbevel(client: TestClient, betaaldatum: str) -> tuple[str, dict[str, Any]]:
    """F2 paid in full on `betaaldatum`, with a dwangbevel on the calculation day
    (2025-12-15): the decision's id and its claim's outcome."""
    vordering = {
        **F2["gegevens"]["vorderingen"][0],  # type: ignore[index]
        "betalingen": [{"datum": betaaldatum, "bedrag": "2700.00"}],
        "dwangbevelen": [{"datum": "2025-12-15"}],
    }
    verzoek = {
        **F2,
        "peildatum": "2025-12-15",
        "gegevens": {"regime": "invorderingswet", "vorderingen": [vordering]},
    }
    bid = uitgegeven(client, verzoek)
    b = client.get(f"/v1/beslissingen/{bid}", headers=auth("medewerker")).json()
    return bid, b["uitkomst"]["vorderingen"][0]


class TestDwangbevelkosten:
    def test_kostenwet_vraagt_het_dwangbevel_van_de_berekeningsdag(
        self, client: TestClient
    ) -> None:
        """The letter's costs must be its own: an earlier dwangbevel's (the one the rules
        counted, `dwangbevelDatum`) or a later one (not counted at all) give 409."""
        vordering = F2["gegevens"]["vorderingen"][0]  # type: ignore[index]
        for datum, geteld in (("2025-12-20", "2025-12-20"), ("2026-01-05", None)):
            verzoek = {
                **F2,
                "gegevens": {
                    "regime": "invorderingswet",
                    "vorderingen": [{**vordering, "dwangbevelen": [{"datum": datum}]}],
                },
            }
            bid = uitgegeven(client, verzoek)
            b = client.get(f"/v1/beslissingen/{bid}", headers=auth("medewerker")).json()
            assert b["uitkomst"]["vorderingen"][0]["dwangbevelDatum"] == geteld
            r = client.get(
                f"/v1/beslissingen/{bid}/documenten/dwangbevel", headers=auth("medewerker")
            )
            assert r.status_code == 409, (datum, r.text)
            assert "F2" in r.json()["detail"] and "2025-12-31" in r.json()["detail"]

    def test_geen_brief_voor_een_dwangbevel_zonder_grond(self, client: TestClient) -> None:
        """Paid before the dwangbevel: the rules give it no costs (dwangbevelNietsOpen), and
        no letter demands them."""
        bid, rij = betaald_voor_dwangbevel(client, "2025-12-01")
        codes = {w["code"] for w in rij["waarschuwingen"]}
        assert "dwangbevelNietsOpen" in codes
        r = client.get(f"/v1/beslissingen/{bid}/documenten/dwangbevel", headers=auth("medewerker"))
        assert r.status_code == 409, r.text
        assert r.json()["detail"].startswith("Geen dwangbevel: F2: ")

    def test_kosten_die_al_betaald_zijn_worden_genoemd(self, client: TestClient) -> None:
        """Paid in full on the dwangbevel's own day: the payment met its € 348 costs first;
        the letter names the € 348 and says nothing of it is open."""
        bid, rij = betaald_voor_dwangbevel(client, "2025-12-15")
        assert (rij["dwangbevelkostenBerekend"], rij["dwangbevelkosten"]) == ("348.00", "0.00")
        r = client.get(f"/v1/beslissingen/{bid}/documenten/dwangbevel", headers=auth("medewerker"))
        assert r.status_code == 200, r.text
        assert (
            "Kosten van dit dwangbevel: <strong>€ 348,00</strong> (Kostenwet invordering "
            "rijksbelastingen, artikel 3); daarvan staat nog € 0,00 open."
        ) in r.text

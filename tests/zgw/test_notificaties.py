"""Notifications when a review ends: once per review, signed, retried, off the request path,
surviving a restart; delivered to a real HTTP receiver running in the test."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session
from standardwebhooks.webhooks import Webhook

from service.api.app import maak_app
from service.engine.library import Regelbibliotheek
from service.settings import Instellingen
from service.storage import notificaties
from tests.conftest import auth
from tests.referentie import referentie

SNEL = [0.2, 0.2, 0.2, 0.2]


@dataclass
class Ontvanger:
    """A webhook receiver: records each request; answers with the next planned status."""

    url: str
    verzoeken: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    antwoorden: list[int] = field(default_factory=list)
    vrij: threading.Event = field(default_factory=threading.Event)

    def wacht(self, aantal: int, binnen: float = 30.0) -> None:
        einde = time.monotonic() + binnen
        while len(self.verzoeken) < aantal and time.monotonic() < einde:
            time.sleep(0.05)
        assert len(self.verzoeken) >= aantal, f"{len(self.verzoeken)} van {aantal} ontvangen"


@pytest.fixture
def ontvanger() -> Iterator[Ontvanger]:
    staat = Ontvanger(url="")
    staat.vrij.set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            inhoud = self.rfile.read(int(self.headers["Content-Length"]))
            staat.vrij.wait(30)
            staat.verzoeken.append(({k.lower(): v for k, v in self.headers.items()}, inhoud))
            status = staat.antwoorden.pop(0) if staat.antwoorden else 204
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    staat.url = f"http://127.0.0.1:{server.server_port}/notificaties"
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    yield staat
    staat.vrij.set()
    server.shutdown()


Maak = Callable[..., TestClient]


@pytest.fixture
def maak(bibliotheek: Regelbibliotheek, db_engine: Engine) -> Maak:
    def bouw(**instellingen: Any) -> TestClient:
        app = maak_app(
            Instellingen(notificatie_wachttijden=SNEL, **instellingen),
            bibliotheek=bibliotheek,
            engine=db_engine,
        )
        return TestClient(app, raise_server_exceptions=False)

    return bouw


def abonneer(client: TestClient, url: str, wie: str = "systeem", **filters: str) -> dict[str, Any]:
    r = client.post(
        "/v1/abonnementen",
        json={
            "callbackUrl": url,
            "auth": "Bearer ontvanger-token",
            "kanalen": [{"naam": "beslissingen", "filters": filters}],
        },
        headers=auth(wie),
    )
    assert r.status_code == 201, r.text
    assert r.json()["geheim"].startswith("whsec_")
    return r.json()  # type: ignore[no-any-return]


def open_beslissing(client: TestClient, zaak: str = "Z-77") -> str:
    return open_beslissing_met(client, auth("systeem"), zaak)


def open_beslissing_met(client: TestClient, kop: dict[str, str], zaak: str = "Z-77") -> str:
    r = client.post(
        "/v1/beslissingen",
        json={
            "soort": "termijnen",
            "peildatum": "2026-03-01",
            "zaakreferentie": zaak,
            "behandelaar": "m.devries",
            "gegevens": {
                "vorderingen": [
                    {"id": "V1", "bedrag": "20000.00", "verzenddatumBeschikking": "2026-01-05"}
                ]
            },
        },
        headers=kop,
    )
    assert r.json()["beoordeling"]["status"] == "open", r.text
    return r.json()["id"]  # type: ignore[no-any-return]


def keur(client: TestClient, bid: str, oordeel: str = "akkoord") -> Any:
    return client.post(
        f"/v1/beslissingen/{bid}/beoordelingen",
        json={"oordeel": oordeel, "toelichting": "gecontroleerd"},
        headers=auth("teamleider"),
    )


def notificatie_schema() -> dict[str, Any]:
    tekst = referentie("zgw-notificaties-consumer-webhook-openapi.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(tekst)["components"]["schemas"]["Notificatie"]  # type: ignore[no-any-return]


class TestWebhook:
    def test_eenmaal_ondertekend_herhaald_bij_fouten(
        self, maak: Maak, ontvanger: Ontvanger, db_engine: Engine
    ) -> None:
        ontvanger.antwoorden = [500, 503]  # two failures, then 204
        with maak() as client:
            abonnement = abonneer(client, ontvanger.url, soort="termijnen")
            bid = open_beslissing(client)
            r = keur(client, bid)
            assert r.status_code == 201
            ontvanger.wacht(3)
            time.sleep(1.0)  # long enough for a wrong fourth delivery to show up
            assert keur(client, bid, "afgekeurd").status_code == 409  # no second review
            time.sleep(0.5)
        assert len(ontvanger.verzoeken) == 3
        ids = {headers["webhook-id"] for headers, _ in ontvanger.verzoeken}
        assert len(ids) == 1, "the same notification, retried"
        for headers, inhoud in ontvanger.verzoeken:
            assert headers["authorization"] == "Bearer ontvanger-token"
            Webhook(abonnement["geheim"]).verify(inhoud, headers)  # raises when not signed right
        bericht = json.loads(ontvanger.verzoeken[-1][1])
        jsonschema.validate(
            bericht, notificatie_schema(), format_checker=jsonschema.FormatChecker()
        )
        assert bericht["kanaal"] == "beslissingen"
        assert bericht["hoofdObject"].endswith(f"/v1/beslissingen/{bid}")
        assert bericht["resourceUrl"] == bericht["hoofdObject"] + "/beoordelingen/" + r.json()["id"]
        assert bericht["kenmerken"] == {
            "soort": "termijnen",
            "resultaat": "goedgekeurd",
            "zaakreferentie": "Z-77",
        }
        with Session(db_engine) as sessie:
            (bezorging,) = notificaties.bezorgingen(sessie, abonnement["id"])
        assert (bezorging.status, bezorging.pogingen) == ("bezorgd", 3)
        with pytest.raises(Exception):  # noqa: B017 - any verification error will do
            Webhook("whsec_" + "QUJD" * 8).verify(
                ontvanger.verzoeken[0][1], ontvanger.verzoeken[0][0]
            )

    def test_blokkeert_het_verzoek_niet(self, maak: Maak, ontvanger: Ontvanger) -> None:
        """The receiver hangs until released; the review is answered before that."""
        ontvanger.vrij.clear()
        with maak() as client:
            abonneer(client, ontvanger.url)
            bid = open_beslissing(client)
            assert keur(client, bid).status_code == 201
            assert ontvanger.verzoeken == []
            ontvanger.vrij.set()
            ontvanger.wacht(1)

    def test_geeft_op_na_laatste_poging(
        self, maak: Maak, ontvanger: Ontvanger, db_engine: Engine
    ) -> None:
        ontvanger.antwoorden = [500] * 10
        with maak() as client:
            abonnement = abonneer(client, ontvanger.url)
            keur(client, open_beslissing(client))
            ontvanger.wacht(len(SNEL) + 1)
            time.sleep(1.0)
        assert len(ontvanger.verzoeken) == len(SNEL) + 1
        with Session(db_engine) as sessie:
            (bezorging,) = notificaties.bezorgingen(sessie, abonnement["id"])
        assert (bezorging.status, bezorging.laatste_fout) == ("mislukt", "HTTP 500")

    def test_overleeft_herstart(self, maak: Maak, ontvanger: Ontvanger) -> None:
        """Stored while no deliverer runs (a process that stops); a new process delivers."""
        eerste = maak()  # no lifespan: no deliverer thread, like a process killed after commit
        abonneer(eerste, ontvanger.url)
        keur(eerste, open_beslissing(eerste))
        time.sleep(0.5)
        assert ontvanger.verzoeken == []
        with maak():  # the restart
            ontvanger.wacht(1)
        assert len(ontvanger.verzoeken) == 1

    def test_filter_en_toegang(self, maak: Maak, ontvanger: Ontvanger, tmp_path: Path) -> None:
        """Only subscriptions whose filter matches, of principals who may see the decision:
        a case system of another organisation never hears of this decision."""
        bestand = tmp_path / "principals.yaml"
        regels = [
            ("zaaksysteem", "systeem", None, "a"),
            ("zaaksysteem-b", "systeem", None, "b"),
            ("m.devries", "medewerker", "medewerker-invorderen", "m"),
            ("s.smit", "medewerker", "teamleider-invordering", "t"),
        ]
        bestand.write_text(
            "principals:\n"
            + "".join(
                f"  - {{id: {i}, rol: {r}, {f'mandaatrol: {m}, ' if m else ''}"
                f"tokenHash: {hashlib.sha256(t.encode()).hexdigest()}}}\n"
                for i, r, m, t in regels
            ),
            encoding="utf-8",
        )
        client = maak(
            env="production",
            principals_file=bestand,
            pseudonimiseringssleutel="een-productiesleutel-van-minstens-32-bytes",
        )
        with client:
            kop = {"a": {"Authorization": "Bearer a"}, "b": {"Authorization": "Bearer b"}}
            for wie, filters, kenmerk in [
                ("a", {"soort": "beslagvrije-voet"}, "ander-soort"),
                ("a", {"resultaat": "afgekeurd"}, "afgekeurd"),
                ("b", {}, "andere-organisatie"),
                ("a", {"zaakreferentie": "Z-77"}, "goed"),
            ]:
                r = client.post(
                    "/v1/abonnementen",
                    json={
                        "callbackUrl": f"{ontvanger.url}?{kenmerk}",
                        "kanalen": [{"naam": "beslissingen", "filters": filters}],
                    },
                    headers=kop[wie],
                )
                assert r.status_code == 201, r.text
            beslissing = open_beslissing_met(client, {"Authorization": "Bearer a"})
            r = client.post(
                f"/v1/beslissingen/{beslissing}/beoordelingen",
                json={"oordeel": "akkoord"},
                headers={"Authorization": "Bearer t"},
            )
            assert r.status_code == 201, r.text
            ontvanger.wacht(1)
            time.sleep(1.0)
        assert len(ontvanger.verzoeken) == 1

    def test_abonnementen_beheren(self, maak: Maak, ontvanger: Ontvanger) -> None:
        client = maak()
        a = abonneer(client, ontvanger.url)
        r = client.get(f"/v1/abonnementen/{a['id']}", headers=auth("systeem"))
        assert r.status_code == 200 and "geheim" not in r.json() and "auth" not in r.json()
        assert client.get(f"/v1/abonnementen/{a['id']}", headers=auth("beleid")).status_code == 404
        assert [
            x["id"] for x in client.get("/v1/abonnementen", headers=auth("systeem")).json()
        ] == [a["id"]]
        fout = client.post(
            "/v1/abonnementen",
            json={
                "callbackUrl": ontvanger.url,
                "kanalen": [{"naam": "beslissingen", "filters": {"bsn": "1"}}],
            },
            headers=auth("systeem"),
        )
        assert fout.status_code == 400
        assert (
            client.delete(f"/v1/abonnementen/{a['id']}", headers=auth("systeem")).status_code == 204
        )
        assert client.get(f"/v1/abonnementen/{a['id']}", headers=auth("systeem")).status_code == 404

"""Logboek Dataverwerkingen over OTLP/HTTP: with an endpoint configured, each record reaches a
real collector as a span with the caller's trace and the pseudonymised data subject."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from sqlalchemy.engine import Engine

from service.api.app import maak_app
from service.engine.library import Regelbibliotheek
from service.settings import Instellingen
from tests.conftest import auth
from tests.logboek.test_logboek import (
    BSN,
    PSEUDONIEM,
    REGISTER,
    SPAN,
    TRACE,
    TRACEPARENT,
    termijnen,
)


class _Ontvanger(BaseHTTPRequestHandler):
    ontvangen: ClassVar[list[bytes]] = []

    def do_POST(self) -> None:
        lengte = int(self.headers["Content-Length"])
        type(self).ontvangen.append(self.rfile.read(lengte))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[tuple[str, list[bytes]]]:
    """A real OTLP/HTTP receiver on a free local port."""
    _Ontvanger.ontvangen = []
    server = HTTPServer(("127.0.0.1", 0), _Ontvanger)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    yield f"http://127.0.0.1:{server.server_port}/v1/traces", _Ontvanger.ontvangen
    server.shutdown()


def test_otlp_als_geconfigureerd(
    collector: tuple[str, list[bytes]], bibliotheek: Regelbibliotheek, db_engine: Engine
) -> None:
    adres, ontvangen = collector
    app = maak_app(
        Instellingen(logboek_otlp_endpoint=adres), bibliotheek=bibliotheek, engine=db_engine
    )
    client = TestClient(app)
    r = client.post(
        "/v1/beslissingen",
        json=termijnen(bsn=BSN),
        headers={**auth("medewerker"), "traceparent": TRACEPARENT},
    )
    assert r.status_code == 201
    assert app.state.omgeving.logboek.forceer()
    spans = []
    for bericht in ontvangen:
        verzoek = ExportTraceServiceRequest()
        verzoek.ParseFromString(bericht)
        spans += [s for rs in verzoek.resource_spans for ss in rs.scope_spans for s in ss.spans]
    (span,) = spans
    attributen = {a.key: a.value.string_value for a in span.attributes}
    assert span.trace_id.hex() == TRACE
    assert attributen["dpl.core.data_subject_id"] == PSEUDONIEM
    assert attributen["dpl.core.foreign_operation.span_id"] == SPAN
    assert attributen["dpl.core.processing_activity_id"] == REGISTER.activiteit("termijnen")

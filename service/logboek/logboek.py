"""Logboek Dataverwerkingen (Logius): one OpenTelemetry span per processing of personal data.

Every service function that creates, reads, lists or reviews a decision opens a
`verwerking`; it becomes one log record (span) with the standard's attributes:
- `dpl.core.processing_activity_id`: the URI of the soort's processing activity
  (`register.Verwerkingsregister`);
- `dpl.core.data_subject_id` (+ `_type`) when the data subject is known: always the keyed
  pseudonym (HMAC-SHA256) of the BSN, never the BSN;
- the caller's W3C `traceparent` as the *foreign operation*: the trace id is taken over
  (one trace across applications, as the standard asks), the caller's span id goes into
  `dpl.core.foreign_operation.span_id` (not into parent_span_id), with
  `dpl.core.foreign_operation.processor` naming the calling application.
A list touches several data subjects: one child span per decision listed, under the span
of the list (the standard: one record per data subject, `parent_span_id` set).

Status per the standard: `Ok` when done, `Unset` when the request was refused for its
input or access (a 4xx: handled without an internal error), `Error` for an internal fault,
with `exception.type` (never a message that might hold case data).

Export is batched in a background thread (BatchSpanProcessor): the request path only
records the span. No sampling (the standard forbids it); the queue is large, so spans are
not dropped under load.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Span, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.id_generator import RandomIdGenerator
from opentelemetry.sdk.trace.sampling import ALWAYS_ON
from opentelemetry.trace import Status, StatusCode

from service.errors import ServiceFout
from service.logboek.bestand import BestandExporter
from service.logboek.register import Verwerkingsregister

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")
WACHTRIJ = 1 << 16  # spans waiting for export before any would be dropped


@dataclass(frozen=True)
class Aanroeper:
    """The caller's W3C Trace Context: its trace and the span that called us."""

    trace_id: str
    span_id: str

    @classmethod
    def uit_header(cls, traceparent: str | None) -> Aanroeper | None:
        gevonden = _TRACEPARENT.match(traceparent or "")
        if gevonden is None or gevonden.group(1) == "0" * 32 or gevonden.group(2) == "0" * 16:
            return None
        return cls(gevonden.group(1), gevonden.group(2))


_aanroeper: contextvars.ContextVar[Aanroeper | None] = contextvars.ContextVar(
    "aanroeper", default=None
)
_trace_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("trace_id", default=None)


def zet_aanroeper(traceparent: str | None) -> contextvars.Token[Aanroeper | None]:
    """Remember the caller's traceparent for the processing of this request (the web layer)."""
    return _aanroeper.set(Aanroeper.uit_header(traceparent))


def herstel_aanroeper(token: contextvars.Token[Aanroeper | None]) -> None:
    _aanroeper.reset(token)


class _Ids(RandomIdGenerator):
    """A new root span takes the caller's trace id when there is one (one trace, per LDV)."""

    def generate_trace_id(self) -> int:
        return _trace_id.get() or super().generate_trace_id()


class Verwerking:
    """An open processing: add the data subject or the decision once known; list children."""

    def __init__(self, logboek: Logboek, span: Span) -> None:
        self._logboek = logboek
        self.span = span

    def betreft(
        self, soort: str | None = None, betrokkene: str | None = None, beslissing: str | None = None
    ) -> None:
        """The soort (its processing activity), data subject (pseudonym) and decision."""
        self.span.set_attributes(self._logboek.attributen(soort, betrokkene, beslissing))

    def kind(self, naam: str, soort: str, betrokkene: str | None, beslissing: str | None) -> None:
        """One finished child record: the same action for one data subject (e.g. in a list)."""
        context = trace.set_span_in_context(self.span)
        kind = self._logboek.tracer.start_span(
            naam, context, attributes=self._logboek.attributen(soort, betrokkene, beslissing)
        )
        kind.set_status(Status(StatusCode.OK))
        kind.end()


class Logboek:
    """The processing log of one service: its register, tracer and exporters."""

    def __init__(
        self,
        register: Verwerkingsregister,
        exporters: list[SpanExporter],
        dienst: dict[str, str],
    ) -> None:
        self.register = register
        self.provider = TracerProvider(
            sampler=ALWAYS_ON, resource=Resource.create(dienst), id_generator=_Ids()
        )
        for exporter in exporters:
            self.provider.add_span_processor(BatchSpanProcessor(exporter, max_queue_size=WACHTRIJ))
        self.tracer = self.provider.get_tracer("invordering.logboek")

    def attributen(
        self, soort: str | None, betrokkene: str | None, beslissing: str | None
    ) -> dict[str, str]:
        uit = {"dpl.core.processing_activity_id": self.register.activiteit(soort)}
        if betrokkene:
            uit["dpl.core.data_subject_id"] = betrokkene
            uit["dpl.core.data_subject_id_type"] = self.register.betrokkeneIdType
        if beslissing:
            uit["invordering.beslissing.id"] = beslissing
        return uit

    @contextmanager
    def verwerking(
        self,
        naam: str,
        *,
        soort: str | None = None,
        betrokkene: str | None = None,
        beslissing: str | None = None,
        aanroeper: Aanroeper | None = None,
        applicatie: str | None = None,
    ) -> Iterator[Verwerking]:
        """One processing (span) around a block; its status follows how the block ends.

        `aanroeper` defaults to the traceparent of the current request; `applicatie` is the
        calling application's URL (`dpl.core.foreign_operation.processor`).
        """
        aanroeper = aanroeper or _aanroeper.get()
        attributen: dict[str, Any] = self.attributen(soort, betrokkene, beslissing)
        token = None
        if aanroeper is not None:
            token = _trace_id.set(int(aanroeper.trace_id, 16))
            attributen["dpl.core.foreign_operation.trace_id"] = aanroeper.trace_id
            attributen["dpl.core.foreign_operation.span_id"] = aanroeper.span_id
            if applicatie:
                attributen["dpl.core.foreign_operation.processor"] = applicatie
        try:
            span = self.tracer.start_span(
                naam,
                context=trace.set_span_in_context(trace.INVALID_SPAN),
                attributes=attributen,
                record_exception=False,
                set_status_on_exception=False,
            )
        finally:
            if token is not None:
                _trace_id.reset(token)
        try:
            yield Verwerking(self, span)  # type: ignore[arg-type]
        except ServiceFout as fout:  # refused for its input or access: handled, Unset
            span.set_attribute("invordering.resultaat", fout.status)
            if fout.status >= 500:
                span.set_status(Status(StatusCode.ERROR))
            raise
        except BaseException as fout:
            span.set_attribute("exception.type", type(fout).__name__)
            span.set_status(Status(StatusCode.ERROR))
            raise
        else:
            span.set_status(Status(StatusCode.OK))
        finally:
            span.end()

    def forceer(self, timeout_ms: int = 10_000) -> bool:
        """Export everything recorded so far (tests, shutdown)."""
        return self.provider.force_flush(timeout_ms)

    def sluit(self) -> None:
        self.provider.shutdown()


_gedeeld: dict[tuple[Any, ...], Logboek] = {}


def logboek_voor(
    register: Verwerkingsregister,
    bestand: Path | None,
    otlp: str | None,
    dienst: dict[str, str],
) -> Logboek:
    """The Logboek of a process for these settings (one exporter thread per setting, shared
    by apps built with the same settings, e.g. in tests)."""
    sleutel = (register.model_dump_json(), bestand, otlp, tuple(sorted(dienst.items())))
    if sleutel not in _gedeeld:
        exporters: list[SpanExporter] = []
        if otlp:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            exporters.append(OTLPSpanExporter(endpoint=otlp))
        if bestand is not None:
            exporters.append(BestandExporter(bestand))
        _gedeeld[sleutel] = Logboek(register, exporters, dienst)
    return _gedeeld[sleutel]

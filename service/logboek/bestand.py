"""The file exporter: one Logboek Dataverwerkingen record per span, as a JSON line.

The record has the fields of the standard's Logboek interface (trace_id, span_id, status,
name, start_time, end_time, parent_span_id, resource, attributes), with times in
milliseconds since the epoch and ids in lowercase hex. Each batch is one `write` on a file
opened with O_APPEND, so several worker processes can share one file.

OpenTelemetry's own file exporter writes OTLP JSON (resourceSpans/scopeSpans/…), a
transport format; this writes the record the standard describes, which a logboek reads.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.trace import StatusCode

STATUS = {StatusCode.UNSET: "Unset", StatusCode.OK: "Ok", StatusCode.ERROR: "Error"}


def als_record(span: ReadableSpan) -> dict[str, Any]:
    """The Logboek record of one finished span."""
    context = span.get_span_context()
    assert context is not None
    record: dict[str, Any] = {
        "trace_id": f"{context.trace_id:032x}",
        "span_id": f"{context.span_id:016x}",
        "status": STATUS[span.status.status_code],
        "name": span.name,
        "start_time": (span.start_time or 0) // 1_000_000,
        "end_time": (span.end_time or 0) // 1_000_000,
    }
    if span.parent is not None:
        record["parent_span_id"] = f"{span.parent.span_id:016x}"
    record["resource"] = {"attributes": dict(span.resource.attributes)}
    record["attributes"] = dict(span.attributes or {})
    return record


class BestandExporter(SpanExporter):
    """Appends the records of each exported batch to `pad` (JSON Lines)."""

    def __init__(self, pad: Path) -> None:
        self.pad = pad
        self._slot = threading.Lock()
        self._fd: int | None = None

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        regels = "".join(
            json.dumps(als_record(s), ensure_ascii=False, separators=(",", ":")) + "\n"
            for s in spans
        )
        try:
            with self._slot:
                if self._fd is None:
                    self.pad.parent.mkdir(parents=True, exist_ok=True)
                    self._fd = os.open(self.pad, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                inhoud = memoryview(regels.encode())
                while inhoud:
                    inhoud = inhoud[os.write(self._fd, inhoud) :]
        except OSError:
            return SpanExportResult.FAILURE
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        with self._slot:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        return True

"""Structured logging to stderr: one event per decision, never case data or a BSN.

The access log keeps the path of a request but not its query string: query values
(filters such as `behandelaar`) are the caller's data, not the service's to keep.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import orjson
import structlog


class ZonderQuery(logging.Filter):
    """Drops the query string from uvicorn's access-log records (path only)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def _json(gebeurtenis: Any, **_: Any) -> str:
    return orjson.dumps(gebeurtenis, default=str).decode()


def configureer(productie: bool) -> None:
    # In production one JSON line per event (orjson); an exception's traceback goes into that
    # line (format_exc_info), never to a client. In development a plain traceback too: the
    # default (rich) one prints every local variable, and those hold the request — BSN included.
    renderers: list[structlog.types.Processor] = (
        [structlog.processors.format_exc_info, structlog.processors.JSONRenderer(serializer=_json)]
        if productie
        else [
            structlog.dev.ConsoleRenderer(
                colors=False, exception_formatter=structlog.dev.plain_traceback
            )
        ]
    )
    structlog.configure(
        processors=[
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            *renderers,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    toegang = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, ZonderQuery) for f in toegang.filters):
        toegang.addFilter(ZonderQuery())

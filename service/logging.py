"""Structured logging to stderr: one event per decision, never case data or a BSN."""

from __future__ import annotations

import logging
import sys

import structlog


def configureer(productie: bool) -> None:
    # In production one JSON line per event; an exception's traceback goes into that line
    # (format_exc_info), never to a client.
    renderers: list[structlog.types.Processor] = (
        [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
        if productie
        else [structlog.dev.ConsoleRenderer(colors=False)]
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

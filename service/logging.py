"""Structured logging to stderr: one event per decision, never case data or a BSN."""

from __future__ import annotations

import logging
import sys

import structlog


def configureer(productie: bool) -> None:
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if productie
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )

"""Beslisservice invordering."""

__version__ = "1.1.0"

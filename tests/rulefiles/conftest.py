"""Fixtures for the tests that break rule files: a private copy of the shipped rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rulefiles.bewerken import kopie


@pytest.fixture
def regels(tmp_path: Path) -> Path:
    """A private copy of the shipped rules to break."""
    return kopie(tmp_path)

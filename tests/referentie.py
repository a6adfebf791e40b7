"""Third-party reference files (standards' schemas, the ADR ruleset) and tools, for the tests.

The files are used where they are (`shared/reference/` beside the project, see its
SOURCES.md); none is copied into the repository. Outside CI a missing file or tool skips
its test with a message saying what is missing; under CI (`CI` set) it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

KANDIDATEN = [
    Path(os.environ["INVORDERING_REFERENTIE_MAP"])
    if os.environ.get("INVORDERING_REFERENTIE_MAP")
    else None,
    ROOT.parent / "shared" / "reference",
    ROOT.parent.parent / "shared" / "reference",
    Path("/work/shared/reference"),
]
SPECTRAL_VERSIE = "6.16.3"


def _ontbreekt(melding: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(melding)
    pytest.skip(melding)


def referentie(naam: str) -> Path:
    """The path of a reference file, or skip (fail under CI) saying where it was looked for."""
    for map in KANDIDATEN:
        if map is not None and (map / naam).is_file():
            return map / naam
    gezocht = ", ".join(str(m) for m in KANDIDATEN if m is not None)
    _ontbreekt(
        f"referentiebestand {naam} niet gevonden (gezocht in {gezocht}; zet "
        "INVORDERING_REFERENTIE_MAP)"
    )
    raise AssertionError("onbereikbaar")


def spectral() -> Path:
    """The Spectral CLI of this project (node_modules/.bin), installed with npm when missing.

    `.ci/run` and `make test` install it first; without npm the test is skipped outside CI.
    """
    pad = ROOT / "node_modules" / ".bin" / "spectral"
    if pad.exists():
        return pad
    npm = shutil.which("npm")
    if npm is None:
        _ontbreekt("npm ontbreekt: installeer Node.js en npm om de API-ontwerpregels te toetsen")
    subprocess.run(
        [
            str(npm),
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(ROOT),
            f"@stoplight/spectral-cli@{SPECTRAL_VERSIE}",
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return pad

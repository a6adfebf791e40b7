"""The review sample: reproducible from the decision id and the register's percentage.

The expected outcomes are fixed here, computed once outside the service from the documented
rule (the first 8 bytes of SHA-256 of the id, as a fraction of 2^64, below the percentage):
a change to the sampling — switched off, another percentage, another hash — turns these red.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from service.mandates.register import GeladenRegister, beoordeel_mandaat, laad_register
from tests.conftest import ROOT

# (decision id, its fraction) — fractions rounded to 4 decimals.
IDS = [
    ("67d8b546-f375-597e-bdad-0cc96ff2d008", Decimal("0.0376")),
    ("d89bc6e8-0d9d-5c78-8640-1cbea4f469e0", Decimal("0.0549")),
    ("c6b00b51-1130-58c8-8ef1-369527e3e95b", Decimal("0.0721")),
    ("7fbf535c-637b-54e8-818a-54957e3a1284", Decimal("0.1062")),
    ("1d970512-809e-502a-a908-44d091d69620", Decimal("0.1127")),
    ("0cd02292-a042-55bb-ae43-cef89c6ce9c4", Decimal("0.1438")),
]


@pytest.fixture(scope="module")
def register() -> GeladenRegister:
    return laad_register(ROOT / "mandates")


def oordeel(register: GeladenRegister, beslissing_id: str) -> tuple[bool, str]:
    """A small termijnen decision by a medewerker within mandate: only the sample can ask review."""
    uit = beoordeel_mandaat(
        register, "termijnen", Decimal("100.00"), None, "medewerker-invorderen", beslissing_id
    )
    return uit.beoordeling_vereist, uit.reden


def test_register_zegt_tien_procent(register: GeladenRegister) -> None:
    assert register.register.steekproefPercentage == Decimal("0.10")


@pytest.mark.parametrize(("beslissing_id", "fractie"), IDS)
def test_vaste_ids(register: GeladenRegister, beslissing_id: str, fractie: Decimal) -> None:
    vereist, reden = oordeel(register, beslissing_id)
    verwacht = fractie < register.register.steekproefPercentage
    assert vereist is verwacht
    assert ("aselecte steekproef (10 %)" in reden) is verwacht


def test_ander_percentage(register: GeladenRegister) -> None:
    """At 12 % the ids with fractions 0.1062 and 0.1127 come in as well; at 0 % none."""
    for percentage, verwacht in ((Decimal("0.12"), 5), (Decimal("0"), 0)):
        aangepast = GeladenRegister(
            register.register.model_copy(update={"steekproefPercentage": percentage}),
            register.pad,
            register.tekst,
        )
        assert sum(oordeel(aangepast, i)[0] for i, _ in IDS) == verwacht

"""The access module: who may see, decide and review which decision (one table, one place)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from pydantic import ValidationError

from service.decisions import toegang
from service.decisions.principals import Principal, Principalregister
from service.errors import Conflict, OngeldigVerzoek, Verboden
from service.mandates.model import Mandaatregister
from service.storage.models import Beoordeling, Beslissing
from tests.decisions.principals import (
    BAKKER,
    DEVRIES,
    MULDER,
    PRINCIPALS,
    REGISTER,
    SMIT,
    SYSTEEM,
    VISSER,
    ZONDER_MANDAAT,
    beslissing,
    oordeel,
)


@dataclass(frozen=True)
class Geval:
    """One row of the table: a principal, a decision state, and what it may do."""

    naam: str
    principal: Principal
    beslissing: Beslissing
    ziet: bool
    beoordelen: type[Exception] | None  # None: may review; else the refusal raised
    beoordeeld: bool = False


GEVALLEN = [
    Geval("eigen beslissing nooit te beoordelen", DEVRIES, beslissing(), True, Verboden),
    Geval("collega met dezelfde rol", BAKKER, beslissing(), True, None),
    Geval(
        "rol te laag: ziet en beoordeelt niet",
        BAKKER,
        beslissing(vereiste_rol="senior-invorderaar"),
        False,
        Verboden,
    ),
    Geval(
        "senior voor senior-rol", VISSER, beslissing(vereiste_rol="senior-invorderaar"), True, None
    ),
    Geval("teamleider voor lagere rol", SMIT, beslissing(), True, None),
    Geval(
        "boven elk mandaat: niemand in de service",
        SMIT,
        beslissing(vereiste_rol=None),
        False,
        Verboden,
    ),
    Geval(
        "eigen beslissing boven mandaat: ziet, beoordeelt niet",
        DEVRIES,
        beslissing(vereiste_rol="teamleider-invordering"),
        True,
        Verboden,
    ),
    Geval("beleid ziet alles", MULDER, beslissing(vereiste_rol=None), True, Verboden),
    Geval("beleid beoordeelt niets", MULDER, beslissing(), True, Verboden),
    Geval(
        "systeem ziet wat het aanvroeg",
        SYSTEEM,
        beslissing(behandelaar="j.bakker", aangemaakt_door="zaaksysteem"),
        True,
        Verboden,
    ),
    Geval("systeem ziet niet wat een ander aanvroeg", SYSTEEM, beslissing(), False, Verboden),
    Geval(
        "behandelaar van een systeemverzoek beoordeelt niet",
        BAKKER,
        beslissing(behandelaar="j.bakker", aangemaakt_door="zaaksysteem"),
        True,
        Verboden,
    ),
    Geval(
        "collega van een systeemverzoek beoordeelt wel",
        DEVRIES,
        beslissing(behandelaar="j.bakker", aangemaakt_door="zaaksysteem"),
        True,
        None,
    ),
    Geval("al beoordeeld: 409", BAKKER, beslissing(), True, Conflict, beoordeeld=True),
    Geval("geen toets vereist: 409", BAKKER, beslissing(vereist=False), True, Conflict),
    Geval(
        "systeem: eerst de rol (403, geen 409)", SYSTEEM, beslissing(vereist=False), False, Verboden
    ),
    Geval(
        "medewerker zonder mandaatrol: alleen eigen", ZONDER_MANDAAT, beslissing(), False, Verboden
    ),
    Geval(
        "medewerker zonder mandaatrol ziet eigen",
        ZONDER_MANDAAT,
        beslissing(behandelaar="x.stagiair"),
        True,
        Verboden,
    ),
]


def _oordeel_van(geval: Geval) -> Beoordeling | None:
    return oordeel(geval.beslissing) if geval.beoordeeld else None


class TestTabel:
    @pytest.mark.parametrize("geval", GEVALLEN, ids=[g.naam for g in GEVALLEN])
    def test_zien(self, geval: Geval) -> None:
        """mag_zien answers as the table says."""
        assert toegang.mag_zien(REGISTER, geval.principal, geval.beslissing) is geval.ziet

    @pytest.mark.parametrize("geval", GEVALLEN, ids=[g.naam for g in GEVALLEN])
    def test_beoordelen(self, geval: Geval) -> None:
        """beoordelingsbezwaar gives the table's refusal (or none), mag_beoordelen agrees."""
        bezwaar = toegang.beoordelingsbezwaar(
            REGISTER, geval.principal, geval.beslissing, _oordeel_van(geval)
        )
        if geval.beoordelen is None:
            assert bezwaar is None
        else:
            assert type(bezwaar) is geval.beoordelen
        assert toegang.mag_beoordelen(
            REGISTER, geval.principal, geval.beslissing, _oordeel_van(geval)
        ) is (geval.beoordelen is None)

    def test_wie_mag_beoordelen_mag_ook_zien(self) -> None:
        """No row allows a review of a decision the reviewer may not see."""
        for geval in GEVALLEN:
            if geval.beoordelen is None:
                assert geval.ziet, geval.naam


ANDERE_GEMEENTE = Principal("k.anders", "medewerker", "medewerker-invorderen", "gemeente-b")
REGISTER_PRINCIPALS = Principalregister(
    {str(i): p for i, p in enumerate([*PRINCIPALS, ANDERE_GEMEENTE])}
)


class TestBeslissen:
    def test_beleid_beslist_niet(self) -> None:
        assert toegang.mag_beslissen(MULDER) is False
        with pytest.raises(Verboden):
            toegang.behandelaar_voor(MULDER, None, REGISTER_PRINCIPALS)

    def test_systeem_noemt_behandelaar(self) -> None:
        assert toegang.behandelaar_voor(SYSTEEM, "j.bakker", REGISTER_PRINCIPALS) == "j.bakker"
        with pytest.raises(OngeldigVerzoek) as fout:
            toegang.behandelaar_voor(SYSTEEM, None, REGISTER_PRINCIPALS)
        assert fout.value.extra["invalidParams"][0]["name"] == "behandelaar"

    @pytest.mark.parametrize(
        "behandelaar",
        [
            "x.onbekend",  # no principal at all
            "k.anders",  # a medewerker of another organisation
            "p.mulder",  # policy staff decide nothing
            "zaaksysteem",  # a system is no behandelaar
        ],
    )
    def test_systeem_noemt_alleen_bekende_medewerker_van_eigen_organisatie(
        self, behandelaar: str
    ) -> None:
        with pytest.raises(OngeldigVerzoek) as fout:
            toegang.behandelaar_voor(SYSTEEM, behandelaar, REGISTER_PRINCIPALS)
        assert fout.value.extra["invalidParams"][0]["name"] == "behandelaar"

    def test_systeem_van_andere_organisatie_noemt_haar_medewerker(self) -> None:
        systeem_b = Principal("zaaksysteem-b", "systeem", organisatie="gemeente-b")
        assert toegang.behandelaar_voor(systeem_b, "k.anders", REGISTER_PRINCIPALS) == "k.anders"
        with pytest.raises(OngeldigVerzoek):
            toegang.behandelaar_voor(systeem_b, "j.bakker", REGISTER_PRINCIPALS)

    def test_medewerker_beslist_als_zichzelf(self) -> None:
        assert toegang.behandelaar_voor(BAKKER, None, REGISTER_PRINCIPALS) == "j.bakker"
        assert toegang.behandelaar_voor(BAKKER, "j.bakker", REGISTER_PRINCIPALS) == "j.bakker"
        with pytest.raises(Verboden):
            toegang.behandelaar_voor(BAKKER, "m.devries", REGISTER_PRINCIPALS)


class TestKwaliteit:
    @pytest.mark.parametrize(
        ("principal", "pdca", "cijfers"),
        [
            (SMIT, True, True),
            (MULDER, True, True),
            (VISSER, False, True),
            (DEVRIES, False, True),
            (SYSTEEM, False, False),
            (ZONDER_MANDAAT, False, True),
        ],
        ids=lambda x: x.id if isinstance(x, Principal) else str(x),
    )
    def test_wie_ziet_kwaliteit(self, principal: Principal, pdca: bool, cijfers: bool) -> None:
        """PDCA page from teamleider up and policy staff; review figures for all people."""
        assert toegang.mag_kwaliteit_zien(REGISTER, principal) is pdca
        assert toegang.mag_statistieken_zien(principal) is cijfers

    def test_register_bepaalt_vanaf_welke_rol(self) -> None:
        """The role comes from the mandate register: lower it, or leave it out."""
        lager = replace(
            REGISTER,
            register=REGISTER.register.model_copy(
                update={"kwaliteitVanafRol": "senior-invorderaar"}
            ),
        )
        assert toegang.mag_kwaliteit_zien(lager, VISSER) is True
        assert toegang.mag_kwaliteit_zien(lager, BAKKER) is False
        zonder = replace(
            REGISTER, register=REGISTER.register.model_copy(update={"kwaliteitVanafRol": None})
        )
        assert toegang.mag_kwaliteit_zien(zonder, SMIT) is False
        assert toegang.mag_kwaliteit_zien(zonder, MULDER) is True

    def test_onbekende_rol_in_register_geweigerd(self) -> None:
        gegevens = {**REGISTER.register.model_dump(), "kwaliteitVanafRol": "directeur"}
        with pytest.raises(ValidationError, match="kwaliteitVanafRol 'directeur'"):
            Mandaatregister.model_validate(gegevens)

"""Load the mandate register and answer the mandate question for a decision."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from service.mandates.model import Grens, Mandaatregister
from service.rulefiles.loading import Probleem, RegelbestandFout
from service.rulefiles.opmaak import euro, tekst
from service.rulefiles.validatie import problemen as validatieproblemen
from service.rulefiles.validatie import veldnamen
from service.rulefiles.yamlsource import YamlFout, lees_yaml

STEEKPROEF = "aselecte steekproef"
"""Marks a review reason as the random sample (the quality page counts these)."""


@dataclass(frozen=True)
class GeladenRegister:
    register: Mandaatregister
    pad: str
    tekst: str

    @cached_property
    def hash(self) -> str:
        return hashlib.sha256(self.tekst.encode()).hexdigest()

    def rang(self, rol: str | None) -> int:
        """Position of a role, low to high; -1 for no or an unknown role."""
        return self.register.rollen.index(rol) if rol in self.register.rollen else -1


@dataclass(frozen=True)
class Mandaatoordeel:
    vereiste_rol: str | None
    bedrag: Decimal
    looptijd_maanden: int | None
    behandelaar_bevoegd: bool
    beoordeling_vereist: bool
    reden: str


def _dekt(grens: Grens | str, bedrag: Decimal, looptijd: int | None) -> bool:
    if grens == "alles":
        return True
    assert isinstance(grens, Grens)
    if grens.bedrag is not None and bedrag > grens.bedrag:
        return False
    return not (
        grens.looptijdMaanden is not None
        and looptijd is not None
        and looptijd > grens.looptijdMaanden
    )


def in_steekproef(beslissing_id: str, percentage: Decimal) -> bool:
    """Reproducible sample: derived from the decision id, so anyone can recompute it."""
    getal = int.from_bytes(hashlib.sha256(beslissing_id.encode()).digest()[:8], "big")
    return Decimal(getal) / Decimal(2**64) < percentage


def beoordeel_mandaat(
    geladen: GeladenRegister,
    soort: str,
    bedrag: Decimal,
    looptijd: int | None,
    behandelaar_rol: str | None,
    beslissing_id: str,
) -> Mandaatoordeel:
    """Which role is needed, whether the behandelaar holds it, and whether review is required."""
    register = geladen.register
    mandaat = register.soorten.get(soort)
    vereist: str | None = None
    if mandaat is not None:
        for rol in register.rollen:
            grens = mandaat.grenzen.get(rol)
            if grens is not None and _dekt(grens, bedrag, looptijd):
                vereist = rol
                break
    bevoegd = vereist is not None and geladen.rang(behandelaar_rol) >= geladen.rang(vereist)
    drempel = (
        mandaat.beoordelingsdrempel
        if mandaat and mandaat.beoordelingsdrempel is not None
        else register.beoordelingsdrempel
    )
    steekproef = (
        mandaat.steekproefPercentage
        if mandaat and mandaat.steekproefPercentage is not None
        else register.steekproefPercentage
    )
    redenen = []
    if mandaat is None:
        redenen.append(f"het mandaatregister kent de soort '{soort}' niet")
    elif vereist is None:
        redenen.append(
            f"{euro(bedrag)} valt boven elk mandaat in het register: escaleren buiten de service"
        )
    if mandaat is not None and mandaat.altijdBeoordelen:
        redenen.append(f"een beslissing van de soort '{soort}' wordt altijd collegiaal getoetst")
    if vereist is not None and not bevoegd:
        redenen.append(f"de behandelaar heeft niet het vereiste mandaat ({vereist})")
    if bedrag > drempel:
        redenen.append(f"het bedrag {euro(bedrag)} ligt boven de toetsdrempel van {euro(drempel)}")
    if not redenen and in_steekproef(beslissing_id, steekproef):
        redenen.append(f"{STEEKPROEF} ({tekst(steekproef, 'procent')}) voor de kwaliteitscontrole")
    return Mandaatoordeel(
        vereiste_rol=vereist,
        bedrag=bedrag,
        looptijd_maanden=looptijd,
        behandelaar_bevoegd=bevoegd,
        beoordeling_vereist=bool(redenen),
        reden="; ".join(redenen)
        if redenen
        else "geen toets nodig: binnen mandaat en onder de drempel",
    )


def laad_register(map: Path) -> GeladenRegister:
    """The register in `map` (exactly one file); raise RegelbestandFout listing every problem."""
    gevonden, problemen = controleer_register(map)
    if problemen or gevonden is None:
        raise RegelbestandFout(problemen)
    return gevonden


def controleer_register(map: Path) -> tuple[GeladenRegister | None, list[Probleem]]:
    bestanden = sorted([*map.glob("*.yaml"), *map.glob("*.yml")]) if map.is_dir() else []
    if len(bestanden) != 1:
        return None, [
            Probleem(
                str(map),
                0,
                "-",
                f"verwacht precies één registerbestand, gevonden: {len(bestanden)}",
            )
        ]
    pad = bestanden[0]
    naam = f"{map.name}/{pad.name}"
    tekst = pad.read_text(encoding="utf-8")
    try:
        document = lees_yaml(tekst)
    except YamlFout as fout:
        return None, [Probleem(naam, fout.regelnummer, "-", fout.melding)]
    try:
        register = Mandaatregister.model_validate(document.data)
    except ValidationError as validatie:
        return None, validatieproblemen(
            naam,
            document,
            validatie,
            lambda plek: (".".join(str(s) for s in plek[:2]) or "-", min(len(plek), 2)),
            veldnamen(Mandaatregister),
        )
    onbekend = [
        Probleem(
            naam,
            document.regelnummer_van(("soorten", soort, "grenzen", rol)),
            f"soorten.{soort}",
            f"rol '{rol}' staat niet in 'rollen' — gebruik een van: {', '.join(register.rollen)}",
        )
        for soort, rol in register.onbekende_rollen()
    ]
    if onbekend:
        return None, onbekend
    return GeladenRegister(register, naam, tekst), []

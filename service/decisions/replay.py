"""Find the exact rule set behind a stored decision, even after the files changed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlmodel import Session

from service.engine.compiled import GecompileerdeRegelset
from service.engine.library import GeladenRegelset, Regelbibliotheek, controleer_map
from service.mandates.register import GeladenRegister
from service.storage import repository
from service.storage.models import Regelsetversie

_uit_archief: dict[str, GeladenRegelset] = {}


def archiveer_register(sessie: Session, register: GeladenRegister) -> None:
    """Store the mandate register behind its hash (decisions record that hash)."""
    repository.bewaar_regelsetversie(
        sessie,
        Regelsetversie(
            hash=register.hash,
            naam=register.register.naam,
            versie=register.register.versie,
            bestanden={register.pad: register.tekst},
        ),
    )


def archiveer(sessie: Session, bibliotheek: Regelbibliotheek) -> None:
    """Store the files behind every loaded rule-set hash (once per hash)."""
    for regelset in bibliotheek.regelsets:
        bestanden = {
            pad: (bibliotheek.map / pad).read_text(encoding="utf-8") for pad in regelset.bestanden
        }
        repository.bewaar_regelsetversie(
            sessie,
            Regelsetversie(
                hash=regelset.hash, naam=regelset.naam, versie=regelset.versie, bestanden=bestanden
            ),
        )


def regelset_voor(
    bibliotheek: Regelbibliotheek, sessie: Session, soort: str, hash: str
) -> GeladenRegelset | None:
    """The loaded rule set with this hash, or one rebuilt from the archived files."""
    geladen = bibliotheek.op_hash(soort, hash)
    if geladen is not None:
        return geladen
    if hash in _uit_archief:
        return _uit_archief[hash]
    versie = repository.haal_regelsetversie(sessie, hash)
    if versie is None:
        return None
    with tempfile.TemporaryDirectory() as map:
        for pad, tekst in versie.bestanden.items():
            doel = Path(map) / pad
            doel.parent.mkdir(parents=True, exist_ok=True)
            doel.write_text(tekst, encoding="utf-8")
        regelsets, _ = controleer_map(Path(map))
    gevonden: list[GecompileerdeRegelset] = [r for r in regelsets if r.hash == hash]
    if not gevonden:
        return None
    _uit_archief[hash] = GeladenRegelset(gevonden[0])
    return _uit_archief[hash]

"""The Algoritmeregister record of this service (publication standard 1.0).

Built, not written: purpose, legal basis, human intervention and validity come from the
rule sets and the mandate register in force; what only people can say (name, short
description, risks, proportionality, impact assessments, contact) from the organisation
file. The field names are the standard's (`name`, `description_short`, …), so the record
can be uploaded to the register as it is.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import Any

from service.engine.compiled import GecompileerdeRegelset
from service.engine.library import Regelbibliotheek
from service.mandates.register import GeladenRegister
from service.organisatie import Organisatie

STANDAARD = "1.0"
MAX_TEKST = 2500


def _lijst(items: list[str]) -> str:
    """An HTML list (the standard allows div, br, p, ul, ol, li in its long texts)."""
    return "<ul>" + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items) + "</ul>"


def _binnen(delen: list[str], kort: list[str], maximum: int = MAX_TEKST) -> str:
    """The full list if it fits the field, else the short one (never a cut-off sentence)."""
    tekst = _lijst(delen)
    return tekst if len(tekst) <= maximum else _lijst(kort)


def _status(regelsets: list[GecompileerdeRegelset], vandaag: dt.date) -> str:
    if any(r.geldig_op(vandaag) for r in regelsets):
        return "In gebruik"
    if all(r.geldig_vanaf > vandaag for r in regelsets):
        return "In ontwikkeling"
    return "Buiten gebruik"


def _grondslagen(regelsets: list[GecompileerdeRegelset]) -> list[dict[str, str]]:
    """Every (law, article) with a link that a rule applies, once, in a stable order."""
    gezien: dict[tuple[str, str], str] = {}
    for regelset in regelsets:
        for regel in regelset.regels:
            for g in regel.grondslag:
                if g.url and (g.regeling, g.artikel) not in gezien:
                    gezien[(g.regeling, g.artikel)] = g.url
    return [
        {"title": f"{regeling}, artikel {artikel}"[:100], "link": url}
        for (regeling, artikel), url in sorted(gezien.items())
    ]


def _menselijk(regelsets: list[GecompileerdeRegelset], register: GeladenRegister) -> str:
    r = register.register
    altijd = sorted(s for s, m in r.soorten.items() if m.altijdBeoordelen)
    procent = (r.steekproefPercentage * 100).normalize()
    zinnen = sorted({rs.menselijke_tussenkomst.strip() for rs in regelsets})
    zinnen += [
        "Een medewerker met mandaat is verantwoordelijk voor elke beslissing; het algoritme "
        "rekent en motiveert, de medewerker beslist.",
        f"Een collega met ten minste het vereiste mandaat toetst (vier ogen) elke beslissing "
        f"boven € {r.beoordelingsdrempel.quantize(Decimal('0.01'))}, elke beslissing buiten het "
        f"mandaat van de behandelaar, een aselecte steekproef van {procent:f} %"
        + (f" en altijd bij: {', '.join(altijd)}" if altijd else "")
        + f" (mandaatregister {r.titel} {r.versie}).",
        "Niemand toetst zijn eigen beslissing. Een afgekeurde beslissing wordt niet "
        "uitgevoerd; de goed- en afkeuringen per regel worden gebruikt om de regels te verbeteren.",
    ]
    return _lijst(zinnen)


def _werking(regelsets: list[GecompileerdeRegelset]) -> str:
    items = [
        f"{r.titel} ({r.naam} {r.versie}, inhoudshash {r.hash[:12]}, {len(r.regels)} regels, "
        f"geldig vanaf {r.geldig_vanaf.isoformat()}"
        + (f" tot en met {r.geldig_tot.isoformat()}" if r.geldig_tot else "")
        + ")"
        for r in regelsets
    ]
    inleiding = (
        "<p>Regelgebaseerd en niet zelflerend. Beleidsmedewerkers leggen de wetsregels en "
        "gedateerde wettelijke waarden vast in regelbestanden; een regelengine (durable_rules) "
        "past ze toe op de gegevens van de zaak. Elke beslissing noemt elke toegepaste regel "
        "met zijn wettelijke grondslag en de gebruikte waarden, en bewaart de versie van de "
        "regels, zodat zij later precies zo te herberekenen is.</p>"
    )
    return inleiding + _lijst(items)


def registratie(
    bibliotheek: Regelbibliotheek,
    register: GeladenRegister,
    organisatie: Organisatie,
    vandaag: dt.date,
    bron_url: str,
    verwerkingsregister: str | None,
) -> dict[str, Any]:
    """The register record (publication standard 1.0 field names)."""
    regelsets = sorted(bibliotheek.regelsets, key=lambda r: (r.naam, r.geldig_vanaf))
    a = organisatie.algoritme
    status = _status(regelsets, vandaag)
    begin = a.inGebruikSinds or min(r.geldig_vanaf for r in regelsets)
    grondslagen = _grondslagen(regelsets)
    regelingen = sorted({g["title"].split(", artikel")[0] for g in grondslagen})
    record: dict[str, Any] = {
        "name": a.naam,
        "description_short": a.korteOmschrijving.strip(),
        "organization": organisatie.naam,
        "category": list(a.thema),
        "status": status,
        "begin_date": begin.strftime("%Y-%m"),
        "contact_email": organisatie.contactEmail,
        "publication_category": a.publicatiecategorie,
        "url": bron_url,
        "goal": _binnen(
            [f"{r.titel}: {' '.join(r.doel.split())}" for r in regelsets],
            [r.titel for r in regelsets],
        ),
        "human_intervention": _menselijk(regelsets, register),
        "lawful_basis": "<p>Het algoritme voert taken uit deze regelingen uit; elke regel "
        "noemt zijn artikel (zie de verwijzingen).</p>"
        + _binnen(regelingen, regelingen[:20], MAX_TEKST - 200),
        "lawful_basis_grouping": grondslagen,
        "methods_and_models": _werking(regelsets),
        "standard_version": STANDAARD,
        "lang": "nld",
    }
    if status == "Buiten gebruik" and all(r.geldig_tot for r in regelsets):
        record["end_date"] = max(r.geldig_tot for r in regelsets if r.geldig_tot).strftime("%Y-%m")
    optioneel = {
        "proportionality": a.afwegingen,
        "risks": a.risicobeheer,
        "source_data": a.gegevens,
        "impacttoetsen": a.toelichtingImpacttoetsen,
        "provider": a.leverancier,
        "publiccode": str(a.broncode) if a.broncode else None,
        "website": str(a.website) if a.website else None,
        "source_id": a.bronId,
        "tags": ", ".join(a.zoektermen) or None,
        "process_index_url": verwerkingsregister,
    }
    record |= {k: v.strip() for k, v in optioneel.items() if v}
    if a.impacttoetsen:
        record["impacttoetsen_grouping"] = [
            {"title": t.titel, "link": str(t.link)} for t in a.impacttoetsen
        ]
    if a.gegevensbronnen:
        record["source_data_grouping"] = [
            {"title": t.titel, "link": str(t.link)} for t in a.gegevensbronnen
        ]
    return record

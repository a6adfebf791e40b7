"""A stored decision as a ZGW Besluiten API (1.1.0) `besluit`, ready to POST to /besluiten.

Field names and types are those of the standard's `Besluit` schema; read-only fields
(`url`, `vervalredenWeergave`) are left to the Besluiten API. Where each value comes from:
- `identificatie`: the decision id; `verantwoordelijkeOrganisatie`: the RSIN and
  `bestuursorgaan` from the organisation file; `besluittype`: that file's URL per soort;
- `zaak`: the zaakreferentie if it is a URL, else the organisation's `zaakUrl` template;
- `datum`: the peildatum (the date the decision speaks for); `ingangsdatum`: the day it took
  effect — the day of approval for a reviewed decision, else the peildatum;
- `toelichting`: the reasons (Awb 3:46), each with its legal basis, and the review;
- `uiterlijkeReactiedatum`: the end of the objection term where the outcome has one (the
  field the organisation file names; the latest when there are several claims).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from service.organisatie import Organisatie

NL = ZoneInfo("Europe/Amsterdam")
MAX_URL = 200


def _datums(waarde: Any, veld: str) -> Iterator[dt.date]:
    """Every value of field `veld` anywhere in an outcome, as dates."""
    if isinstance(waarde, dict):
        for sleutel, sub in waarde.items():
            if sleutel == veld and isinstance(sub, str):
                try:
                    yield dt.date.fromisoformat(sub)
                except ValueError:
                    continue
            else:
                yield from _datums(sub, veld)
    elif isinstance(waarde, list):
        for sub in waarde:
            yield from _datums(sub, veld)


def _grondslag(reden: dict[str, Any]) -> str:
    delen = []
    for g in reden.get("grondslag", []):
        tekst = f"{g['regeling']} art. {g['artikel']}"
        if g.get("lid"):
            tekst += f" lid {g['lid']}"
        delen.append(tekst)
    return "; ".join(delen)


def toelichting(redenen: list[dict[str, Any]], beoordeeld: tuple[str, dt.date] | None) -> str:
    """The reasons as one text: per rule its title, explanation and legal basis."""
    regels = []
    for reden in redenen:
        betreft = f" ({reden['betreft']})" if reden.get("betreft") else ""
        grondslag = _grondslag(reden)
        regels.append(
            f"{reden['titel']}{betreft}: {reden['uitleg']}"
            + (f" [Grondslag: {grondslag}]" if grondslag else "")
        )
    if beoordeeld is not None:
        wie, wanneer = beoordeeld
        regels.append(f"Collegiaal getoetst en goedgekeurd door {wie} op {wanneer.isoformat()}.")
    return "\n".join(regels)


def zaak_url(zaakreferentie: str | None, organisatie: Organisatie) -> str | None:
    if not zaakreferentie:
        return None
    if zaakreferentie.startswith(("https://", "http://")):
        return zaakreferentie if len(zaakreferentie) <= MAX_URL else None
    sjabloon = organisatie.zgw.zaakUrl
    if sjabloon is None:
        return None
    url = sjabloon.replace("{zaakreferentie}", quote(zaakreferentie, safe=""))
    return url if len(url) <= MAX_URL else None


def als_besluit(
    beslissing: Any,
    besluittype: str,
    organisatie: Organisatie,
    goedgekeurd: tuple[str, dt.datetime] | None,
) -> dict[str, Any]:
    """The `besluit` of a stored decision (a `storage.models.Beslissing`).

    `goedgekeurd` is (reviewer, moment) for an approved decision, None when no review
    was needed.
    """
    ingang = beslissing.peildatum
    beoordeeld = None
    if goedgekeurd is not None:
        wie, moment = goedgekeurd
        dag = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(NL).date()
        ingang, beoordeeld = max(ingang, dag), (wie, dag)
    besluit: dict[str, Any] = {
        "identificatie": beslissing.id,
        "verantwoordelijkeOrganisatie": organisatie.rsin,
        "besluittype": besluittype,
        "datum": beslissing.peildatum.isoformat(),
        "toelichting": toelichting(beslissing.redenen, beoordeeld),
        "ingangsdatum": ingang.isoformat(),
    }
    zaak = zaak_url(beslissing.zaakreferentie, organisatie)
    if zaak is not None:
        besluit["zaak"] = zaak
    if organisatie.bestuursorgaan:
        besluit["bestuursorgaan"] = organisatie.bestuursorgaan
    einden = list(_datums(beslissing.uitkomst, organisatie.zgw.reactiedatumUit))
    besluit["uiterlijkeReactiedatum"] = max(einden).isoformat() if einden else None
    return besluit

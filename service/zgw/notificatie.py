"""Notifications after the ZGW Notificaties API: the message, the filters, the signature.

A notification is thin (as in ZGW): where the resource is and what happened, with a few
`kenmerken` to filter on; the receiver fetches the decision itself (with its own access).
The body is signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`), with the
subscription's secret (`whsec_` + base64), so any Standard Webhooks library verifies it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

KANAAL = "beslissingen"
FILTERBAAR = ("soort", "resultaat", "zaakreferentie")


def nieuw_geheim() -> str:
    """A fresh signing secret: `whsec_` + base64 of 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def onderteken(geheim: str, bericht_id: str, tijdstip: int, inhoud: bytes) -> str:
    """The `webhook-signature` value for one delivery (Standard Webhooks, v1)."""
    sleutel = base64.b64decode(geheim.removeprefix("whsec_"))
    tekst = f"{bericht_id}.{tijdstip}.".encode() + inhoud
    return "v1," + base64.b64encode(hmac.new(sleutel, tekst, hashlib.sha256).digest()).decode()


def past(kanalen: list[dict[str, Any]], kanaal: str, kenmerken: dict[str, str]) -> bool:
    """Whether a subscription wants this notification: a channel of that name whose every
    filter equals the kenmerk (an empty filter takes all)."""
    return any(
        k.get("naam") == kanaal
        and all(
            kenmerken.get(sleutel) == waarde for sleutel, waarde in (k.get("filters") or {}).items()
        )
        for k in kanalen
    )


def einde_beoordeling(
    publieke_url: str,
    beslissing_id: str,
    beoordeling_id: str,
    soort: str,
    resultaat: str,
    zaakreferentie: str | None,
    moment: dt.datetime,
) -> tuple[dict[str, Any], dict[str, str]]:
    """The notification that a review ended (`beoordeling` created), and its kenmerken."""
    basis = publieke_url.rstrip("/")
    kenmerken = {"soort": soort, "resultaat": resultaat}
    if zaakreferentie:
        kenmerken["zaakreferentie"] = zaakreferentie
    hoofdobject = f"{basis}/v1/beslissingen/{beslissing_id}"
    return (
        {
            "kanaal": KANAAL,
            "hoofdObject": hoofdobject,
            "resource": "beoordeling",
            "resourceUrl": f"{hoofdobject}/beoordelingen/{beoordeling_id}",
            "actie": "create",
            "aanmaakdatum": moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            "kenmerken": kenmerken,
        },
        kenmerken,
    )

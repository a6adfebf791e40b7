"""Audit records (after the ZGW audittrail): who did what with a decision, and the result.

Only services in `service.decisions` write them; routes and pages never do (an
import-linter contract in pyproject.toml keeps it that way).
"""

from __future__ import annotations

from service.decisions.principals import Principal
from service.ids import token_hex
from service.storage.models import Auditrecord, nu


def auditrecord(
    principal: Principal,
    actie: str,
    weergave: str,
    resultaat: int,
    beslissing_id: str | None,
    oud: dict[str, object] | None = None,
    nieuw: dict[str, object] | None = None,
) -> Auditrecord:
    """One audit row; `resultaat` is the HTTP-like status of the action (200, 201, 403, 409)."""
    return Auditrecord.model_construct(  # no validation: every value is built here
        id=token_hex(16),
        beslissing_id=beslissing_id,
        gebruikers_id=principal.id,
        gebruikers_rol=principal.rol,
        actie=actie,
        actie_weergave=weergave,
        resultaat=resultaat,
        hoofd_object=f"/v1/beslissingen/{beslissing_id}" if beslissing_id else "/v1/beslissingen",
        aanmaakdatum=nu(),
        oud=oud,
        nieuw=nieuw,
    )

"""POST /v1/beslissingen: one 400 lists every problem of the request, envelope and gegevens.

FastAPI validates the envelope (`BeslissingVerzoek`) before the route runs; `gegevens` are
validated later, against the rule set of the soort. So a wrong envelope (a peildatum
`20260101`, an unknown field) would hide every problem in `gegevens`. This route class
completes a refused envelope with the problems of the behandelaar, the soort and the
gegevens (`service.decisions.verzoekproblemen`) in the same answer.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError

from service.api.problems import validatieproblemen
from service.api.verzoeken import StriktJsonRoute
from service.decisions.verzoekproblemen import ALLE_FOUTEN, verzoekproblemen
from service.errors import OngeldigVerzoek
from service.herladen.wacht import actuele_omgeving
from service.rekenwerk import op_rekenthread


def _veld(naam: str) -> str:
    """The top-level field of an invalidParams name: `gegevens.vorderingen[0]` → `gegevens`."""
    return naam.split(".", 1)[0].split("[", 1)[0]


async def alle_problemen(request: Request, fout: RequestValidationError) -> OngeldigVerzoek:
    """The refused envelope's problems, and those of the rest of the request."""
    envelop = validatieproblemen(fout)
    verzoek = fout.body if isinstance(fout.body, dict) else {}
    verder = await op_rekenthread(  # validating gegevens is CPU work, like a decision
        verzoekproblemen,
        actuele_omgeving(request.app.state),
        getattr(request.state, "principal", None),
        verzoek,
        {_veld(p["name"]) for p in envelop},
    )
    return OngeldigVerzoek(ALLE_FOUTEN, invalidParams=envelop + verder)


class BeslisverzoekRoute(StriktJsonRoute):
    """The route that takes a decision: a refused envelope lists the gegevens' problems too."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        origineel = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await origineel(request)
            except RequestValidationError as fout:
                raise await alle_problemen(request, fout) from None

        return handler

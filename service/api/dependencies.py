"""Annotated dependencies shared by the routes.

They are `async def` on purpose: FastAPI runs plain `def` dependencies and routes in a
thread pool, and for this CPU-bound service (one rule evaluation at a time per process,
a short database write) the thread hand-offs cost more than they save. Scale with
processes (`invordering serve --workers N`), not threads.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel import Session

from service.api.schemas import ID_PATROON
from service.decisions.context import Omgeving
from service.herladen.wacht import actuele_omgeving


async def sessie(request: Request) -> AsyncIterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as s:
        yield s


async def omgeving(request: Request) -> Omgeving:
    # After a reload (by any worker, or SIGHUP) new requests get the new rules; cheap if none.
    return actuele_omgeving(request.app.state)  # type: ignore[no-any-return]


SessionDep = Annotated[Session, Depends(sessie)]
OmgevingDep = Annotated[Omgeving, Depends(omgeving)]
BeslissingIdPad = Annotated[str, Path(pattern=ID_PATROON, description="Id van de beslissing.")]

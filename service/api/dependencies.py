"""Annotated dependencies shared by the routes.

Routes that read or write the database are plain `def`: FastAPI runs them (and the
`sessie` dependency, which closes the session) in its thread pool, so a query or a
waiting SQLite write lock never stalls the event loop. The decision path is `async`:
it hands its CPU work to the CPU thread (service.rekenwerk) and its rows to the
group-commit writer, and only waits on the event loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel import Session

from service.api.schemas import ID_PATROON
from service.decisions.context import Omgeving
from service.herladen.wacht import actuele_omgeving


def sessie(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as s:
        yield s


async def omgeving(request: Request) -> Omgeving:
    # After a reload (by any worker, or SIGHUP) new requests get the new rules; cheap if none.
    return actuele_omgeving(request.app.state)  # type: ignore[no-any-return]


SessionDep = Annotated[Session, Depends(sessie)]
OmgevingDep = Annotated[Omgeving, Depends(omgeving)]
BeslissingIdPad = Annotated[str, Path(pattern=ID_PATROON, description="Id van de beslissing.")]

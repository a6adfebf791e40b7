"""Annotated dependencies shared by the routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from service.engine.library import Regelbibliotheek


def sessie(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as s:
        yield s


def bibliotheek(request: Request) -> Regelbibliotheek:
    return request.app.state.bibliotheek  # type: ignore[no-any-return]


SessionDep = Annotated[Session, Depends(sessie)]
BibliotheekDep = Annotated[Regelbibliotheek, Depends(bibliotheek)]

"""Alembic environment: runs on the connection the service hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from service.storage import models  # noqa: F401 - registers the tables

verbinding = context.config.attributes.get("connection")
if verbinding is None:
    raise RuntimeError("gebruik service.storage.database.migreer(engine)")
context.configure(connection=verbinding, target_metadata=SQLModel.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

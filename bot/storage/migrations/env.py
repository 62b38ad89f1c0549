"""Alembic environment: runs on the connection handed over by ``Database.upgrade``.

Following alembic's cookbook for asyncio ("Programmatic API use"), the caller
opens an async connection and passes its sync facade here.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from bot.storage.models import Base

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through Database.upgrade() or `backcoach db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things in place
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

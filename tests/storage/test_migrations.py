"""Migrations build the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect

from bot.storage.database import Database
from bot.storage.models import Base


async def test_upgrade_creates_every_table_and_is_repeatable(any_db: Database) -> None:
    await any_db.upgrade()  # the fixture already upgraded once: a second run is a no-op
    async with any_db.engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


async def test_migrations_match_the_models(any_db: Database) -> None:
    def diff(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with any_db.engine.connect() as connection:
        differences = await connection.run_sync(diff)
    assert differences == []

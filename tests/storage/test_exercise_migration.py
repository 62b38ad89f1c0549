"""The hand-written migration builds exactly the exercise_sessions table the model declares."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect

from bot.storage.database import Database
from bot.storage.models import Base, ExerciseSession


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    diffs = compare_metadata(context, Base.metadata)
    return [d for d in diffs if ExerciseSession.__tablename__ in repr(d)]


def _foreign_keys(connection: Connection) -> list[dict[str, Any]]:
    return inspect(connection).get_foreign_keys(ExerciseSession.__tablename__)


async def test_migration_matches_the_model(any_db: Database) -> None:
    async with any_db.engine.connect() as connection:
        assert await connection.run_sync(_differences) == []
        (fk,) = await connection.run_sync(_foreign_keys)
    assert fk["referred_table"] == "persons"
    assert fk["options"].get("ondelete") == "CASCADE"

"""The one way to write "insert unless it is there already" on SQLite and PostgreSQL.

Two presses delivered together, or two processes handling one person, both find
no row and both insert: one of them meets the unique key. Every "get or create"
therefore inserts with ``ON CONFLICT`` (both databases speak it, each through its
own SQLAlchemy dialect) and lets the key decide who created the row: the loser's
statement does nothing and returns no row, and the caller reads the winner's.
On PostgreSQL the loser waits for the winner's transaction and sees its row once
committed; on SQLite writers take turns, so the second one finds it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

Insert = postgresql.Insert | sqlite.Insert


def insert_for(bind: AsyncSession | AsyncConnection, table: Table | Any) -> Insert:
    """An ``INSERT`` into ``table`` (a table or a mapped class) that can take ``ON CONFLICT``."""
    dialect = bind.get_bind().dialect if isinstance(bind, AsyncSession) else bind.dialect
    if dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


async def insert_new(
    bind: AsyncSession | AsyncConnection,
    table: Table | Any,
    values: dict[str, Any],
    key: list[Any],
    returning: Any,
) -> Any | None:
    """Insert ``values`` unless a row with the same unique ``key`` columns is there.

    Returns the new row's ``returning`` column (its id, say), or ``None`` when the row
    was there already: made earlier, or by a request racing this one.
    """
    statement = insert_for(bind, table).on_conflict_do_nothing(index_elements=key)
    return (await bind.execute(statement.values(values).returning(returning))).scalar()

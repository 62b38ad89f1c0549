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
from sqlalchemy.sql.dml import ReturningInsert

Insert = postgresql.Insert | sqlite.Insert


def insert_for(bind: AsyncSession | AsyncConnection, table: Table | Any) -> Insert:
    """An ``INSERT`` into ``table`` (a table or a mapped class) that can take ``ON CONFLICT``."""
    return _insert(_dialect_of(bind), table)


def _dialect_of(bind: AsyncSession | AsyncConnection) -> str:
    dialect = bind.get_bind().dialect if isinstance(bind, AsyncSession) else bind.dialect
    return str(dialect.name)


def _insert(dialect: str, table: Table | Any) -> Insert:
    return postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)


class InsertNew:
    """:func:`insert_new` into one Core table, its statement built once per database kind
    and the values passed as parameters.

    For the inserts on a hot path (a person's first message): building a statement
    and finding its compiled form cost more than running it on SQLite.
    """

    def __init__(self, table: Table, key: list[Any], *returning: Any) -> None:
        """``returning``: the columns a new row gives back, its id first."""
        self.table, self.key, self.returning = table, key, returning
        self._statements: dict[str, ReturningInsert[Any]] = {}

    def statement(self, bind: AsyncSession | AsyncConnection) -> ReturningInsert[Any]:
        dialect = _dialect_of(bind)
        statement = self._statements.get(dialect)
        if statement is None:
            statement = self._statements[dialect] = (
                _insert(dialect, self.table)
                .on_conflict_do_nothing(index_elements=self.key)
                .returning(*self.returning)
            )
        return statement

    async def __call__(self, bind: AsyncSession | AsyncConnection, values: dict[str, Any]) -> Any:
        """The new row's first ``returning`` column, or ``None`` when the row was there
        already. ``bind.execute(statement(bind), [values, ...])`` inserts several at once:
        its rows are those of the new ones."""
        return (await bind.execute(self.statement(bind), values)).scalar()


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

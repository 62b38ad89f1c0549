"""The reminder sweep's per-chunk statements, spoken straight to the database driver.

Why not through SQLAlchemy: the sweep runs four or five small statements per chunk
of ``REMINDER_SEND_CONCURRENCY`` rows, and measured on ``bench/reminders.py`` each
one cost 0.3-0.8 ms of Python in SQLAlchemy's async layer (a greenlet hop, the DBAPI
emulation with one thread hop per cursor call on aiosqlite, per-value type
processing), several times what the database itself needs for 64 rows. So this hot
path, and only it, sends SQL text to the driver (aiosqlite's or asyncpg's
connection, taken from the pool through SQLAlchemy); the schema, the migrations and
every rare write (a blocked person, a retry-after) stay in SQLAlchemy. Values cross
with the column type's own SQLAlchemy converters, so a stored due time reads and
compares exactly as everywhere else.

One statement per step, whatever the chunk holds:

* :meth:`ChunkStatements.take` reads the oldest due rows (PostgreSQL: ``FOR UPDATE
  SKIP LOCKED``, so several processes take disjoint rows; SQLite: outside any write
  transaction, one sweeper);
* :meth:`ChunkStatements.advance` moves every row to its own next due time and
  returns the ids moved; on SQLite each move is guarded by the due time read, so a
  row changed meanwhile (by its person) is left alone and not sent;
* :meth:`ChunkStatements.record` writes one delivery per (subscription, slot) and
  status; only a ``retry_after`` record is ever overwritten.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage.models import ReminderSubscription

SUBSCRIPTIONS: Table = ReminderSubscription.__table__  # type: ignore[assignment]

Move = tuple[int, Any, Any]
"""(subscription id, next due time, due time read), both as the driver stores them."""
Record = tuple[int, datetime, str, str]
"""(subscription id, slot, status, detail) of one delivery."""


class Taken(NamedTuple):
    """One due row as :meth:`ChunkStatements.take` returns it; times as the driver stores
    them (:meth:`ChunkStatements.instant` reads them)."""

    id: int
    platform: str
    chat_id: str
    user_id: str
    timezone: str
    slots: str
    quiet_start: str | None
    quiet_end: str | None
    slot_at: Any
    next_due_at: Any

    @property
    def stored_schedule(self) -> tuple[str, str, str | None, str | None, Any]:
        """What planning reads, as stored: rows that share it share one plan."""
        return self.timezone, self.slots, self.quiet_start, self.quiet_end, self.slot_at


TAKEN = tuple(SUBSCRIPTIONS.c[name] for name in Taken._fields)
"""The columns :meth:`ChunkStatements.take` reads, in :class:`Taken`'s order."""
COLUMNS = ", ".join(column.name for column in TAKEN)

CHECKPOINT_EVERY = 16
"""Sweep commits between two SQLite checkpoints (~750 WAL pages, SQLite's default is
1,000); see :class:`Checkpoints`."""
REMEMBERED = 10_000
"""Distinct due times whose conversion is remembered (see :meth:`ChunkStatements.stored`)."""
GROUPED_UP_TO = 4
"""SQLite advances up to this many groups (rows sharing next and read due times) with
one plain ``UPDATE`` each; more with one statement over (id, next, read) triples,
which costs SQLite about twice as much per row (each triple is parsed from JSON)."""

_UPSERT = (
    " ON CONFLICT (subscription_id, slot_at) DO UPDATE SET status = excluded.status,"
    " recorded_at = excluded.recorded_at, detail = excluded.detail"
    " WHERE reminder_deliveries.status = 'retry_after'"
)


class ChunkStatements:
    """One chunk's statements on one pooled connection; see the module docstring."""

    writes_beside: bool
    """Whether this database lets the sweep's two transactions write at the same time
    (PostgreSQL: yes; SQLite has one writer at a time, the other would wait)."""

    def __init__(self, connection: AsyncConnection, driver: Any, dialect: Dialect) -> None:
        self.connection = connection
        self.driver = driver
        due_type = SUBSCRIPTIONS.c.next_due_at.type.dialect_impl(dialect)
        self._to_driver: Callable[[Any], Any] = due_type.bind_processor(dialect) or _same
        self._from_driver: Callable[[Any], Any] = due_type.result_processor(dialect, None) or _same
        self._stored: dict[datetime, Any] = {}
        self._instants: dict[Any, datetime] = {}

    @staticmethod
    async def open(connection: AsyncConnection) -> ChunkStatements:
        raw = await connection.get_raw_connection()
        dialect = connection.dialect
        kind = PostgresChunks if dialect.name == "postgresql" else SqliteChunks
        return kind(connection, raw.driver_connection, dialect)

    @staticmethod
    @asynccontextmanager
    async def pair(engine: AsyncEngine) -> AsyncIterator[tuple[ChunkStatements, ChunkStatements]]:
        """Two connections for one sweep to alternate on (scheduler/reminders.py).

        If the sweep fails or is cancelled, a transaction may be open on them:
        they are then dropped (the database rolls it back), never reused.
        """
        connections: list[AsyncConnection] = []
        checkpoints: Checkpoints | None = None
        clean = False
        try:
            for _ in range(2):
                connections.append(await engine.connect())
            ours, theirs = [await ChunkStatements.open(c) for c in connections]
            if isinstance(ours, SqliteChunks) and isinstance(theirs, SqliteChunks):
                checkpoints = await Checkpoints.open(engine, [ours, theirs])
            yield ours, theirs
            clean = True
        finally:
            if checkpoints is not None:
                await checkpoints.close(clean)
            for connection in connections:
                if not clean:
                    await connection.invalidate()
                await connection.close()

    def stored(self, instant: datetime | None) -> Any:
        """A due time as the driver binds and returns it (``None`` stays ``None``).

        A chunk holds a handful of distinct due times (slots are whole minutes), so
        conversions are remembered rather than repeated per row.
        """
        if instant is None:
            return None
        stored = self._stored.get(instant)
        if stored is None:
            if len(self._stored) > REMEMBERED:
                self._stored.clear()
            stored = self._stored[instant] = self._to_driver(instant)
        return stored

    def instant(self, stored: Any) -> datetime | None:
        """The aware UTC instant of a due time the driver returned."""
        if stored is None:
            return None
        instant = self._instants.get(stored)
        if instant is None:
            if len(self._instants) > REMEMBERED:
                self._instants.clear()
            instant = self._instants[stored] = self._from_driver(stored)
        return instant

    async def begin(self) -> None:
        raise NotImplementedError

    async def commit(self) -> None:
        raise NotImplementedError

    async def take(self, now: datetime, limit: int, after: Any) -> list[Taken]:
        """The oldest ``limit`` due rows, in due order.

        ``after`` is ``None`` or the (due time, id) of the last row of the chunk
        taken before, possibly still being committed on another connection.
        """
        raise NotImplementedError

    async def advance(self, moves: list[Move]) -> Iterable[int]:
        raise NotImplementedError

    async def record(self, records: Iterable[Record], now: datetime) -> None:
        raise NotImplementedError

    async def due_per_platform(self, now: datetime) -> Sequence[Sequence[Any]]:
        raise NotImplementedError


class SqliteChunks(ChunkStatements):
    """aiosqlite. Lists travel as one JSON parameter (``json_each``), so each
    statement's text, hence SQLite's prepared-statement cache entry, never changes.
    The take reads outside the write transaction: the module's ``sqlite3`` begins one
    implicitly at the first write (the advance), and the commit ends it."""

    checkpoints: Checkpoints | None = None
    writes_beside = False

    async def begin(self) -> None:
        """Nothing to send: the first write begins the transaction."""

    async def commit(self) -> None:
        await self.driver.commit()
        if self.checkpoints is not None:
            self.checkpoints.committed()

    async def take(self, now: datetime, limit: int, after: Any) -> list[Taken]:
        """Nothing is locked, so rows up to ``after`` are skipped explicitly."""
        if after is None:
            rows = await self.driver.execute_fetchall(
                f"SELECT {COLUMNS} FROM reminder_subscriptions WHERE next_due_at <= ?"
                " ORDER BY next_due_at, id LIMIT ?",
                (self.stored(now), limit),
            )
        else:
            rows = await self.driver.execute_fetchall(
                f"SELECT {COLUMNS} FROM reminder_subscriptions WHERE next_due_at <= ?"
                " AND (next_due_at, id) > (?, ?) ORDER BY next_due_at, id LIMIT ?",
                (self.stored(now), *after, limit),
            )
        return [Taken._make(row) for row in rows]

    async def advance(self, moves: list[Move]) -> Iterable[int]:
        groups: dict[tuple[Any, Any], list[int]] = {}
        for subscription_id, next_due, seen in moves:
            groups.setdefault((next_due, seen), []).append(subscription_id)
        if len(groups) > GROUPED_UP_TO:
            rows = await self.driver.execute_fetchall(
                "UPDATE reminder_subscriptions"
                " SET next_due_at = move.value ->> 1, slot_at = move.value ->> 1"
                " FROM json_each(?) AS move"
                " WHERE reminder_subscriptions.id = move.value ->> 0"
                " AND reminder_subscriptions.next_due_at = move.value ->> 2"
                " RETURNING reminder_subscriptions.id",
                (json.dumps(moves),),
            )
            return [row[0] for row in rows]
        moved: list[int] = []
        for (next_due, seen), ids in groups.items():
            rows = await self.driver.execute_fetchall(
                "UPDATE reminder_subscriptions SET next_due_at = ?, slot_at = ?"
                " WHERE id IN (SELECT value FROM json_each(?)) AND next_due_at = ?"
                " RETURNING id",
                (next_due, next_due, json.dumps(ids), seen),
            )
            moved.extend(row[0] for row in rows)
        return moved

    async def record(self, records: Iterable[Record], now: datetime) -> None:
        listed = [
            [subscription_id, self.stored(slot), status, detail]
            for subscription_id, slot, status, detail in records
        ]
        await self.driver.execute(
            "INSERT INTO reminder_deliveries"
            " (subscription_id, person_id, slot_at, status, recorded_at, detail)"
            " SELECT s.id, s.person_id, r.value ->> 1, r.value ->> 2, ?, r.value ->> 3"
            " FROM json_each(?) AS r JOIN reminder_subscriptions AS s ON s.id = r.value ->> 0"
            " WHERE true" + _UPSERT,  # WHERE: SQLite's parser needs it before ON CONFLICT
            (self.stored(now), json.dumps(listed)),
        )

    async def due_per_platform(self, now: datetime) -> Sequence[Sequence[Any]]:
        return await self.driver.execute_fetchall(  # type: ignore[no-any-return]
            "SELECT platform, count(*) FROM reminder_subscriptions WHERE next_due_at <= ?"
            " GROUP BY platform",
            (self.stored(now),),
        )


class Checkpoints:
    """Moves SQLite's WAL checkpoints out of the sweep's commits, beside them.

    By default the connection whose commit lets the WAL pass 1,000 pages copies
    them into the database file and syncs it, inside that commit: measured on
    ``bench/reminders.py``, two thirds of a chunk's commit time. During a sweep its
    two connections do not checkpoint; every :data:`CHECKPOINT_EVERY` commits a
    third connection runs a passive checkpoint (it never blocks a writer or a
    reader) in its own thread, while the sweep goes on. Afterwards the sweep's
    connections checkpoint as before.
    """

    def __init__(self, connection: AsyncConnection, driver: Any) -> None:
        self.connection = connection
        self.driver = driver
        self.commits = 0
        self.running: asyncio.Task[Any] | None = None
        self.statements: list[SqliteChunks] = []
        self.pages = 0

    @staticmethod
    async def open(engine: AsyncEngine, statements: list[SqliteChunks]) -> Checkpoints:
        connection = await engine.connect()
        driver: Any = (await connection.get_raw_connection()).driver_connection
        checkpoints = Checkpoints(connection, driver)
        ((checkpoints.pages,),) = await driver.execute_fetchall("PRAGMA wal_autocheckpoint")
        for chunk_statements in statements:
            await chunk_statements.driver.execute("PRAGMA wal_autocheckpoint = 0")
            chunk_statements.checkpoints = checkpoints
            checkpoints.statements.append(chunk_statements)
        return checkpoints

    def committed(self) -> None:
        self.commits += 1
        if self.commits % CHECKPOINT_EVERY == 0 and (self.running is None or self.running.done()):
            self.running = asyncio.create_task(
                self.driver.execute("PRAGMA wal_checkpoint(PASSIVE)")
            )

    async def close(self, clean: bool) -> None:
        if self.running is not None:
            await asyncio.gather(self.running, return_exceptions=True)
        if clean:
            for chunk_statements in self.statements:
                await chunk_statements.driver.execute(
                    f"PRAGMA wal_autocheckpoint = {int(self.pages)}"
                )
        await self.connection.close()


class PostgresChunks(ChunkStatements):
    """asyncpg. Lists travel as typed arrays (``unnest``); asyncpg prepares each
    statement once per connection. The take's row locks hold until the commit, so
    the advance needs no guard: nobody else can have changed those rows."""

    _transaction: Any = None
    writes_beside = True

    async def begin(self) -> None:
        self._transaction = self.driver.transaction()
        await self._transaction.start()

    async def commit(self) -> None:
        transaction, self._transaction = self._transaction, None
        await transaction.commit()

    async def take(self, now: datetime, limit: int, after: Any) -> list[Taken]:
        """The rows of a chunk still being committed are locked, hence skipped."""
        rows = await self.driver.fetch(
            f"SELECT {COLUMNS} FROM reminder_subscriptions WHERE next_due_at <= $1"
            " ORDER BY next_due_at LIMIT $2 FOR UPDATE SKIP LOCKED",
            self.stored(now),
            limit,
        )
        return [Taken._make(row) for row in rows]

    async def advance(self, moves: list[Move]) -> Iterable[int]:
        await self.driver.execute(
            "UPDATE reminder_subscriptions AS s SET next_due_at = move.next, slot_at = move.next"
            " FROM unnest($1::bigint[], $2::timestamp[]) AS move (id, next)"
            " WHERE s.id = move.id",
            [move[0] for move in moves],
            [move[1] for move in moves],
        )
        return (move[0] for move in moves)

    async def record(self, records: Iterable[Record], now: datetime) -> None:
        ids: list[int] = []
        slots: list[Any] = []
        statuses: list[str] = []
        details: list[str] = []
        for subscription_id, slot, status, detail in records:
            ids.append(subscription_id)
            slots.append(self.stored(slot))
            statuses.append(status)
            details.append(detail)
        await self.driver.execute(
            "INSERT INTO reminder_deliveries"
            " (subscription_id, person_id, slot_at, status, recorded_at, detail)"
            " SELECT s.id, s.person_id, r.slot, r.status, $5, r.detail"
            " FROM unnest($1::bigint[], $2::timestamp[], $3::text[], $4::text[])"
            " AS r (id, slot, status, detail)"
            " JOIN reminder_subscriptions AS s ON s.id = r.id" + _UPSERT,
            ids,
            slots,
            statuses,
            details,
            self.stored(now),
        )

    async def due_per_platform(self, now: datetime) -> Sequence[Sequence[Any]]:
        return await self.driver.fetch(  # type: ignore[no-any-return]
            "SELECT platform, count(*) FROM reminder_subscriptions WHERE next_due_at <= $1"
            " GROUP BY platform",
            self.stored(now),
        )


def _same(value: Any) -> Any:
    return value

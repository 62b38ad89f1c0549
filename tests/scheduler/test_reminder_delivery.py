"""Delivery promises of the reminder sweep: once per slot, through restarts, crashes,
downtime, blocked users, retry-after and several processes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text, update

from bot.app import build_app
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.events import Chat, Sender, TextMessage
from bot.core.ports import SendResult
from bot.storage.database import Database
from bot.storage.models import Account, ReminderSubscription
from scheduler.reminder_chunks import Move, SqliteChunks
from tests.scheduler.reminder_fixtures import (
    PLATFORM,
    CountingPort,
    DyingPort,
    SlowPort,
    make_sweep,
    seed,
    statuses,
)


def at(clock: ManualClock, day: int, hour: int, minute: int = 0, second: int = 0) -> None:
    clock.set(datetime(2026, 1, day, hour, minute, second, tzinfo=UTC))


async def restarted(settings: Settings, clock: ManualClock, port: CountingPort) -> Database:
    """A new App on the same database file, as after a process restart; runs its sweeps."""
    database = Database(settings.database_url)
    app = build_app(settings, clock=clock, database=database)
    app.conversation.connect(port)
    await app.sweeper.run_once()
    return database


async def test_each_slot_is_sent_once_even_after_a_restart(
    sqlite_db: Database, clock: ManualClock, settings: Settings
) -> None:
    await seed(sqlite_db, clock, 5)
    first = CountingPort()
    at(clock, 5, 8)
    assert await make_sweep(sqlite_db, clock, first).run_once() == 5
    at(clock, 5, 8, 0, 30)
    second = CountingPort()
    await (await restarted(settings, clock, second)).dispose()
    assert first.received == Counter({f"chat{i}": 1 for i in range(5)})
    assert not second.received


class Killed(Exception):
    """The process dies at this statement: its open transaction is rolled back."""


async def test_a_crash_before_a_chunk_commits_loses_nothing_and_repeats_nothing(
    sqlite_db: Database, clock: ManualClock, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(sqlite_db, clock, 20)
    at(clock, 5, 8)
    port = CountingPort()
    advances = 0
    advance = SqliteChunks.advance

    async def die_after_advancing_the_second_chunk(
        self: SqliteChunks, moves: list[Move]
    ) -> Iterable[int]:
        nonlocal advances
        moved = await advance(self, moves)  # written, not committed
        advances += 1
        if advances == 2:
            raise Killed
        return moved

    monkeypatch.setattr(SqliteChunks, "advance", die_after_advancing_the_second_chunk)
    with pytest.raises(Killed):
        await make_sweep(sqlite_db, clock, port, concurrency=8).run_once()
    monkeypatch.undo()
    assert sum(port.received.values()) == 8  # the first chunk went out before the crash
    at(clock, 5, 8, 0, 10)
    await (await restarted(settings, clock, port)).dispose()
    assert port.received == Counter({f"chat{i}": 1 for i in range(20)})


async def test_a_crash_mid_send_loses_at_most_the_messages_in_flight_never_repeats(
    sqlite_db: Database, clock: ManualClock, settings: Settings
) -> None:
    """At-most-once: the slot is committed as done before the chunk is sent."""
    await seed(sqlite_db, clock, 50)
    at(clock, 5, 8)
    dying = DyingPort(survive=20, expect_hanging=4)  # chunk 3: 4 delivered, 4 stuck
    sweep = make_sweep(sqlite_db, clock, dying, concurrency=8)
    task = asyncio.create_task(sweep.run_once())
    await dying.all_hung.wait()
    task.cancel()  # the process is killed here
    with contextlib.suppress(asyncio.CancelledError):
        await task
    after = CountingPort()
    clock.advance(timedelta(seconds=10))  # restarted at once, well inside the grace window
    await (await restarted(settings, clock, after)).dispose()
    everyone = dying.received + after.received
    assert max(everyone.values()) == 1  # nobody got a reminder twice
    lost = 50 - len(everyone)
    assert lost == dying.hanging == 4 <= sweep.concurrency


async def test_a_change_made_after_the_take_wins_over_the_sweep(
    sqlite_db: Database, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite takes rows without locking them: a person's change made meanwhile wins."""
    await seed(sqlite_db, clock, 3)
    at(clock, 5, 8)
    take = SqliteChunks.take

    async def take_then_the_person_turns_reminders_off(
        self: SqliteChunks, now: datetime, limit: int, after: Any
    ) -> Sequence[Sequence[Any]]:
        rows = await take(self, now, limit, after)
        async with sqlite_db.session() as session:
            await session.execute(
                update(ReminderSubscription)
                .where(ReminderSubscription.chat_id == "chat1")
                .values(state="off", next_due_at=None, slot_at=None)
            )
        return rows

    monkeypatch.setattr(SqliteChunks, "take", take_then_the_person_turns_reminders_off)
    port = CountingPort()
    assert await make_sweep(sqlite_db, clock, port).run_once() == 2
    assert port.received == Counter(chat0=1, chat2=1)
    assert await statuses(sqlite_db) == Counter(sent=2)


async def test_a_slow_platform_still_gets_a_whole_chunk_at_once(
    sqlite_db: Database, clock: ManualClock
) -> None:
    await seed(sqlite_db, clock, 20)
    at(clock, 5, 8)
    port = SlowPort()
    assert await make_sweep(sqlite_db, clock, port, concurrency=8).run_once() == 20
    assert port.most_at_once == 8
    assert port.received == Counter({f"chat{i}": 1 for i in range(20)})


async def test_a_sweep_leaves_sqlite_checkpointing_as_it_found_it(
    sqlite_db: Database, clock: ManualClock
) -> None:
    """Its connections checkpoint beside the commits during a sweep, as usual after it."""
    await seed(sqlite_db, clock, 40)
    at(clock, 5, 8)
    port = CountingPort()
    assert await make_sweep(sqlite_db, clock, port, concurrency=1).run_once() == 40
    async with contextlib.AsyncExitStack() as stack:
        for _ in range(3):  # the sweep's two connections and its checkpointing one
            connection = await stack.enter_async_context(sqlite_db.engine.connect())
            pages = await connection.exec_driver_sql("PRAGMA wal_autocheckpoint")
            assert pages.scalar_one() == 1000
    assert port.received == Counter({f"chat{i}": 1 for i in range(40)})


async def test_downtime_shorter_than_grace_still_sends(
    sqlite_db: Database, clock: ManualClock
) -> None:
    await seed(sqlite_db, clock, 3)
    at(clock, 5, 8, 20)  # the bot was down from 07:00 to 08:20
    port = CountingPort()
    assert await make_sweep(sqlite_db, clock, port).run_once() == 3
    assert await statuses(sqlite_db) == Counter(sent=3)


async def test_downtime_longer_than_grace_records_missed_and_sends_no_burst(
    sqlite_db: Database, clock: ManualClock
) -> None:
    await seed(sqlite_db, clock, 3)
    port = CountingPort()
    sweep = make_sweep(sqlite_db, clock, port)
    at(clock, 5, 8, 45)
    assert await sweep.run_once() == 0
    assert await statuses(sqlite_db) == Counter(missed=3)
    at(clock, 8, 9)  # down again, for three days
    assert await sweep.run_once() == 0
    assert await statuses(sqlite_db) == Counter(missed=3 + 3 * 6)
    at(clock, 8, 18)
    assert await sweep.run_once() == 3
    assert port.received == Counter({f"chat{i}": 1 for i in range(3)})


async def test_a_blocked_user_is_paused_until_they_write_again(
    sqlite_db: Database, clock: ManualClock, settings: Settings
) -> None:
    await seed(sqlite_db, clock, 2)
    port = CountingPort(script=[SendResult.blocked("bot was blocked by the user")])
    sweep = make_sweep(sqlite_db, clock, port)
    at(clock, 5, 8)
    await sweep.run_once()
    (received,) = port.received
    blocked = "chat1" if received == "chat0" else "chat0"
    async with sqlite_db.session() as session:
        row = await session.scalar(
            select(ReminderSubscription).where(ReminderSubscription.chat_id == blocked)
        )
        account = await session.scalar(
            select(Account).where(Account.platform_user_id == blocked.replace("chat", "user"))
        )
    assert row is not None and row.state == "blocked" and row.next_due_at is None
    assert account is not None and not account.reachable
    for day in (5, 6, 7):
        at(clock, day, 18)
        await sweep.run_once()
    assert port.received[blocked] == 0  # never retried
    app = build_app(settings, clock=clock, database=sqlite_db)
    user = blocked.replace("chat", "user")
    await app.conversation.handle(TextMessage(Sender(PLATFORM, user), Chat(blocked), "hello"))
    await sweep.run_once()  # reschedules without sending at 18:00-something
    assert port.received[blocked] == 0
    at(clock, 8, 8)
    await sweep.run_once()
    assert port.received[blocked] == 1


async def test_retry_after_is_honoured_and_the_slot_sent_once(
    sqlite_db: Database, clock: ManualClock
) -> None:
    await seed(sqlite_db, clock, 1)
    port = CountingPort(script=[SendResult.wait(60)])
    sweep = make_sweep(sqlite_db, clock, port)
    at(clock, 5, 8)
    await sweep.run_once()
    assert await statuses(sqlite_db) == Counter(retry_after=1)
    clock.advance(59)
    await sweep.run_once()
    assert not port.received
    clock.advance(2)
    await sweep.run_once()
    assert port.received == Counter(chat0=1)
    assert await statuses(sqlite_db) == Counter(sent=1)
    clock.advance(3600)
    await sweep.run_once()
    assert port.received == Counter(chat0=1)


async def test_a_big_slot_logs_its_size(
    sqlite_db: Database, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    await seed(sqlite_db, clock, 12)
    at(clock, 5, 8)
    sweep = make_sweep(sqlite_db, clock, CountingPort(), concurrency=5)
    with caplog.at_level(logging.INFO, logger="scheduler.reminders"):
        assert await sweep.run_once() == 12
    assert "about 12 due on test" in caplog.text


@pytest.mark.postgres
async def test_three_sweepers_on_postgres_deliver_each_reminder_exactly_once(
    postgres_db: Database, clock: ManualClock
) -> None:
    await seed(postgres_db, clock, 300)
    async with postgres_db.session() as session:
        schema = (await session.execute(text("SHOW search_path"))).scalar_one()
    others = [
        Database(
            postgres_db.url.render_as_string(hide_password=False),
            connect_args={"server_settings": {"search_path": schema}},
        )
        for _ in range(2)
    ]
    ports = [CountingPort() for _ in range(3)]
    sweeps = [
        make_sweep(database, clock, port, concurrency=4)
        for database, port in zip([postgres_db, *others], ports, strict=True)
    ]
    at(clock, 5, 8)
    try:
        handed = await asyncio.gather(*(sweep.run_once() for sweep in sweeps))
    finally:
        for database in others:
            await database.dispose()
    union = sum((port.received for port in ports), Counter())
    assert union == Counter({f"chat{i}": 1 for i in range(300)})
    assert sum(handed) == 300
    assert await statuses(postgres_db) == Counter(sent=300)

"""Senders of questions who arrive together are recorded together, by the same rules."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest
from sqlalchemy import event, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.clock import ManualClock
from bot.storage.database import Database
from bot.storage.models import Account, Person
from bot.storage.people import AccountSeen, Recorded, record_sender
from bot.storage.senders import SenderRecorder

ANNA = AccountSeen("telegram", "1001", "Anna", private_chat_id="1001")
BEN = AccountSeen("telegram", "1002", "Ben", private_chat_id="1002")
CHLOE = AccountSeen("discord", "1001", "Chloe", private_chat_id="dm-1001")  # Anna's id, elsewhere


async def nothing_else(*_: object) -> None:
    """No more to do in a sender's transaction."""


def commits(database: Database) -> list[int]:
    counted: list[int] = []
    event.listen(database.engine.sync_engine, "commit", lambda _: counted.append(1))
    return counted


async def accounts(database: Database) -> list[tuple[int, str, str, str, str | None]]:
    async with database.session() as session:
        rows = await session.execute(
            select(
                Account.person_id,
                Account.platform,
                Account.platform_user_id,
                Account.display_name,
                Account.private_chat_id,
            ).order_by(Account.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def people(database: Database) -> int:
    async with database.session() as session:
        return int((await session.execute(select(func.count(Person.id)))).scalar_one())


async def test_newcomers_arriving_together_are_recorded_in_one_transaction(
    any_db: Database, clock: ManualClock
) -> None:
    recorder = SenderRecorder(any_db.engine, then=nothing_else)
    committed = commits(any_db)
    recorded = await asyncio.gather(
        *(recorder.record(seen, clock.now()) for seen in (ANNA, BEN, CHLOE))
    )
    assert [first for _, first, _ in recorded] == [True, True, True]
    assert len(committed) == 1
    ids = [person_id for person_id, _, _ in recorded]
    assert await accounts(any_db) == [
        (ids[0], "telegram", "1001", "Anna", "1001"),
        (ids[1], "telegram", "1002", "Ben", "1002"),
        (ids[2], "discord", "1001", "Chloe", "dm-1001"),
    ]
    assert ids == sorted(ids)  # people numbered in the order they wrote


async def test_together_or_one_by_one_the_same_people_and_accounts(
    any_db: Database, clock: ManualClock
) -> None:
    async with any_db.engine.begin() as connection:
        anna = await record_sender(connection, ANNA, clock.now())
    async with any_db.session() as session:
        await session.execute(update(Account).values(reachable=False))
    recorder = SenderRecorder(any_db.engine, then=nothing_else)
    renamed = AccountSeen("telegram", "1001", "Anna K.")
    again, ben = await asyncio.gather(
        recorder.record(renamed, clock.now()), recorder.record(BEN, clock.now())
    )
    assert again == Recorded(anna.person_id, False, True)  # known, and was unreachable
    assert ben.first_contact
    assert [(row[2], row[3], row[4]) for row in await accounts(any_db)] == [
        ("1001", "Anna K.", "1001"),
        ("1002", "Ben", "1002"),
    ]
    assert await people(any_db) == 2


async def test_one_persons_messages_at_once_make_one_first_contact(
    any_db: Database, clock: ManualClock
) -> None:
    recorder = SenderRecorder(any_db.engine, then=nothing_else)
    recorded = await asyncio.gather(*(recorder.record(ANNA, clock.now()) for _ in range(3)))
    assert [first for _, first, _ in recorded] == [True, False, False]
    assert len({person_id for person_id, _, _ in recorded}) == 1
    assert await people(any_db) == 1


async def test_a_failure_is_only_its_own_senders(any_db: Database, clock: ManualClock) -> None:
    async def fails_for_ben(
        _connection: AsyncConnection, seen: AccountSeen, _recorded: Recorded, _now: datetime
    ) -> None:
        if seen == BEN:
            raise RuntimeError("Ben's turn failed")

    recorder = SenderRecorder(any_db.engine, then=fails_for_ben)
    anna, ben, chloe = await asyncio.gather(
        *(recorder.record(seen, clock.now()) for seen in (ANNA, BEN, CHLOE)),
        return_exceptions=True,
    )
    assert isinstance(ben, RuntimeError)
    assert isinstance(anna, Recorded) and anna.first_contact
    assert isinstance(chloe, Recorded) and chloe.first_contact
    assert [row[3] for row in await accounts(any_db)] == ["Anna", "Chloe"]
    assert await people(any_db) == 2


async def test_a_cancelled_turn_does_not_stop_the_others(
    any_db: Database, clock: ManualClock
) -> None:
    recorder = SenderRecorder(any_db.engine, then=nothing_else)
    anna = asyncio.create_task(recorder.record(ANNA, clock.now()))
    ben = asyncio.create_task(recorder.record(BEN, clock.now()))
    await asyncio.sleep(0)
    ben.cancel()
    assert (await anna).first_contact
    with pytest.raises(asyncio.CancelledError):
        await ben

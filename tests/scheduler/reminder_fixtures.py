"""Subscribers seeded straight into the database, and ports that misbehave on cue."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import time, timedelta

from sqlalchemy import select

from bot.content import load_content
from bot.core.clock import ManualClock
from bot.core.delivery import Delivery
from bot.core.events import Recipient
from bot.core.messages import OutboundMessage
from bot.core.ports import SendResult
from bot.core.reminders.sending import ReminderSending
from bot.core.reminders.subscriptions import subscribe
from bot.storage.database import Database
from bot.storage.models import Account, Person, ReminderDelivery
from bot.storage.people import RecentAccounts
from scheduler.reminders import ReminderSweep

PLATFORM = "test"
CONTENT = load_content()


async def seed(
    database: Database,
    clock: ManualClock,
    count: int,
    *,
    zone: str = "UTC",
    slots: tuple[time, ...] = (time(8), time(18)),
) -> None:
    async with database.session() as session:
        for index in range(count):
            person = Person(created_at=clock.now(), timezone=zone, preferences={})
            account = Account(
                person=person,
                platform=PLATFORM,
                platform_user_id=f"user{index}",
                created_at=clock.now(),
                reachable=True,
            )
            session.add_all([person, account])
            await session.flush()
            await subscribe(
                session,
                person_id=person.id,
                recipient=Recipient(PLATFORM, f"chat{index}", f"user{index}"),
                group_id=None,
                timezone=zone,
                slots=slots,
                now=clock.now(),
            )


@dataclass
class CountingPort:
    """Delivers everything and counts per chat; ``script`` answers the first sends instead."""

    platform: str = PLATFORM
    received: Counter[str] = field(default_factory=Counter)
    script: list[SendResult] = field(default_factory=list)
    private_chat_link: str | None = None

    def private_chat(self, user_id: str) -> str:
        return user_id.replace("user", "chat")

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        if self.script:
            result = self.script.pop(0)
            if not result.ok:
                return result
        self.received[recipient.chat_id] += 1
        return SendResult.sent()


@dataclass
class DyingPort(CountingPort):
    """Delivers ``survive`` messages, then every send hangs: the process is about to die."""

    survive: int = 0
    expect_hanging: int = 1
    hanging: int = 0
    all_hung: asyncio.Event = field(default_factory=asyncio.Event)

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        if sum(self.received.values()) < self.survive:
            return await super().send(recipient, message)
        self.hanging += 1
        if self.hanging >= self.expect_hanging:
            self.all_hung.set()
        await asyncio.Event().wait()  # never returns: cancelled with the "process"
        raise AssertionError("unreachable")


@dataclass
class SlowPort(CountingPort):
    """Every send waits a millisecond for the platform; counts the sends under way."""

    under_way: int = 0
    most_at_once: int = 0

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        self.under_way += 1
        self.most_at_once = max(self.most_at_once, self.under_way)
        await asyncio.sleep(0.001)
        self.under_way -= 1
        return await super().send(recipient, message)


def make_sweep(
    database: Database,
    clock: ManualClock,
    port: CountingPort,
    *,
    grace: timedelta = timedelta(minutes=30),
    concurrency: int = 8,
) -> ReminderSweep:
    delivery = Delivery(database, clock, CONTENT.messages, RecentAccounts())
    delivery.connect(port)
    sending = ReminderSending(CONTENT.reminders, delivery, grace=grace)
    return ReminderSweep(database, sending, clock, concurrency=concurrency)


async def statuses(database: Database) -> Counter[str]:
    async with database.session() as session:
        rows = await session.execute(select(ReminderDelivery.status))
        return Counter(row[0] for row in rows)

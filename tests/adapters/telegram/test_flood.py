"""Telegram's flood limits, with the fake enforcing them: paced, never refused, nothing lost."""

from __future__ import annotations

import asyncio

import pytest

from bot.adapters.telegram import FloodLimits
from bot.core.events import Chat, Command, Recipient, Sender
from bot.core.messages import message
from tests.adapters.telegram.conftest import TelegramPerson, TelegramTester
from tests.fakes.telegram_api import FakeBotApi


@pytest.fixture
def limits() -> FloodLimits:
    return FloodLimits()  # Telegram's own


def to(person: TelegramPerson) -> Recipient:
    return Recipient("telegram", str(person.id), str(person.id))


async def test_a_429_storm_during_a_burst_of_pushes_loses_nothing(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    people = [tg.person(f"p{i}") for i in range(45)]
    for person in people:
        fake.meet(person.user)
    fake.flood_limits = True
    fake.too_many("sendMessage", times=4, retry_after=1)
    results = await asyncio.gather(
        *(tg.app.delivery.push(to(p), [message(f"walk, {p.user.first_name}")]) for p in people)
    )
    assert all(result.ok for result in results)
    assert sorted(m.text for m in fake.sent) == sorted(f"walk, p{i}" for i in range(45))
    assert fake.too_many_requests == 4  # the injected ones: pacing itself caused none


async def test_one_chat_gets_at_most_one_message_a_second(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    kim = tg.person()
    fake.meet(kim.user)
    fake.flood_limits = True
    result = await tg.app.delivery.push(to(kim), [message(f"step {i}") for i in range(3)])
    assert result.ok
    assert [m.text for m in kim.inbox] == ["step 0", "step 1", "step 2"]
    assert fake.too_many_requests == 0  # the fake refuses a second message within a second


async def test_a_storm_longer_than_the_retries_asks_the_caller_to_wait(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    kim = tg.person()
    fake.meet(kim.user)
    tg.telegram.limiter.limits = FloodLimits(max_retries=1)
    fake.too_many("sendMessage", times=2, retry_after=1)
    result = await tg.app.delivery.push(to(kim), [message("walk")])
    assert result.status == "retry_after" and result.retry_after == 1
    assert kim.inbox == []


async def test_a_429_storm_during_a_reminder_slot_loses_nothing(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    people = [tg.person(f"walker{i}") for i in range(40)]
    for person in people:
        fake.meet(person.user)
        chat = Chat(str(person.id), is_private=True)
        sender = Sender("telegram", str(person.id), person.user.first_name)
        await tg.app.conversation.handle(Command(sender, chat, "remind", "on 08:00 18:00"))
    fake.flood_limits = True
    fake.too_many("sendMessage", times=5, retry_after=1)
    await asyncio.wait_for(tg.waits(3600), timeout=60)  # 08:00: the slot falls due
    reminders = [m for m in fake.sent if "Done ✅" in m.labels]
    assert sorted(m.chat_id for m in reminders) == sorted(p.id for p in people)
    assert fake.too_many_requests == 5

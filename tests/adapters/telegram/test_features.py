"""The core's features as a Telegram user meets them: exercises, reminders, stats."""

from __future__ import annotations

import asyncio

import pytest

from bot.adapters.telegram import FloodLimits
from tests.adapters.telegram.conftest import TelegramTester
from tests.fakes.telegram_api import FakeBotApi


async def test_a_whole_exercise_session_through_inline_buttons(tg: TelegramTester) -> None:
    kim = tg.person("Kim")
    started = await kim.says("/exercise bird dog")
    assert any("Step 1 of" in m.text for m in started)
    steps = 0
    for _ in range(40):  # bounded: bird dog has a handful of steps per side
        latest = kim.inbox[-1]
        if "Next" in latest.labels:
            replies = await kim.presses("Next", on=latest)
        elif "Done" in latest.labels:
            replies = await kim.presses("Done", on=latest)
        else:
            break
        assert latest.keyboard == [], "the pressed keyboard is removed"
        steps += 1
        if any("⏱" in m.text for m in replies):
            pushed = await tg.waits(60)  # the hold ends: the bot tells Kim to release
            assert any("Hold done" in m.text for m in pushed)
            assert all(m.chat_id == kim.id for m in pushed)
    assert steps >= 2
    assert any("is finished" in m.text for m in kim.inbox)


async def test_reminders_are_set_delivered_and_done_logs_a_walk(tg: TelegramTester) -> None:
    kim = tg.person("Kim")
    confirmation = " ".join(m.text for m in await kim.says("/remind on 08:00 18:00"))
    assert "08:00 and 18:00" in confirmation and "UTC" in confirmation
    [reminder] = await tg.waits(3600)  # the clock starts at 07:00 UTC
    assert reminder.chat_id == kim.id
    assert "walk" in reminder.text.lower()
    assert {"Done ✅", "Snooze 30 min", "Skip today"} <= set(reminder.labels)
    await kim.presses("Done ✅", on=reminder)
    assert reminder.keyboard == []
    stats = await kim.says("/stats")
    assert any("streak" in m.text.lower() for m in stats)
    assert any(m.photo for m in stats), "the chart comes as a photo"


@pytest.fixture
def limits() -> FloodLimits:
    return FloodLimits()  # Telegram's own: 30/s overall, one per second per chat


async def test_a_429_storm_during_a_reminder_slot_loses_nothing(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    people = [tg.person(f"walker{i}") for i in range(40)]
    for person in people:
        await person.says("/remind on 08:00 18:00")
    fake.flood_limits = True
    fake.too_many("sendMessage", times=5, retry_after=1)
    before = len(fake.sent)
    await asyncio.wait_for(tg.waits(3600), timeout=60)
    reminders = fake.sent[before:]
    assert sorted(m.chat_id for m in reminders) == sorted(p.id for p in people)
    assert fake.too_many_requests >= 5

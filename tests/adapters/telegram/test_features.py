"""The core's features as a Telegram user meets them: exercises, reminders, stats."""

from __future__ import annotations

from tests.adapters.telegram.conftest import TelegramTester
from tests.fakes.telegram_api import FakeBotApi


async def test_a_whole_exercise_session_through_inline_buttons(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    kim = tg.person("Kim")
    started = await kim.says("/exercise bird dog")
    assert any("Step 1 of" in m.text for m in started)
    steps = holds = 0
    for _ in range(40):  # bounded: bird dog has a handful of steps per side
        latest = kim.inbox[-1]
        actions_before = len(fake.chat_actions)
        if "Next" in latest.labels:
            replies = await kim.presses("Next", on=latest)
        elif "Done" in latest.labels:
            replies = await kim.presses("Done", on=latest)
        else:
            break
        assert latest.keyboard == [], "the pressed keyboard is removed"
        steps += 1
        if any("⏱" in m.text for m in replies):
            holds += 1
            typing = fake.chat_actions[actions_before:]
            assert (kim.id, "typing") in typing, "typing… shows while the bot counts the hold"
            pushed = await tg.waits(60)  # the hold ends: the bot tells Kim to release
            assert any("Hold done" in m.text for m in pushed)
            assert all(m.chat_id == kim.id for m in pushed)
    assert steps >= 2 and holds >= 1
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
    assert any("Walks this week: 1" in m.text and "in a row" in m.text for m in stats)
    assert any(m.photo for m in stats), "the chart comes as a photo"

"""A person sets up walking reminders in the console and lives with them for a while."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image

from bot.core.clock import ManualClock
from tests.conftest import ConsoleUser

MINUTE = 60
HOUR = 60 * MINUTE


def at(clock: ManualClock, *args: int) -> None:
    clock.set(datetime(*args, tzinfo=UTC))


async def test_remind_on_confirms_the_default_times_and_names_the_zone(user: ConsoleUser) -> None:
    reply = await user.says("/remind on")
    assert "08:00 and 18:00, UTC time" in reply
    assert "/timezone" in reply  # still on the default zone: says how to change it


async def test_remind_shows_status_with_a_button(user: ConsoleUser) -> None:
    assert "off" in await user.says("/remind")
    await user.says("/timezone berlin")
    await user.says("/remind on 07:30 18:00")
    status = await user.says("/remind")
    assert "07:30 and 18:00 (Europe/Berlin)" in status
    assert "[1] Turn off" in status
    assert "are off" in await user.says("1")


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("Kathmandu", "Asia/Kathmandu"),
        ("america/los_angeles", "America/Los_Angeles"),
        ("UTC", "UTC"),
    ],
)
async def test_timezone_understands_cities_and_iana_names(
    user: ConsoleUser, typed: str, zone: str
) -> None:
    assert f"Time zone set to {zone}." in await user.says(f"/timezone {typed}")


async def test_an_unknown_timezone_gets_suggestions(user: ConsoleUser) -> None:
    reply = await user.says("/timezone berlinn")
    assert "don't know the time zone “berlinn”" in reply
    assert "Did you mean: Europe/Berlin" in reply
    assert "Time zone is UTC" not in reply
    assert "Your time zone is UTC" in await user.says("/timezone")


async def test_changing_the_zone_keeps_the_local_times(user: ConsoleUser) -> None:
    await user.says("/remind on 08:00 18:00")
    reply = await user.says("/timezone Kathmandu")
    assert "follow Asia/Kathmandu: 08:00 and 18:00. Next one: Mon 5 Jan, 18:00" in reply


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("24:00", "isn't a time of day: use 00:00 for midnight"),
        ("25:61", "hours go from 00 to 23 and minutes from 00 to 59"),
        ("7", "needs minutes too"),
        ("08:00 8:00", "You gave 8:00 twice"),
        ("noon", "can't read “noon” as a time"),
        ("06:00 09:00 12:00 18:00", "more than three times a day"),
        ("13pm", "isn't a valid time"),
    ],
)
async def test_bad_times_get_a_clear_answer(user: ConsoleUser, typed: str, answer: str) -> None:
    assert answer in await user.says(f"/remind on {typed}")


async def test_twelve_hour_times_are_accepted_and_repeated_as_24_hour(user: ConsoleUser) -> None:
    assert "07:30 and 19:00" in await user.says("/remind on 7:30am 7 pm")


async def test_reminder_arrives_at_local_time_with_three_buttons(
    user: ConsoleUser, clock: ManualClock
) -> None:
    await user.says("/timezone Kathmandu")
    await user.says("/remind on 18:00 19:00")  # 18:00 NPT = 12:15 UTC
    at(clock, 2026, 1, 5, 12, 14)
    assert await user.waits(0) == ""
    pushed = await user.waits(MINUTE)
    assert "Time for a short walk" in pushed
    assert "Ten to fifteen minutes" in pushed
    assert "[1] Done ✅" in pushed and "Snooze 30 min" in pushed and "Skip today" in pushed
    assert await user.waits(MINUTE) == ""  # once per slot


async def test_remind_off_stops_the_reminders(user: ConsoleUser, clock: ManualClock) -> None:
    await user.says("/remind on 08:00 18:00")
    assert "Walking reminders are off" in await user.says("/remind off")
    assert "already off" in await user.says("/remind off")
    at(clock, 2026, 1, 5, 7, 59)
    assert await user.waits(0) == ""
    assert await user.waits(24 * HOUR) == ""  # neither slot fires


async def test_done_logs_a_walk_and_grows_a_streak(user: ConsoleUser, clock: ManualClock) -> None:
    await user.says("/remind on 08:00 18:00")
    await user.waits(1 * HOUR)  # 08:00 UTC
    logged = await user.says("Done ✅")
    assert "logged a 15-minute walk" in logged and "day 1" in logged
    assert "already logged" in await user.says("Done ✅")
    assert "Changed to 20 minutes" in await user.says("20 min")
    at(clock, 2026, 1, 6, 7, 59)
    await user.waits(MINUTE)
    assert "2 days in a row" in await user.says("Done ✅")
    stats = await user.says("/stats")
    assert "Walks this week: 2 (35 minutes)" in stats
    assert "Days in a row with a walk: 2" in stats


async def test_stats_sends_a_png_chart(user: ConsoleUser) -> None:
    await user.says("/walk 12")
    for period in ("", " 30"):
        replies = await user.console.submit(f"/stats{period}")
        image = replies[0].image
        assert image is not None and image.filename == "walks.png"
        assert replies[0].visibility == "private"
        assert image.data.startswith(b"\x89PNG\r\n\x1a\n")
        with Image.open(io.BytesIO(image.data)) as png:
            assert png.format == "PNG" and png.size[0] > 100
    assert "/stats 30" in await user.says("/stats 12")


async def test_walk_undo_removes_the_last_walk(user: ConsoleUser) -> None:
    await user.says("/walk 25")
    assert "Removed your last walk (25 minutes" in await user.says("/walk undo")
    assert "no walk to remove" in await user.says("/walk undo")
    assert "1 to 300" in await user.says("/walk 301")


async def test_snooze_sends_the_reminder_again_thirty_minutes_later(
    user: ConsoleUser, clock: ManualClock
) -> None:
    await user.says("/remind on 08:00 18:00")
    await user.waits(1 * HOUR)
    assert "08:30" in await user.says("Snooze 30 min")
    assert await user.waits(29 * MINUTE) == ""
    assert "Time for a short walk" in await user.waits(1 * MINUTE)


async def test_skip_today_silences_the_evening_but_not_tomorrow(
    user: ConsoleUser, clock: ManualClock
) -> None:
    await user.says("/remind on 08:00 18:00")
    await user.waits(1 * HOUR)
    assert "Next reminder: Tue 6 Jan, 08:00" in await user.says("Skip today")
    at(clock, 2026, 1, 5, 17, 59)
    assert await user.waits(2 * MINUTE) == ""
    at(clock, 2026, 1, 6, 7, 59)
    assert "Time for a short walk" in await user.waits(2 * MINUTE)


async def test_quiet_hours_refuse_a_slot_inside_them_and_say_which_are_hidden(
    user: ConsoleUser, clock: ManualClock
) -> None:
    await user.says("/remind on 06:30 18:00")
    reply = await user.says("/remind quiet 22:00 07:00")
    assert "Quiet hours set: 22:00–07:00" in reply and "06:30 falls inside them" in reply
    assert "inside your quiet hours" in await user.says("/remind on 23:00")
    at(clock, 2026, 1, 6, 6, 29)
    assert await user.waits(2 * MINUTE) == ""
    assert "hide every reminder" in await user.says("/remind quiet 05:00 20:00")
    assert "removed" in await user.says("/remind quiet off")


async def test_two_reminders_a_day_for_a_week_in_berlin(user: ConsoleUser) -> None:
    await user.says("/timezone berlin")
    await user.says("/remind on")
    pushed = ""
    for _ in range(7 * 48):
        pushed += await user.waits(30 * MINUTE)
    assert pushed.count("Time for a short walk") == 14


async def test_forget_deletes_reminders_and_walks(user: ConsoleUser) -> None:
    await user.says("/remind on")
    await user.says("/walk 10")
    (exported,) = await user.console.submit("/export")
    data = exported.meta["export"]
    assert isinstance(data, dict) and data["walks"] and data["reminder_subscriptions"]
    await user.says("/forget")
    assert "deleted everything" in await user.says("Yes, delete everything")
    assert "off" in await user.says("/remind")
    assert "No walks logged yet" in await user.says("/stats")

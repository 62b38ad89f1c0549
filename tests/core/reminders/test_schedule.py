"""The schedule rules: local slots to UTC instants across DST gaps and overlaps."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.core.reminders.schedule import QuietHours, next_slot_after, out_of_quiet
from bot.core.times.local import end_of_local_day


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def fires(
    zone: str,
    slots: tuple[time, ...],
    start: datetime,
    end: datetime,
    quiet: QuietHours | None = None,
) -> list[datetime]:
    """Every instant the schedule fires between ``start`` and ``end``."""
    instants = []
    current = next_slot_after(start, slots, zone, quiet)
    while current is not None and current <= end:
        instants.append(current)
        current = next_slot_after(current, slots, zone, quiet)
    return instants


def test_two_slots_a_day_fire_fourteen_times_a_week_at_local_times() -> None:
    got = fires("Europe/Berlin", (time(8), time(18)), utc(2026, 1, 5), utc(2026, 1, 12))
    assert len(got) == 14
    assert {g.astimezone(UTC).hour for g in got} == {7, 17}  # CET is UTC+1 in January


@pytest.mark.parametrize(
    ("zone", "night", "fires_at_utc"),
    [
        # 02:30 does not exist: clocks jump 02:00 -> 03:00; fires at 03:00 local, once.
        ("Europe/Berlin", utc(2026, 3, 28, 22), utc(2026, 3, 29, 1, 0)),
        ("America/New_York", utc(2026, 3, 8, 3), utc(2026, 3, 8, 7, 0)),
    ],
)
def test_a_slot_in_the_spring_forward_gap_fires_once_at_the_next_valid_minute(
    zone: str, night: datetime, fires_at_utc: datetime
) -> None:
    got = fires(zone, (time(2, 30),), night, night + timedelta(hours=12))
    assert got == [fires_at_utc]


@pytest.mark.parametrize(
    ("zone", "night", "slot", "first_occurrence_utc"),
    [
        # 02:30 happens twice (03:00 -> 02:00); fires on the first (CEST, UTC+2), once.
        ("Europe/Berlin", utc(2026, 10, 24, 20), time(2, 30), utc(2026, 10, 25, 0, 30)),
        # 01:30 happens twice (02:00 -> 01:00); fires on the first (EDT, UTC-4), once.
        ("America/New_York", utc(2026, 11, 1, 0), time(1, 30), utc(2026, 11, 1, 5, 30)),
    ],
)
def test_a_slot_in_the_fall_back_overlap_fires_once_on_the_first_occurrence(
    zone: str, night: datetime, slot: time, first_occurrence_utc: datetime
) -> None:
    got = fires(zone, (slot,), night, night + timedelta(hours=12))
    assert got == [first_occurrence_utc]


def test_ordinary_slots_keep_their_local_time_across_the_change() -> None:
    before = fires("America/New_York", (time(8),), utc(2026, 3, 7), utc(2026, 3, 7, 23))
    after = fires("America/New_York", (time(8),), utc(2026, 3, 9), utc(2026, 3, 9, 23))
    assert [b.hour for b in before] == [13]  # EST, UTC-5
    assert [a.hour for a in after] == [12]  # EDT, UTC-4


def test_kathmandu_quarter_hour_offset() -> None:
    got = fires("Asia/Kathmandu", (time(8), time(18)), utc(2026, 1, 5), utc(2026, 1, 6))
    assert got == [utc(2026, 1, 5, 2, 15), utc(2026, 1, 5, 12, 15)]


def test_quiet_hours_hide_a_slot_and_move_a_snooze_to_their_end() -> None:
    quiet = QuietHours(time(22), time(7))
    got = fires("UTC", (time(6, 30), time(18)), utc(2026, 1, 5), utc(2026, 1, 7), quiet=quiet)
    assert got == [utc(2026, 1, 5, 18), utc(2026, 1, 6, 18)]
    assert out_of_quiet(utc(2026, 1, 5, 22, 10), "UTC", quiet) == utc(2026, 1, 6, 7)
    assert out_of_quiet(utc(2026, 1, 6, 3), "UTC", quiet) == utc(2026, 1, 6, 7)
    assert out_of_quiet(utc(2026, 1, 6, 12), "UTC", quiet) == utc(2026, 1, 6, 12)


def test_skip_today_ends_at_local_midnight() -> None:
    end = end_of_local_day(utc(2026, 1, 5, 7), "Asia/Kathmandu")
    assert next_slot_after(end, (time(8), time(18)), "Asia/Kathmandu") == utc(2026, 1, 6, 2, 15)

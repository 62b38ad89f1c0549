"""A person's local time: their zone, their calendar day, and how a time reads to them.

Instants are aware UTC everywhere in the core; these turn them into a person's
wall clock and back. Wall-clock rules for a day that has a gap or an overlap (a
change of daylight-saving time), which docs/reminders.md repeats for people:

* **Gap** (spring forward, e.g. 02:30 on the night clocks jump 02:00→03:00): the
  time is the first valid wall-clock minute after it (03:00).
* **Overlap** (fall back, e.g. 01:30 happens twice): the first occurrence (PEP 495
  ``fold=0``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.content.texts import Words
from bot.core.markup import fill


@lru_cache(maxsize=1024)
def zone_of(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_date(at: datetime, zone: str) -> date:
    """The person's calendar day at the instant ``at``."""
    return at.astimezone(zone_of(zone)).date()


def local_instant(day: date, moment: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock ``moment`` on ``day``, by the gap and overlap rules."""
    wall = datetime.combine(day, moment)
    for _ in range(24 * 60):  # a gap is at most a few hours; this bound is never reached
        instant = wall.replace(tzinfo=zone).astimezone(UTC)  # fold=0: first occurrence
        if instant.astimezone(zone).replace(tzinfo=None) == wall:
            return instant
        wall += timedelta(minutes=1)  # in a gap: try the next wall-clock minute
    raise ValueError(f"no valid local time near {day} {moment} in {zone.key}")


def end_of_local_day(instant: datetime, zone_name: str) -> datetime:
    """The last instant of ``instant``'s local calendar day (for "skip today")."""
    zone = zone_of(zone_name)
    tomorrow = instant.astimezone(zone).date() + timedelta(days=1)
    return local_instant(tomorrow, time(0, 0), zone) - timedelta(microseconds=1)


def format_time(moment: time) -> str:
    """``08:00``: 24-hour time, the one form the bot shows and stores."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def local_clock(instant: datetime, zone: str) -> str:
    """What the clock shows in ``zone`` at ``instant``: ``08:00``."""
    return format_time(instant.astimezone(zone_of(zone)).time())


def format_moment(instant: datetime | None, zone: str, words: Words) -> str:
    """``Tue 6 Jan, 08:00`` in the person's zone, in the content's words."""
    if instant is None:
        return words.no_time
    local = instant.astimezone(zone_of(zone))
    return fill(
        words.moment,
        weekday=words.weekdays[local.weekday()],
        day=local.day,
        month=words.months[local.month - 1],
        time=format_time(local.time()),
    ).text


def join_list(items: Sequence[str], words: Words) -> str:
    """``a``, ``a and b``, ``a, b and c``, with the content's word for "and"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {words.list_and} {items[-1]}"


def join_times(times: Sequence[time], words: Words) -> str:
    """``07:30 and 18:00``."""
    return join_list([format_time(t) for t in times], words)

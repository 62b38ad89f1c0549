"""When a slot falls due: local wall-clock times turned into UTC instants.

The rules, which docs/reminders.md repeats for people:

* A slot is a local wall-clock time (``08:00``) in the person's IANA zone.
* **Gap** (spring forward, e.g. 02:30 on the night clocks jump 02:00→03:00): the
  slot fires at the first valid wall-clock minute after it (03:00), once
  (:func:`bot.core.times.local.local_instant`).
* **Overlap** (fall back, e.g. 01:30 happens twice): the slot fires once, on the
  first occurrence (PEP 495 ``fold=0``).
* Quiet hours filter slots: a slot inside them never fires.

Everything here is a pure function of its arguments; :func:`next_slot_after` is
memoised because a whole slot's worth of subscribers in one zone share the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache

from bot.core.times.local import format_time, local_instant, zone_of

MAX_SLOTS = 3
"""Twice a day is the article's advice; a third slot leaves room, more would nag."""
DEFAULT_SLOTS = (time(8, 0), time(18, 0))


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily window, ``start`` inclusive and ``end`` exclusive; it may wrap midnight."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError("quiet hours need different start and end")

    def contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def describe(self) -> str:
        return f"{format_time(self.start)}–{format_time(self.end)}"


def slots_to_text(slots: tuple[time, ...]) -> str:
    """The stored form: ``"08:00 18:00"``."""
    return " ".join(format_time(s) for s in slots)


@lru_cache(maxsize=4096)
def slots_from_text(text: str) -> tuple[time, ...]:
    return tuple(time.fromisoformat(part) for part in text.split())


@lru_cache(maxsize=4096)
def quiet_from_columns(start: str | None, end: str | None) -> QuietHours | None:
    if start is None or end is None:
        return None
    return QuietHours(time.fromisoformat(start), time.fromisoformat(end))


@lru_cache(maxsize=8192)
def next_slot_after(
    after: datetime, slots: tuple[time, ...], zone_name: str, quiet: QuietHours | None = None
) -> datetime | None:
    """The first slot instant strictly after ``after``; ``None`` if quiet hours hide every slot.

    Each (local day, slot) pair yields exactly one instant, which is why a slot in
    a repeated hour fires once and two slots shifted by a gap onto one minute fire once.
    """
    zone = zone_of(zone_name)
    wanted = tuple(s for s in slots if quiet is None or not quiet.contains(s))
    if not wanted:
        return None
    first_day = after.astimezone(zone).date()
    for offset in range(3):
        day = first_day + timedelta(days=offset)
        for moment in wanted:
            instant = local_instant(day, moment, zone)
            if instant > after:
                return instant
    return None  # unreachable with at least one slot; kept for the type


def out_of_quiet(instant: datetime, zone_name: str, quiet: QuietHours | None) -> datetime:
    """``instant``, or the end of the quiet hours it falls in (used for snoozes)."""
    if quiet is None:
        return instant
    zone = zone_of(zone_name)
    local = instant.astimezone(zone)
    if not quiet.contains(local.time().replace(second=0, microsecond=0)):
        return instant
    day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        day += timedelta(days=1)
    return local_instant(day, quiet.end, zone)

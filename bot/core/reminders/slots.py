"""What becomes of a due slot: sent, missed or superseded; and how a button names it.

The rules, which docs/reminders.md repeats for people:

* A slot older than the grace window (``REMINDER_GRACE_MINUTES``) is recorded
  ``missed``, never sent late in a burst; after a longer outage than
  :data:`CATCH_UP_LIMIT` only its first missed slot is recorded.
* A slot superseded by a later one that is also due already is missed: after
  downtime only the latest goes out.
* A late slot whose sending time falls inside the quiet hours is missed.

:func:`plan` is a pure function of the schedule and the time, so the sweep plans each
distinct schedule once per chunk, however many people share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import NamedTuple

from bot.core.reminders.schedule import next_slot_after, quiet_from_columns, slots_from_text
from bot.core.times.local import zone_of
from bot.core.typed import action_number

CATCH_UP_LIMIT = timedelta(days=7)
"""After a longer outage only the first missed slot is recorded, then the schedule jumps."""
BUTTONS_LAST = timedelta(hours=24)
"""A reminder's buttons act this long after its slot; later they are an old card's."""


class Schedule(NamedTuple):
    """A subscription's schedule as stored, and the slot it is serving."""

    zone: str
    slots: str
    """Local wall-clock times, ``"08:00 18:00"``."""
    quiet_start: str | None
    quiet_end: str | None
    slot: datetime | None
    """The slot instance due now; ``None`` asks only for the next one (nothing is sent)."""


@dataclass(frozen=True, slots=True)
class SlotPlan:
    """What to do with one due slot of one schedule (shared by everyone on it)."""

    missed: tuple[datetime, ...]
    send: datetime | None
    next_due: datetime | None


def plan(schedule: Schedule, now: datetime, grace: timedelta) -> SlotPlan:
    """Decide, from the schedule alone, which slots are missed, sent, and what is next."""
    slots = slots_from_text(schedule.slots)
    quiet = quiet_from_columns(schedule.quiet_start, schedule.quiet_end)
    zone, slot = schedule.zone, schedule.slot

    def following(after: datetime) -> datetime | None:
        return next_slot_after(after, slots, zone, quiet)

    if slot is None:  # asked to reschedule only (e.g. a blocked person wrote again)
        return SlotPlan((), None, following(now))
    missed: list[datetime] = []
    if now - slot > CATCH_UP_LIMIT:
        missed.append(slot)
        slot = following(now - grace)
    in_quiet = quiet is not None and quiet.contains(_local_minute(now, zone))
    while slot is not None and slot <= now:
        after = following(slot)
        too_late = now - slot > grace
        superseded = after is not None and after <= now
        if not (too_late or superseded or in_quiet):
            return SlotPlan(tuple(missed), slot, after)
        missed.append(slot)
        slot = after
    return SlotPlan(tuple(missed), None, slot)


def _local_minute(instant: datetime, zone: str) -> time:
    return instant.astimezone(zone_of(zone)).time().replace(second=0, microsecond=0)


def slot_token(slot_at: datetime) -> str:
    """The slot as its buttons carry it: whole minutes since the epoch (slots fall on minutes)."""
    return str(int(slot_at.timestamp()) // 60)


def slot_from_token(token: str, now: datetime) -> datetime | None:
    """The slot a button names, if it is a well-formed slot whose buttons still act.

    Anything else (an old card, a forged or garbled value) is ``None``: the
    handler answers politely and changes nothing.
    """
    minutes = action_number(token, 0, int(now.timestamp()) // 60)  # no slot is in the future
    if minutes is None:
        return None
    slot = datetime.fromtimestamp(minutes * 60, UTC)
    return slot if now - slot <= BUTTONS_LAST else None

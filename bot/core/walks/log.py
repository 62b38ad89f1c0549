"""Logged walks: the one API every feature uses to record and count walking.

Reminders log a walk when "Done" is pressed; other features (challenges) call
the same functions. Days are the person's local calendar days, fixed when the
walk is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.times.local import local_date
from bot.storage.conflicts import insert_new
from bot.storage.models import Walk

MAX_WALK_MINUTES = 300
"""Five hours: a longer single walk is a typo, not a walk (and the slash form's 1–300)."""


@dataclass(frozen=True, slots=True)
class WalkDay:
    day: date
    minutes: int
    walks: int


async def log_walk(
    session: AsyncSession,
    person_id: int,
    minutes: int,
    at: datetime,
    tz: str,
    *,
    source: str = "command",
    slot: datetime | None = None,
) -> Walk | None:
    """Record a walk of ``minutes`` (1..``MAX_WALK_MINUTES``) at the instant ``at``.

    ``slot`` names the reminder slot the walk answers: the person's walk for that
    slot is logged once, however many "Done" presses arrive and in whatever
    order, and ``None`` is returned when it already was (:func:`walk_for_slot`
    has it).
    """
    if not 1 <= minutes <= MAX_WALK_MINUTES:
        raise ValueError(f"walk minutes must be 1..{MAX_WALK_MINUTES}")
    values = {
        "person_id": person_id,
        "minutes": minutes,
        "logged_at": at,
        "local_date": local_date(at, tz),
        "source": source,
        "slot_at": slot,
    }
    walk_id = await insert_new(session, Walk, values, [Walk.person_id, Walk.slot_at], Walk.id)
    return None if walk_id is None else await session.get(Walk, walk_id)


async def walk_for_slot(session: AsyncSession, person_id: int, slot: datetime) -> Walk | None:
    result = await session.execute(
        select(Walk).where(Walk.person_id == person_id, Walk.slot_at == slot)
    )
    return result.scalar_one_or_none()


async def last_walk(session: AsyncSession, person_id: int) -> Walk | None:
    result = await session.execute(
        select(Walk).where(Walk.person_id == person_id).order_by(Walk.id.desc()).limit(1)
    )
    return result.scalar_one_or_none()


async def undo_last_walk(session: AsyncSession, person_id: int) -> Walk | None:
    """Delete and return the person's most recent walk, if any."""
    walk = await last_walk(session, person_id)
    if walk is not None:
        await session.execute(delete(Walk).where(Walk.id == walk.id))
    return walk


async def walks_between(
    session: AsyncSession, person_id: int, first: date, last: date
) -> list[WalkDay]:
    """One entry per local day from ``first`` to ``last`` inclusive, zero days included."""
    result = await session.execute(
        select(Walk.local_date, func.sum(Walk.minutes), func.count(Walk.id))
        .where(Walk.person_id == person_id, Walk.local_date >= first, Walk.local_date <= last)
        .group_by(Walk.local_date)
    )
    totals = {row[0]: (int(row[1]), int(row[2])) for row in result}
    days = []
    day = first
    while day <= last:
        minutes, count = totals.get(day, (0, 0))
        days.append(WalkDay(day, minutes, count))
        day += timedelta(days=1)
    return days


async def streak_days(session: AsyncSession, person_id: int, today: date) -> int:
    """Consecutive days with at least one walk, ending today (or yesterday, if today
    has none yet: a streak is not broken before the day is over)."""
    result = await session.execute(
        select(Walk.local_date)
        .where(Walk.person_id == person_id, Walk.local_date <= today)
        .group_by(Walk.local_date)
        .order_by(Walk.local_date.desc())
        .limit(3660)
    )
    days = [row[0] for row in result]
    expected = today if days and days[0] == today else today - timedelta(days=1)
    streak = 0
    for day in days:
        if day != expected:
            break
        streak += 1
        expected -= timedelta(days=1)
    return streak

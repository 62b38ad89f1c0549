"""Who walked how much in a challenge: minutes, days on goal and streaks per member.

Walks come from the one walks table (``bot.core.walks``): a walk logged with
/walk or with a reminder's Done button counts the same, on the member's own
local day, if that day lies within the challenge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Challenge, ChallengeMember, Walk


def last_day(challenge: Challenge) -> date:
    return challenge.start_date + timedelta(days=challenge.days - 1)


def day_number(challenge: Challenge, day: date) -> int:
    """1 on the first day; clamped to the challenge's length."""
    return max(1, min(challenge.days, (day - challenge.start_date).days + 1))


@dataclass(slots=True)
class Standing:
    person_id: int
    user_id: str
    name: str
    minutes: int = 0
    on_goal: int = 0
    streak: int = 0
    rank: int = 0
    by_day: dict[date, int] = field(default_factory=dict)


async def standings(
    session: AsyncSession,
    challenge: Challenge,
    members: list[tuple[ChallengeMember, str]],
    through: date,
) -> list[Standing]:
    """Members ranked by days on goal, then minutes, counting days up to ``through``."""
    first, last = challenge.start_date, min(through, last_day(challenge))
    rows = [Standing(m.person_id, m.user_id, name) for m, name in members]
    if rows and last >= first:
        result = await session.execute(
            select(Walk.person_id, Walk.local_date, func.sum(Walk.minutes))
            .where(
                Walk.person_id.in_([r.person_id for r in rows]),
                Walk.local_date >= first,
                Walk.local_date <= last,
            )
            .group_by(Walk.person_id, Walk.local_date)
        )
        by_person: dict[int, dict[date, int]] = {}
        for person_id, day, minutes in result.all():
            by_person.setdefault(person_id, {})[day] = int(minutes)
        for row in rows:
            row.by_day = by_person.get(row.person_id, {})
            row.minutes = sum(row.by_day.values())
            goal_days = {d for d, m in row.by_day.items() if m >= challenge.goal_minutes}
            row.on_goal = len(goal_days)
            row.streak = _streak(goal_days, first, last)
    rows.sort(key=lambda r: (-r.on_goal, -r.minutes, r.name.casefold()))
    for index, row in enumerate(rows):
        tied = index and (row.on_goal, row.minutes) == (
            rows[index - 1].on_goal,
            rows[index - 1].minutes,
        )
        row.rank = rows[index - 1].rank if tied else index + 1
    return rows


def _streak(goal_days: set[date], first: date, last: date) -> int:
    """Days on goal in a row, ending on ``last`` (or the day before: ``last`` may not be over)."""
    day = last if last in goal_days else last - timedelta(days=1)
    streak = 0
    while day >= first and day in goal_days:
        streak += 1
        day -= timedelta(days=1)
    return streak

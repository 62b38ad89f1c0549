"""Past sessions and the article's rest-day advice.

"Muscle cells can take anywhere from one to several days to grow back bigger &
stronger … which is why most experts don't recommend working the same muscle
group on back-to-back days." Only strength work counts: stretches and walking
are fine every day (the article suggests walking twice a day).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from bot.core.exercises.plan import Plan
from bot.core.exercises.render import listing, start_buttons
from bot.core.markup import Markup, fill
from bot.core.messages import Reply, message
from bot.core.sources import shown
from bot.core.turn import Turn
from bot.storage.models import ExerciseSession

MAX_SUGGESTIONS = 2


def strength_groups(plan: Plan) -> list[str]:
    """The muscle groups a plan's strength exercises work, in plan order."""
    groups: dict[str, None] = {}
    for exercise in plan.exercises:
        if exercise.kind == "strength":
            groups.update(dict.fromkeys(exercise.muscle_groups))
    return list(groups)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


async def groups_worked_yesterday(turn: Turn, groups: list[str]) -> list[str]:
    """Which of ``groups`` the person finished a session on yesterday, in their own time zone."""
    if not groups:
        return []
    zone = _zone(turn.person.timezone)
    today = turn.now.astimezone(zone).date()
    rows = await turn.session.execute(
        select(ExerciseSession.muscle_groups, ExerciseSession.ended_at).where(
            ExerciseSession.person_id == turn.person.id,
            ExerciseSession.status == "finished",
            ExerciseSession.ended_at >= turn.now - timedelta(days=2),
        )
    )
    worked: set[str] = set()
    for muscle_groups, ended_at in rows:
        if isinstance(ended_at, datetime) and ended_at.astimezone(zone).date() == today - timedelta(
            days=1
        ):
            worked.update(muscle_groups)
    return [g for g in groups if g in worked]


async def yesterday_notice(turn: Turn, plan: Plan) -> Reply:
    overlap = await groups_worked_yesterday(turn, strength_groups(plan))
    if not overlap:
        return []
    # In the coach's own voice, crediting the article in the sentence that cites it.
    notice = turn.content.coaching.yesterday_notice.text
    return [message(fill(notice, groups=listing(overlap, turn.content.messages.words)))]


def finished_reply(turn: Turn, plan: Plan) -> Reply:
    """Well done, the rest-day advice when strength work was done, and what to try next."""
    coaching = turn.content.coaching
    lines = [fill(coaching.finished, name=plan.name)]
    groups = strength_groups(plan)
    if groups:
        advice = shown(turn.content.messages, coaching.rest_advice)
        rest = fill(coaching.rest_tomorrow, groups=listing(groups, turn.content.messages.words))
        lines.append(advice + " " + rest)
    done = {e.id for e in plan.exercises}
    suggestions = [
        exercise
        for exercise_id in coaching.rest_day_suggestions
        if exercise_id not in done and (exercise := turn.content.exercises.get(exercise_id))
    ][:MAX_SUGGESTIONS]
    if suggestions:
        lines.append(Markup.plain(coaching.suggest_intro.text))
    return [message(Markup.join(lines, "\n\n"), buttons=start_buttons(coaching, suggestions))]

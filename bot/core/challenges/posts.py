"""What a challenge says: the announcement, the board, the daily post and the summary.

Every field a template fills in is shown as plain text (``**{field}**`` as bold
plain text), so a name like ``@everyone`` stays words on every platform. Only
walk minutes appear: nothing about pain or health reports is ever posted.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.content.challenges import ChallengeTexts
from bot.core.actions import Action
from bot.core.challenges.standings import Standing, day_number, last_day
from bot.core.charts import bar_chart
from bot.core.markup import Markup, fill
from bot.core.messages import Button, Image, OutboundMessage, Table, message
from bot.core.times.local import local_date
from bot.storage.models import Challenge

CHALLENGE = Action("challenge")
"""``challenge:<verb>:<id>``: Join and Board under posts, a choice between challenges
(answered by :func:`bot.core.challenges.commands.challenge_button`)."""
LEADERS_IN_POST = 1
CHART_MEMBERS = 12
"""The chart shows the leading members only: bars stay readable."""


def buttons(texts: ChallengeTexts, challenge: Challenge) -> list[list[Button]]:
    return [
        [
            Button(texts.join_button, CHALLENGE.id("join", challenge.id)),
            Button(texts.board_button, CHALLENGE.id("board", challenge.id)),
        ]
    ]


def local_today(challenge: Challenge, now: datetime) -> date:
    return local_date(now, challenge.timezone)


def next_post_at(challenge: Challenge, after: datetime) -> datetime | None:
    """The first daily post time after ``after``: from the day after the start (which
    reports the first day) to the day after the last (the summary)."""
    zone = ZoneInfo(challenge.timezone)
    at = time.fromisoformat(challenge.post_time)
    day = max(challenge.start_date + timedelta(days=1), after.astimezone(zone).date())
    while True:
        candidate = datetime.combine(day, at, tzinfo=zone)
        if candidate > after:
            break
        day += timedelta(days=1)
    if day > last_day(challenge) + timedelta(days=1):
        return None
    return candidate.astimezone(ZoneInfo("UTC"))


def announcement(texts: ChallengeTexts, challenge: Challenge) -> OutboundMessage:
    text = fill(
        texts.announcement,
        name=challenge.name,
        days=challenge.days,
        start=challenge.start_date.isoformat(),
        goal=challenge.goal_minutes,
        why=texts.goal_why.text,
    )
    return message(text, buttons=buttons(texts, challenge))


def board(
    texts: ChallengeTexts, challenge: Challenge, rows: list[Standing], today: date
) -> OutboundMessage:
    title = fill(
        texts.board_title,
        name=challenge.name,
        day=day_number(challenge, today),
        days=challenge.days,
    ).text
    if not rows:
        return message(texts.board_empty, buttons=buttons(texts, challenge), table=Table(title, ()))
    lines = tuple(
        fill(
            texts.board_row,
            rank=r.rank,
            member=r.name,
            minutes=r.minutes,
            on_goal=r.on_goal,
            streak=r.streak,
        ).text
        for r in rows
    )
    chart_title = fill(texts.board_chart, name=challenge.name).text
    chart = bar_chart(
        [(r.name[:10], r.minutes) for r in rows[:CHART_MEMBERS]],
        chart_title,
        goal=challenge.goal_minutes * day_number(challenge, today),
    )
    return message(
        "",
        table=Table(title, lines),
        image=Image(chart, "challenge.png", chart_title),
        buttons=buttons(texts, challenge),
    )


def daily_post(
    texts: ChallengeTexts, challenge: Challenge, rows: list[Standing], yesterday: date
) -> OutboundMessage:
    day = day_number(challenge, yesterday)
    walked = [r.by_day.get(yesterday, 0) for r in rows]
    parts = [
        fill(
            texts.daily_post,
            name=challenge.name,
            day=day,
            days=challenge.days,
            walkers=sum(1 for m in walked if m),
            members=len(rows),
            minutes=sum(walked),
            on_goal=sum(1 for m in walked if m >= challenge.goal_minutes),
            goal=challenge.goal_minutes,
        )
    ]
    leaders = [r for r in rows if r.on_goal][:LEADERS_IN_POST]
    parts += [fill(texts.daily_leader, member=r.name, on_goal=r.on_goal) for r in leaders]
    parts.append(Markup.from_content(texts.nudges[day % len(texts.nudges)].text))
    return message(Markup.join(parts), buttons=buttons(texts, challenge))


def winners_of(rows: list[Standing]) -> list[Standing]:
    """Everyone ranked first, if they reached the goal at least once."""
    return [r for r in rows if r.rank == 1 and r.on_goal > 0]


def summary(
    texts: ChallengeTexts, challenge: Challenge, rows: list[Standing], winners: list[Standing]
) -> OutboundMessage:
    parts = [
        fill(
            texts.summary,
            name=challenge.name,
            days=challenge.days,
            minutes=sum(r.minutes for r in rows),
            members=len(rows),
        )
    ]
    if winners:
        names = ", ".join(w.name for w in winners)
        parts.append(fill(texts.summary_winners, winners=names, on_goal=winners[0].on_goal))
    else:
        parts.append(Markup.from_content(texts.summary_no_winner))
    end = board(texts, challenge, rows, last_day(challenge))
    return message(Markup.join(parts), table=end.table, image=end.image)

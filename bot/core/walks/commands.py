"""/walk and /stats, and the buttons that log or change a walk.

A reminder's "Done" (``walk:done:<slot>``) logs that reminder's walk once, however
often it is pressed; the minute buttons under a logged walk
(``walk:min:<walk id>:<minutes>``) change that walk, not the latest one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.content.reminders import ReminderTexts
from bot.content.texts import Words
from bot.core.actions import Action
from bot.core.charts import bar_chart
from bot.core.commands import CommandOption, Subcommand
from bot.core.events import Command
from bot.core.markup import Markup, fill
from bot.core.messages import Button, Image, Reply, message, say
from bot.core.reminders.slots import slot_from_token
from bot.core.times.local import local_date
from bot.core.turn import Turn
from bot.core.typed import action_number, read_number
from bot.core.walks.log import (
    MAX_WALK_MINUTES,
    WalkDay,
    log_walk,
    streak_days,
    undo_last_walk,
    walk_for_slot,
    walks_between,
)
from bot.storage.models import Walk

WALK = Action("walk")
"""A reminder's ``walk:done:<slot>``, and ``walk:min:<walk id>:<minutes>`` under a logged
walk (answered by :func:`walk_button`)."""
WALK_SUBCOMMANDS = (
    Subcommand("log", (CommandOption("minutes", "int", min=1, max=MAX_WALK_MINUTES),)),
    Subcommand("undo"),
)
"""``/walk log minutes:30`` and ``/walk undo``; typed, ``/walk 30`` means ``/walk log 30``."""
STATS_PERIODS = (7, 30)
GOAL_MINUTES = 20
"""Two walks of ten minutes: the low end of the article's advice, drawn on the chart."""


def _texts(turn: Turn) -> ReminderTexts:
    return turn.content.reminders


async def walk(turn: Turn, command: Command) -> Reply:
    texts = _texts(turn)
    words = [w.casefold() for w in command.words]
    if words[:1] == ["log"]:
        words = words[1:]
    if words == ["undo"]:
        removed = await undo_last_walk(turn.session, turn.person.id)
        if removed is None:
            return [message(texts.walk_none)]
        return [say(texts.walk_undone, minutes=removed.minutes, day=removed.local_date)]
    minutes = read_number(words[0], 1, MAX_WALK_MINUTES) if len(words) == 1 else None
    if words and minutes is None:
        return [message(texts.walk_usage)]
    return await _log_and_answer(turn, minutes or texts.default_walk_minutes, source="command")


async def walk_button(turn: Turn, choice: str) -> Reply:
    """A reminder's ``done:<slot>``, and ``min:<walk id>:<minutes>`` under a logged walk.

    Each names what it acts on, so an old message's button never changes
    another walk, and a second "Done" for the same reminder logs nothing more.
    """
    texts = _texts(turn)
    kind, _, rest = choice.partition(":")
    if kind == "done":
        slot = slot_from_token(rest, turn.now)
        if slot is None:
            return [message(texts.reminder_expired)]
        return await _log_and_answer(turn, texts.default_walk_minutes, source="reminder", slot=slot)
    walk_token, _, minutes_token = rest.partition(":")
    walk_id = action_number(walk_token)
    minutes = action_number(minutes_token, 1, MAX_WALK_MINUTES)
    if kind != "min" or walk_id is None or minutes is None:
        return [message(turn.content.messages.stale_button)]
    logged = await turn.session.get(Walk, walk_id)
    if logged is None:
        return [message(texts.walk_gone)]
    if logged.person_id != turn.person.id:  # a walk logged in a group, pressed by another
        return [message(turn.content.messages.not_your_button, visibility="ephemeral")]
    logged.minutes = minutes
    return [say(texts.walk_changed, minutes=logged.minutes)]


async def _log_and_answer(
    turn: Turn, minutes: int, *, source: str, slot: datetime | None = None
) -> Reply:
    texts = _texts(turn)
    zone = turn.person.timezone
    logged = await log_walk(
        turn.session, turn.person.id, minutes, turn.now, zone, source=source, slot=slot
    )
    if logged is None:  # this reminder's walk is in already (a second press)
        assert slot is not None
        earlier = await walk_for_slot(turn.session, turn.person.id, slot)
        assert earlier is not None
        return [
            message(
                fill(texts.walk_already, minutes=earlier.minutes),
                buttons=minute_buttons(texts, earlier),
            )
        ]
    days = await streak_days(turn.session, turn.person.id, local_date(turn.now, zone))
    streak = texts.streak_one if days == 1 else fill(texts.streak_many, days=days).text
    return [
        message(
            fill(texts.walk_logged, minutes=minutes, streak=streak),
            buttons=minute_buttons(texts, logged),
        )
    ]


def minute_buttons(texts: ReminderTexts, logged: Walk) -> list[list[Button]]:
    """Another length for ``logged``: the buttons name the walk, not "the latest"."""
    return [
        [
            Button(fill(texts.walk_minute_button, minutes=m).text, WALK.id("min", logged.id, m))
            for m in texts.walk_minute_choices
        ]
    ]


async def stats(turn: Turn, command: Command) -> Reply:
    texts = _texts(turn)
    words = command.words
    period = read_number(words[0], 1, max(STATS_PERIODS)) if len(words) == 1 else None
    if words and period not in STATS_PERIODS:
        return [message(texts.stats_usage, visibility="private")]
    period = period or STATS_PERIODS[0]
    today = local_date(turn.now, turn.person.timezone)
    days = await walks_between(
        turn.session, turn.person.id, today - timedelta(days=period - 1), today
    )
    week = days[-(today.weekday() + 1) :]  # the period (7 or 30 days) always covers this week
    if not any(d.walks for d in days):
        return [message(texts.stats_empty, visibility="private")]
    streak = await streak_days(turn.session, turn.person.id, today)
    text = Markup.join(
        [
            Markup.from_content(texts.stats_title),
            fill(
                texts.stats_week,
                walks=sum(d.walks for d in week),
                minutes=sum(d.minutes for d in week),
            ),
            fill(texts.stats_streak, days=streak),
        ]
    )
    chart_title = fill(texts.stats_chart, days=period).text
    chart = walk_chart(days, chart_title, turn.content.messages.words)
    return [message(text, image=Image(chart, "walks.png", chart_title), visibility="private")]


def walk_chart(days: list[WalkDay], title: str, words: Words) -> bytes:
    """Minutes per day, labelled by weekday (a week) or day of the month (a month), with
    the article's daily low end drawn as a line."""
    label_every = 1 if len(days) <= 10 else 5
    bars = [
        (words.weekdays[day.day.weekday()] if len(days) <= 10 else str(day.day.day), day.minutes)
        for day in days
    ]
    return bar_chart(bars, title, goal=GOAL_MINUTES, label_every=label_every)

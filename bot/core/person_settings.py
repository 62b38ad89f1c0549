"""A person's settings: their time zone and their quiet hours.

``/timezone`` sets the zone every local time is read in (reminders, walks, the
day a walk counts for); reminders follow it, keeping their local times. Quiet
hours (``/remind quiet 22:00 07:00``) are hours no reminder may come in; they are
kept with the person's reminders, which they filter.
"""

from __future__ import annotations

from bot.content.reminders import ReminderTexts
from bot.core.events import Command, Recipient
from bot.core.markup import quote
from bot.core.messages import Reply, message, say
from bot.core.reminders.schedule import DEFAULT_SLOTS, QuietHours
from bot.core.reminders.subscriptions import (
    find_subscription,
    follow_timezone,
    reminder_chat,
    set_quiet,
    slots_of,
    subscribe_for,
    unsubscribe,
)
from bot.core.times.local import format_moment, join_times, local_clock
from bot.core.times.parse import TimeInputError, parse_time, time_problem
from bot.core.times.zones import resolve_zone
from bot.core.turn import Turn
from bot.storage.models import ReminderSubscription


def _texts(turn: Turn) -> ReminderTexts:
    return turn.content.reminders


async def timezone(turn: Turn, command: Command) -> Reply:
    """``/timezone`` shows the zone; ``/timezone berlin`` sets it (or suggests close names)."""
    texts = _texts(turn)
    zone = turn.person.timezone
    if not command.args:
        return [say(texts.zone_current, zone=zone, local=local_clock(turn.now, zone))]
    lookup = resolve_zone(command.args)
    if lookup.zone is None:
        reply = [say(texts.zone_unknown, typed=quote(command.args))]
        if lookup.suggestions:
            reply.append(say(texts.zone_suggest, suggestions=", ".join(lookup.suggestions)))
        return reply
    turn.person.timezone = lookup.zone
    moved = await follow_timezone(turn.session, turn.person.id, lookup.zone, turn.now)
    reply = [say(texts.zone_set, zone=lookup.zone, local=local_clock(turn.now, lookup.zone))]
    where = await reminder_chat(turn)
    here = next((s for s in moved if _is_in(where, s) and s.state == "active"), None)
    if here is not None:
        words = turn.content.messages.words
        reply.append(
            say(
                texts.zone_moved,
                zone=lookup.zone,
                times=join_times(slots_of(here), words),
                next=format_moment(here.next_due_at, lookup.zone, words),
            )
        )
    return reply


def _is_in(where: Recipient | None, subscription: ReminderSubscription) -> bool:
    return where is not None and (subscription.platform, subscription.chat_id) == (
        where.platform,
        where.chat_id,
    )


async def quiet_hours(turn: Turn, where: Recipient, typed: str) -> Reply:
    """``/remind quiet 22:00 07:00`` sets them, ``/remind quiet off`` removes them."""
    texts, words = _texts(turn), turn.content.messages.words
    typed_words = typed.split()
    subscription = await find_subscription(turn.session, turn.person.id, where)
    if subscription is None:  # kept with reminders that are off until turned on
        subscription = await subscribe_for(turn, where, DEFAULT_SLOTS)
        unsubscribe(subscription)
    if [w.casefold() for w in typed_words] == ["off"]:
        set_quiet(subscription, None, turn.now)
        return [message(texts.quiet_cleared)]
    if len(typed_words) != 2:
        return [message(texts.quiet_usage)]
    try:
        start, end = parse_time(typed_words[0]), parse_time(typed_words[1])
    except TimeInputError as error:
        return [message(time_problem(texts.time_problems, error))]
    if start == end:
        return [message(texts.quiet_usage)]
    quiet = QuietHours(start, end)
    slots = slots_of(subscription)
    hidden = tuple(s for s in slots if quiet.contains(s))
    active = subscription.state == "active"
    if active and len(hidden) == len(slots):
        return [say(texts.quiet_all, times=join_times(slots, words))]
    set_quiet(subscription, quiet, turn.now)
    said = say(texts.quiet_set, quiet=quiet.describe(), zone=subscription.timezone)
    if hidden and active:
        note = say(texts.quiet_hides, times=join_times(hidden, words))
        said = message(said.text + " " + note.text)
    return [said]

"""/remind and the reminder's buttons: turning reminders on and off, snoozing, skipping.

Quiet hours (``/remind quiet``) are a person's setting (:mod:`bot.core.person_settings`);
logged walks and ``/walk`` are :mod:`bot.core.walks`; the sweep that sends reminders
hands each to :mod:`bot.core.reminders.sending`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from bot.content.reminders import ReminderTexts
from bot.core import person_settings
from bot.core.events import Command, Recipient
from bot.core.markup import Markup, fill
from bot.core.messages import Button, Reply, message, say
from bot.core.reminders.card import REMIND, reminder_message
from bot.core.reminders.schedule import DEFAULT_SLOTS, MAX_SLOTS, out_of_quiet
from bot.core.reminders.slots import slot_from_token, slot_token
from bot.core.reminders.subscriptions import (
    find_subscription,
    quiet_of,
    reminder_chat,
    skip_today,
    slots_of,
    subscribe_for,
    unsubscribe,
)
from bot.core.timers import cancel_timer, set_timer
from bot.core.times.local import format_moment, format_time, join_times, local_clock, local_date
from bot.core.times.parse import TimeInputError, parse_times, time_problem
from bot.core.turn import Turn

SNOOZE_TIMER = "reminder-snooze"


def _texts(turn: Turn) -> ReminderTexts:
    return turn.content.reminders


async def remind(turn: Turn, command: Command) -> Reply:
    """``/remind`` in every form; asked in a group, answered privately (:func:`reminder_chat`)."""
    where = await reminder_chat(turn)
    if where is None:
        return [message(_texts(turn).remind_private_only, visibility="private")]
    reply = await _remind(turn, command, where)
    if turn.chat.is_private:
        return reply
    return [replace(m, visibility="private") for m in reply]


async def _remind(turn: Turn, command: Command, where: Recipient) -> Reply:
    words = command.words
    if not words:
        return await remind_status(turn, where)
    head, rest = words[0].casefold(), " ".join(words[1:])
    if head == "on":
        return await remind_on(turn, where, rest)
    if head == "off":
        return await remind_off(turn, where)
    if head == "quiet":
        return await person_settings.quiet_hours(turn, where, rest)
    try:
        slots = parse_times(command.args, limit=MAX_SLOTS)  # "/remind 07:30 18:00" means "on"
    except TimeInputError:
        return [message(_texts(turn).remind_usage)]
    return await _turn_on(turn, where, slots)


async def remind_status(turn: Turn, where: Recipient) -> Reply:
    texts, words = _texts(turn), turn.content.messages.words
    subscription = await find_subscription(turn.session, turn.person.id, where)
    if subscription is None or subscription.state != "active":
        text = texts.status_blocked if subscription and subscription.state == "blocked" else None
        return [
            message(
                Markup.from_content(text or texts.status_off),
                buttons=[[Button(texts.turn_on_button, REMIND.id("on"))]],
            )
        ]
    zone = subscription.timezone
    lines = [
        fill(
            texts.status_on,
            times=join_times(slots_of(subscription), words),
            zone=zone,
            next=format_moment(subscription.next_due_at, zone, words),
        )
    ]
    quiet = quiet_of(subscription)
    if quiet is not None:
        lines.append(fill(texts.status_quiet, quiet=quiet.describe()))
    return [
        message(Markup.join(lines), buttons=[[Button(texts.turn_off_button, REMIND.id("off"))]])
    ]


async def remind_on(turn: Turn, where: Recipient, typed: str) -> Reply:
    try:
        slots = parse_times(typed, limit=MAX_SLOTS) if typed.strip() else DEFAULT_SLOTS
    except TimeInputError as error:
        return [message(time_problem(_texts(turn).time_problems, error))]
    return await _turn_on(turn, where, slots)


async def _turn_on(turn: Turn, where: Recipient, slots: tuple[time, ...]) -> Reply:
    texts, words = _texts(turn), turn.content.messages.words
    existing = await find_subscription(turn.session, turn.person.id, where)
    quiet = quiet_of(existing) if existing is not None else None
    for slot in slots:
        if quiet is not None and quiet.contains(slot):
            return [say(texts.slot_in_quiet, time=format_time(slot), quiet=quiet.describe())]
    subscription = await subscribe_for(turn, where, slots)
    zone = subscription.timezone
    reply = [
        say(
            texts.confirm_on,
            times=join_times(slots, words),
            zone=zone,
            next=format_moment(subscription.next_due_at, zone, words),
        )
    ]
    if not turn.chat.is_private:
        reply.append(message(texts.confirm_private))
    if turn.person.timezone == "UTC":
        reply.append(message(texts.confirm_zone_hint))
    return reply


async def remind_off(turn: Turn, where: Recipient) -> Reply:
    texts = _texts(turn)
    subscription = await find_subscription(turn.session, turn.person.id, where)
    if subscription is None or subscription.state == "off":
        return [message(texts.already_off)]
    unsubscribe(subscription)
    return [message(texts.confirm_off)]


async def remind_button(turn: Turn, choice: str) -> Reply:
    """``on``, ``off``, and a reminder card's ``snooze:<slot>`` and ``skip:<slot>``."""
    if choice in {"on", "off"}:
        where = await reminder_chat(turn)
        if where is None:
            return [message(_texts(turn).remind_private_only, visibility="private")]
        if choice == "on":
            return await remind_on(turn, where, "")
        return await remind_off(turn, where)
    verb, _, token = choice.partition(":")
    if verb not in {"snooze", "skip"}:
        return [message(turn.content.messages.stale_button)]
    slot = slot_from_token(token, turn.now)
    if slot is None:
        return [message(_texts(turn).reminder_expired)]
    if verb == "snooze":
        return await snooze(turn, slot)
    return await skip(turn, slot)


async def snooze(turn: Turn, slot: datetime) -> Reply:
    """The same reminder (``slot``'s card) again in a while, so its "Done" still logs once."""
    texts = _texts(turn)
    subscription = await find_subscription(turn.session, turn.person.id, turn.recipient)
    zone = subscription.timezone if subscription else turn.person.timezone
    quiet = quiet_of(subscription) if subscription else None
    due = out_of_quiet(turn.now + timedelta(minutes=texts.snooze_minutes), zone, quiet)
    await set_timer(
        turn.session,
        kind=SNOOZE_TIMER,
        key=_snooze_key(turn),
        due_at=due,
        person_id=turn.person.id,
        recipient=turn.recipient,
        private_chat=turn.chat.is_private,
        data={"slot": slot_token(slot)},
    )
    return [say(texts.snoozed, time=local_clock(due, zone))]


async def snoozed_reminder(turn: Turn, _key: str, data: dict[str, object]) -> Reply:
    token = data.get("slot")
    slot = slot_from_token(token, turn.now) if isinstance(token, str) else None
    return [reminder_message(_texts(turn), slot or turn.now)]


async def skip(turn: Turn, slot: datetime) -> Reply:
    """No more reminders on ``slot``'s local day; a card of an earlier day skips nothing."""
    texts = _texts(turn)
    subscription = await find_subscription(turn.session, turn.person.id, turn.recipient)
    if subscription is None or subscription.state != "active":
        return [message(texts.skipped_none)]
    zone = subscription.timezone
    if local_date(slot, zone) != local_date(turn.now, zone):
        return [message(texts.reminder_expired)]
    skip_today(subscription, turn.now)
    await cancel_timer(turn.session, SNOOZE_TIMER, _snooze_key(turn))
    words = turn.content.messages.words
    return [say(texts.skipped, next=format_moment(subscription.next_due_at, zone, words))]


def _snooze_key(turn: Turn) -> str:
    return f"{turn.person.id}:{turn.recipient.platform}:{turn.recipient.chat_id}"[:128]

"""/remind, /timezone, /walk, /stats and the reminder's buttons."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.content.reminders import ReminderTexts
from bot.core.commands import CommandOption, Subcommand
from bot.core.events import Command, Recipient
from bot.core.markup import Markup, fill, format_text, quote
from bot.core.messages import Button, Image, OutboundMessage, Reply, message
from bot.core.reminders.card import REMIND, WALK, reminder_message
from bot.core.reminders.chart import walk_chart
from bot.core.reminders.schedule import (
    DEFAULT_SLOTS,
    QuietHours,
    format_time,
    out_of_quiet,
)
from bot.core.reminders.slots import slot_from_token, slot_token
from bot.core.reminders.subscriptions import (
    find_subscription,
    follow_timezone,
    quiet_of,
    set_quiet,
    skip_today,
    slots_of,
    subscribe,
    unsubscribe,
)
from bot.core.reminders.times import TimeInputError, parse_time, parse_times
from bot.core.reminders.zones import resolve_zone
from bot.core.timers import cancel_timer, set_timer
from bot.core.turn import Turn
from bot.core.typed import action_number, read_number
from bot.core.walks import (
    MAX_WALK_MINUTES,
    local_date,
    log_walk,
    streak_days,
    undo_last_walk,
    walk_for_slot,
    walks_between,
)
from bot.storage.models import ReminderSubscription, Walk
from bot.storage.people import private_chat_of

SNOOZE_TIMER = "reminder-snooze"
STATS_PERIODS = (7, 30)


def _texts(turn: Turn) -> ReminderTexts:
    return turn.content.reminders


def _say(template: str, **fields: object) -> OutboundMessage:
    """Trusted content with ``**bold**``; only for fields the bot itself computed."""
    return message(fill(template, **fields))


def _say_plain(template: str, **fields: object) -> OutboundMessage:
    """For wording that quotes what the person typed: everything stays a plain span."""
    return message(Markup.plain(template.format(**fields)))


def join_times(times: tuple[time, ...]) -> str:
    labels = [format_time(t) for t in times]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def format_local(instant: datetime | None, zone: str) -> str:
    """``Tue 6 Jan, 08:00`` in the person's zone; English day and month names."""
    if instant is None:
        return "none"
    local = instant.astimezone(ZoneInfo(zone))
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{days[local.weekday()]} {local.day} {months[local.month - 1]}, {local:%H:%M}"


def time_problem(turn: Turn, error: TimeInputError) -> Reply:
    template = getattr(_texts(turn).time_problems, error.problem)
    return [_say_plain(template, typed=quote(error.typed))]


# /remind ----------------------------------------------------------------------


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
        return await remind_quiet(turn, where, rest)
    try:
        slots = parse_times(command.args)  # "/remind 07:30 18:00" means "on"
    except TimeInputError:
        return [message(_texts(turn).remind_usage)]
    return await _turn_on(turn, where, slots)


async def reminder_chat(turn: Turn) -> Recipient | None:
    """Where this person's reminders go: always a private chat, never a group's.

    Asked in a private chat, that chat. Asked in a server or a group, the person's
    private chat with the bot: the one the platform can open itself (Discord), or
    the one they have written to us from (Telegram, where only the person can
    start it); ``None`` when there is none yet.
    """
    if turn.chat.is_private:
        return turn.recipient
    sender = turn.sender
    chat_id = sender.private_chat_id or await private_chat_of(
        turn.session, sender.platform, sender.user_id
    )
    return None if chat_id is None else Recipient(sender.platform, chat_id, sender.user_id)


async def remind_status(turn: Turn, where: Recipient) -> Reply:
    texts = _texts(turn)
    subscription = await find_subscription(turn.session, turn.person.id, where)
    if subscription is None or subscription.state != "active":
        text = texts.status_blocked if subscription and subscription.state == "blocked" else None
        return [
            message(
                Markup.from_content(text or texts.status_off),
                buttons=[[Button(texts.turn_on_button, REMIND.id("on"))]],
            )
        ]
    lines = [
        texts.status_on.format(
            times=join_times(slots_of(subscription)),
            zone=subscription.timezone,
            next=format_local(subscription.next_due_at, subscription.timezone),
        )
    ]
    quiet = quiet_of(subscription)
    if quiet is not None:
        lines.append(texts.status_quiet.format(quiet=quiet.describe()))
    return [
        message(
            Markup.from_content("\n".join(lines)),
            buttons=[[Button(texts.turn_off_button, REMIND.id("off"))]],
        )
    ]


async def remind_on(turn: Turn, where: Recipient, typed: str) -> Reply:
    try:
        slots = parse_times(typed) if typed.strip() else DEFAULT_SLOTS
    except TimeInputError as error:
        return time_problem(turn, error)
    return await _turn_on(turn, where, slots)


async def _turn_on(turn: Turn, where: Recipient, slots: tuple[time, ...]) -> Reply:
    texts = _texts(turn)
    existing = await find_subscription(turn.session, turn.person.id, where)
    quiet = quiet_of(existing) if existing is not None else None
    for slot in slots:
        if quiet is not None and quiet.contains(slot):
            return [_say(texts.slot_in_quiet, time=format_time(slot), quiet=quiet.describe())]
    subscription = await _subscribe(turn, where, slots)
    reply = [
        _say(
            texts.confirm_on,
            times=join_times(slots),
            zone=subscription.timezone,
            next=format_local(subscription.next_due_at, subscription.timezone),
        )
    ]
    if not turn.chat.is_private:
        reply.append(message(texts.confirm_private))
    if turn.person.timezone == "UTC":
        reply.append(message(texts.confirm_zone_hint))
    return reply


async def _subscribe(turn: Turn, where: Recipient, slots: tuple[time, ...]) -> ReminderSubscription:
    """This person's reminders in ``where``, at these local times (created or updated)."""
    return await subscribe(
        turn.session,
        person_id=turn.person.id,
        recipient=where,
        group_id=turn.chat.group_id if not turn.chat.is_private else None,
        timezone=turn.person.timezone,
        slots=slots,
        now=turn.now,
    )


async def remind_off(turn: Turn, where: Recipient) -> Reply:
    texts = _texts(turn)
    subscription = await find_subscription(turn.session, turn.person.id, where)
    if subscription is None or subscription.state == "off":
        return [message(texts.already_off)]
    unsubscribe(subscription)
    return [message(texts.confirm_off)]


async def remind_quiet(turn: Turn, where: Recipient, typed: str) -> Reply:
    texts = _texts(turn)
    words = typed.split()
    subscription = await find_subscription(turn.session, turn.person.id, where)
    if subscription is None:
        subscription = await _subscribe(turn, where, DEFAULT_SLOTS)
        unsubscribe(subscription)
    if [w.casefold() for w in words] == ["off"]:
        set_quiet(subscription, None, turn.now)
        return [message(texts.quiet_cleared)]
    if len(words) != 2:
        return [message(texts.quiet_usage)]
    try:
        start, end = parse_time(words[0]), parse_time(words[1])
    except TimeInputError as error:
        return time_problem(turn, error)
    if start == end:
        return [message(texts.quiet_usage)]
    quiet = QuietHours(start, end)
    slots = slots_of(subscription)
    hidden = tuple(s for s in slots if quiet.contains(s))
    if subscription.state == "active" and len(hidden) == len(slots):
        return [_say(texts.quiet_all, times=join_times(slots))]
    set_quiet(subscription, quiet, turn.now)
    text = texts.quiet_set.format(quiet=quiet.describe(), zone=subscription.timezone)
    if hidden and subscription.state == "active":
        text += " " + texts.quiet_hides.format(times=join_times(hidden))
    return [message(Markup.from_content(text))]


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
    return [_say(texts.snoozed, time=format_local(due, zone).split(", ")[1])]


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
    return [_say(texts.skipped, next=format_local(subscription.next_due_at, subscription.timezone))]


def _snooze_key(turn: Turn) -> str:
    return f"{turn.person.id}:{turn.recipient.platform}:{turn.recipient.chat_id}"[:128]


# /timezone --------------------------------------------------------------------


async def timezone(turn: Turn, command: Command) -> Reply:
    texts = _texts(turn)
    zone = turn.person.timezone
    if not command.args:
        return [message(texts.zone_current.format(zone=zone, local=_local_clock(turn, zone)))]
    lookup = resolve_zone(command.args)
    if lookup.zone is None:
        reply = [_say_plain(texts.zone_unknown, typed=quote(command.args))]
        if lookup.suggestions:
            reply.append(
                message(texts.zone_suggest.format(suggestions=", ".join(lookup.suggestions)))
            )
        return reply
    turn.person.timezone = lookup.zone
    moved = await follow_timezone(turn.session, turn.person.id, lookup.zone, turn.now)
    reply = [
        message(texts.zone_set.format(zone=lookup.zone, local=_local_clock(turn, lookup.zone)))
    ]
    where = await reminder_chat(turn)
    here = next((s for s in moved if _is_in(where, s) and s.state == "active"), None)
    if here is not None:
        reply.append(
            message(
                texts.zone_moved.format(
                    zone=lookup.zone,
                    times=join_times(slots_of(here)),
                    next=format_local(here.next_due_at, lookup.zone),
                )
            )
        )
    return reply


def _is_in(where: Recipient | None, subscription: ReminderSubscription) -> bool:
    return where is not None and (subscription.platform, subscription.chat_id) == (
        where.platform,
        where.chat_id,
    )


def _local_clock(turn: Turn, zone: str) -> str:
    return format_time(turn.now.astimezone(ZoneInfo(zone)).time())


# walks ------------------------------------------------------------------------


WALK_SUBCOMMANDS = (
    Subcommand(
        "log",
        "Log a walk on your local day",
        (CommandOption("minutes", "How long you walked", "int", min=1, max=MAX_WALK_MINUTES),),
    ),
    Subcommand("undo", "Remove the last walk you logged"),
)
"""``/walk log minutes:30`` and ``/walk undo``; typed, ``/walk 30`` means ``/walk log 30``."""


async def walk(turn: Turn, command: Command) -> Reply:
    texts = _texts(turn)
    words = [w.casefold() for w in command.words]
    if words[:1] == ["log"]:
        words = words[1:]
    if words == ["undo"]:
        removed = await undo_last_walk(turn.session, turn.person.id)
        if removed is None:
            return [message(texts.walk_none)]
        return [
            message(format_text(texts.walk_undone, minutes=removed.minutes, day=removed.local_date))
        ]
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
    return [message(format_text(texts.walk_changed, minutes=logged.minutes))]


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
                format_text(texts.walk_already, minutes=earlier.minutes),
                buttons=_minute_buttons(texts, earlier),
            )
        ]
    days = await streak_days(turn.session, turn.person.id, local_date(turn.now, zone))
    streak = texts.streak_one if days == 1 else texts.streak_many.format(days=days)
    return [
        message(
            texts.walk_logged.format(minutes=minutes, streak=streak),
            buttons=_minute_buttons(texts, logged),
        )
    ]


def _minute_buttons(texts: ReminderTexts, logged: Walk) -> list[list[Button]]:
    return [[Button(f"{m} min", WALK.id("min", logged.id, m)) for m in texts.walk_minute_choices]]


# /stats -----------------------------------------------------------------------


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
    text = "\n".join(
        [
            texts.stats_title,
            format_text(
                texts.stats_week,
                walks=sum(d.walks for d in week),
                minutes=sum(d.minutes for d in week),
            ),
            texts.stats_streak.format(days=streak),
        ]
    )
    chart_title = texts.stats_chart.format(days=period)
    return [
        message(
            Markup.from_content(text),
            image=Image(walk_chart(days, chart_title), "walks.png", chart_title),
            visibility="private",
        )
    ]

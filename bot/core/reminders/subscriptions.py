"""Changing a person's reminder subscription; every change recomputes ``next_due_at``.

Every change of an active row moves ``next_due_at`` past now (or to NULL): a sweep that
read the row a moment earlier advances it only while it still has the due time it read
(scheduler/reminders.py), so a person's change always wins.
"""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.events import Recipient
from bot.core.reminders.schedule import (
    QuietHours,
    next_slot_after,
    quiet_from_columns,
    slots_from_text,
    slots_to_text,
)
from bot.core.times.local import end_of_local_day, format_time
from bot.core.turn import Turn
from bot.storage.conflicts import insert_new
from bot.storage.models import ReminderSubscription
from bot.storage.people import private_chat_of


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


async def find_subscription(
    session: AsyncSession, person_id: int, recipient: Recipient
) -> ReminderSubscription | None:
    result = await session.execute(
        select(ReminderSubscription).where(
            ReminderSubscription.person_id == person_id,
            ReminderSubscription.platform == recipient.platform,
            ReminderSubscription.chat_id == recipient.chat_id,
        )
    )
    return result.scalar_one_or_none()


def quiet_of(subscription: ReminderSubscription) -> QuietHours | None:
    return quiet_from_columns(subscription.quiet_start, subscription.quiet_end)


def slots_of(subscription: ReminderSubscription) -> tuple[time, ...]:
    return slots_from_text(subscription.slots)


def reschedule(subscription: ReminderSubscription, after: datetime) -> None:
    """Point an active subscription at its first slot after ``after``."""
    if subscription.state != "active":
        subscription.next_due_at = subscription.slot_at = None
        return
    due = next_slot_after(
        after, slots_of(subscription), subscription.timezone, quiet_of(subscription)
    )
    subscription.next_due_at = subscription.slot_at = due


async def subscribe(
    session: AsyncSession,
    *,
    person_id: int,
    recipient: Recipient,
    group_id: str | None,
    timezone: str,
    slots: tuple[time, ...],
    now: datetime,
) -> ReminderSubscription:
    """Turn reminders on for ``recipient`` (a private chat) at ``slots``, local to ``timezone``.

    ``group_id`` is the server or group the person asked in (``None``: privately).
    Created if need be with one ``INSERT … ON CONFLICT DO NOTHING``, so two requests
    at once both end up changing the one row.
    """
    subscription = await find_subscription(session, person_id, recipient)
    if subscription is None:
        key = [
            ReminderSubscription.person_id,
            ReminderSubscription.platform,
            ReminderSubscription.chat_id,
        ]
        values = {
            "person_id": person_id,
            "platform": recipient.platform,
            "chat_id": recipient.chat_id,
            "user_id": recipient.user_id or "",
            "private_chat": True,
            "timezone": timezone,
            "slots": slots_to_text(slots),
            "state": "off",
            "created_at": now,
        }
        await insert_new(session, ReminderSubscription, values, key, ReminderSubscription.id)
        subscription = await find_subscription(session, person_id, recipient)
        assert subscription is not None, "created here or by the request it raced"
    subscription.private_chat = True
    subscription.group_id = group_id
    subscription.timezone = timezone
    subscription.slots = slots_to_text(slots)
    subscription.state = "active"
    reschedule(subscription, now)
    await session.flush()
    return subscription


async def subscribe_for(
    turn: Turn, where: Recipient, slots: tuple[time, ...]
) -> ReminderSubscription:
    """This person's reminders in ``where``, at these local times in their zone, asked
    for in this turn's chat (created or updated, and on)."""
    return await subscribe(
        turn.session,
        person_id=turn.person.id,
        recipient=where,
        group_id=turn.chat.group_id if not turn.chat.is_private else None,
        timezone=turn.person.timezone,
        slots=slots,
        now=turn.now,
    )


def unsubscribe(subscription: ReminderSubscription) -> None:
    subscription.state = "off"
    subscription.next_due_at = subscription.slot_at = None


def set_quiet(subscription: ReminderSubscription, quiet: QuietHours | None, now: datetime) -> None:
    if quiet is None:
        subscription.quiet_start = subscription.quiet_end = None
    else:
        subscription.quiet_start = format_time(quiet.start)
        subscription.quiet_end = format_time(quiet.end)
    reschedule(subscription, now)


def skip_today(subscription: ReminderSubscription, now: datetime) -> None:
    """No more reminders until the person's next local day."""
    reschedule(subscription, end_of_local_day(now, subscription.timezone))


async def follow_timezone(
    session: AsyncSession, person_id: int, timezone: str, now: datetime
) -> list[ReminderSubscription]:
    """Move every subscription of the person to ``timezone``, keeping the local times."""
    result = await session.execute(
        select(ReminderSubscription).where(ReminderSubscription.person_id == person_id)
    )
    subscriptions = list(result.scalars())
    for subscription in subscriptions:
        subscription.timezone = timezone
        reschedule(subscription, now)
    return subscriptions


async def stop_group_reminders(
    session: AsyncSession, platform: str, group_id: str, user_id: str | None = None
) -> int:
    """Turn off the reminders asked for in a group: a member's (``user_id``), or everyone's
    when the bot itself was removed. Returns how many were on."""
    conditions = [
        ReminderSubscription.platform == platform,
        ReminderSubscription.group_id == group_id,
        ReminderSubscription.state != "off",
    ]
    if user_id is not None:
        conditions.append(ReminderSubscription.user_id == user_id)
    result = await session.execute(
        update(ReminderSubscription)
        .where(*conditions)
        .values(state="off", next_due_at=None, slot_at=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]

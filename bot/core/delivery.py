"""Reachability: whether the platform can deliver to a person, decided in one place.

A platform refusing a message to a person's own private chat (blocked, DMs closed)
makes the person unreachable: the account is marked and their reminders on that
platform pause, so nothing retries a refused chat forever. Writing to us again, or
unblocking the bot, undoes both: the reminders resume from their next slot.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.storage.models import Account, ReminderSubscription

Bind = AsyncSession | AsyncConnection


async def pause_unreachable(bind: Bind, platform: str, user_id: str) -> None:
    """The platform refused a message to this person's private chat."""
    await bind.execute(
        update(Account)
        .where(Account.platform == platform, Account.platform_user_id == user_id)
        .values(reachable=False)
    )
    await bind.execute(
        update(ReminderSubscription)
        .where(
            ReminderSubscription.platform == platform,
            ReminderSubscription.user_id == user_id,
            ReminderSubscription.state == "active",
        )
        .values(state="blocked", next_due_at=None, slot_at=None)
    )


async def resume_reachable(bind: Bind, platform: str, user_id: str, now: datetime) -> None:
    """The person wrote to us, or unblocked the bot: they can be reached again.

    Paused reminders get ``slot_at`` NULL with ``next_due_at`` = now, which asks the
    sweep to compute the next slot from the person's times without sending anything now.
    """
    await bind.execute(
        update(Account)
        .where(Account.platform == platform, Account.platform_user_id == user_id)
        .values(reachable=True)
    )
    await bind.execute(
        update(ReminderSubscription)
        .where(
            ReminderSubscription.platform == platform,
            ReminderSubscription.user_id == user_id,
            ReminderSubscription.state == "blocked",
        )
        .values(state="active", next_due_at=now, slot_at=None)
    )

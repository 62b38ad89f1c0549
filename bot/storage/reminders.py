"""Reminder bookkeeping that storage itself must do (no scheduling knowledge here)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.storage.models import ReminderSubscription


async def resume_blocked_reminders(
    session: AsyncSession | AsyncConnection, person_id: int, platform: str, now: datetime
) -> None:
    """Reactivate reminders the platform refused, now that the person wrote again.

    ``slot_at`` NULL with ``next_due_at`` = now asks the sweep to compute the next
    slot from the person's times without sending anything now.
    """
    await session.execute(
        update(ReminderSubscription)
        .where(
            ReminderSubscription.person_id == person_id,
            ReminderSubscription.platform == platform,
            ReminderSubscription.state == "blocked",
        )
        .values(state="active", next_due_at=now, slot_at=None)
    )

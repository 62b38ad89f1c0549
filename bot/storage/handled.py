"""Once per delivery: the platform's id of a command or press is claimed before it is handled."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.conflicts import insert_new
from bot.storage.models import HandledEvent

KEPT_FOR = timedelta(days=1)
"""How long a handled id is remembered; platforms repeat a delivery within minutes."""
DIGEST_LENGTH = 40


def _digest(event_id: str) -> str:
    """The id as stored: a hash, since a platform's id may contain a person's (a Telegram
    private chat's id is its user's), and /forget does not reach this table."""
    return hashlib.sha256(event_id.encode()).hexdigest()[:DIGEST_LENGTH]


async def first_delivery(
    session: AsyncSession, platform: str, event_id: str, now: datetime
) -> bool:
    """Claim ``event_id`` in the turn's transaction; ``False`` if it was handled already.

    Written with the handler's own changes, so they commit together: a repeated
    delivery handled at the same moment waits for the first one (PostgreSQL) or
    takes its turn (SQLite), then finds the id taken and changes nothing.
    """
    values = {"platform": platform, "event_id": _digest(event_id), "handled_at": now}
    key = [HandledEvent.platform, HandledEvent.event_id]
    return await insert_new(session, HandledEvent, values, key, HandledEvent.id) is not None


async def forget_handled_before(session: AsyncSession, before: datetime) -> int:
    """Drop the ids handled before ``before``; returns how many."""
    result = await session.execute(delete(HandledEvent).where(HandledEvent.handled_at < before))
    return int(result.rowcount)  # type: ignore[attr-defined]

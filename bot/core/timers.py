"""Durable one-shot timers that the core sets and the scheduler fires.

A handler never sleeps: it stores a timer (``set_timer``) and returns. When the
timer falls due, the scheduler's sweep claims it and calls the handler
registered for its kind, even if the bot restarted in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.events import Recipient
from bot.storage.models import Timer


@dataclass(frozen=True, slots=True)
class DueTimer:
    id: int
    kind: str
    key: str
    person_id: int | None
    recipient: Recipient
    private_chat: bool
    data: dict[str, object]

    @classmethod
    def from_row(cls, row: Timer) -> DueTimer:
        payload: dict[str, Any] = dict(row.payload)
        target = payload.pop("recipient")
        private_chat = bool(payload.pop("private_chat", True))
        return cls(
            id=row.id,
            kind=row.kind,
            key=row.key,
            person_id=row.person_id,
            recipient=Recipient(target["platform"], target["chat_id"], target.get("user_id")),
            private_chat=private_chat,
            data=payload.get("data", {}),
        )


async def set_timer(
    session: AsyncSession,
    *,
    kind: str,
    key: str,
    due_at: datetime,
    person_id: int,
    recipient: Recipient,
    private_chat: bool = True,
    data: dict[str, object] | None = None,
) -> None:
    """Set (or replace) the timer ``kind``/``key`` to fire at ``due_at``."""
    await cancel_timer(session, kind, key)
    session.add(
        Timer(
            kind=kind,
            key=key,
            due_at=due_at,
            person_id=person_id,
            payload={
                "recipient": {
                    "platform": recipient.platform,
                    "chat_id": recipient.chat_id,
                    "user_id": recipient.user_id,
                },
                "private_chat": private_chat,
                "data": data or {},
            },
        )
    )
    await session.flush()


async def cancel_timer(session: AsyncSession, kind: str, key: str) -> None:
    await session.execute(delete(Timer).where(Timer.kind == kind, Timer.key == key))

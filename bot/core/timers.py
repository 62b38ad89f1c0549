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
from bot.storage.conflicts import insert_for
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
    """Set (or replace) the timer ``kind``/``key`` to fire at ``due_at``.

    One statement, so two presses setting the same timer at once leave one timer
    (the later one's) instead of meeting the unique key.
    """
    values = {
        "kind": kind,
        "key": key,
        "due_at": due_at,
        "person_id": person_id,
        "payload": {
            "recipient": {
                "platform": recipient.platform,
                "chat_id": recipient.chat_id,
                "user_id": recipient.user_id,
            },
            "private_chat": private_chat,
            "data": data or {},
        },
        "claimed_until": None,
    }
    statement = insert_for(session, Timer).values(values)
    replace = {name: statement.excluded[name] for name in values if name not in {"kind", "key"}}
    await session.execute(
        statement.on_conflict_do_update(index_elements=[Timer.kind, Timer.key], set_=replace)
    )


async def cancel_timer(session: AsyncSession, kind: str, key: str) -> None:
    await session.execute(delete(Timer).where(Timer.kind == kind, Timer.key == key))

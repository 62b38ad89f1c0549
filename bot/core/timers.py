"""Durable one-shot timers that the core sets and the scheduler fires.

A handler never sleeps: it stores a timer (``set_timer``) and returns. When the
timer falls due, the scheduler's sweep claims it and hands it to
:class:`TimerFiring`, which runs the handler registered for its kind, even if the
bot restarted in between.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.events import Chat, Recipient, Sender
from bot.core.ports import SendResult
from bot.core.router import Router
from bot.core.turn import Services, Turn
from bot.storage.conflicts import insert_for
from bot.storage.database import Database
from bot.storage.models import Person, Timer

log = logging.getLogger(__name__)


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


class TimerFiring:
    """The core's side of the timer sweep (one of :mod:`bot.core.due`'s kinds of due work)."""

    def __init__(self, services: Services, database: Database, router: Router) -> None:
        self.services = services
        self.database = database
        self.router = router

    async def handle(self, timer: DueTimer) -> SendResult | None:
        """Run a due timer's handler and push its replies; ``None`` if nothing was sent."""
        handler = self.router.timers.get(timer.kind)
        if handler is None:
            log.warning("no handler for timer kind %s; dropping it", timer.kind)
            return None
        recipient = timer.recipient
        async with self.database.session() as session:
            # Deleting the row in the handler's own transaction makes firing
            # at-most-once: a crash before commit leaves the timer to be claimed
            # again; after commit it is gone even if the push never happens.
            deleted = await session.execute(delete(Timer).where(Timer.id == timer.id))
            if deleted.rowcount == 0:  # type: ignore[attr-defined]
                return None  # fired by another process, or cancelled meanwhile
            person = await session.get(Person, timer.person_id) if timer.person_id else None
            if person is None:
                return None  # the person was forgotten after the timer was set
            turn = Turn(
                self.services,
                session,
                person,
                Sender(recipient.platform, recipient.user_id or ""),
                Chat(recipient.chat_id, is_private=timer.private_chat),
            )
            reply = await handler(turn, timer.key, timer.data)
        if not reply:
            return None
        return await self.services.delivery.push(recipient, reply)

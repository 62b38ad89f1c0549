"""Platform deliveries already handled, so that a repeated one changes nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, IdType, UtcDateTime


class HandledEvent(Base):
    """One command or button press a platform delivered, by the platform's own id for it.

    Platforms deliver some things more than once: Telegram resends a webhook update
    that was not acknowledged in time, polling hands out again an update whose
    offset a crash left unconfirmed, and two processes may both receive a Discord
    interaction. The row is written in the same transaction as the handler's
    changes, and its unique key lets only one delivery of an id commit them.
    It names no person: it holds hashes of platform ids for a day, then the sweep drops it.
    """

    __tablename__ = "handled_events"
    __table_args__ = (
        UniqueConstraint("platform", "event_id"),
        Index("ix_handled_events_handled_at", "handled_at"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(100))
    handled_at: Mapped[datetime] = mapped_column(UtcDateTime)

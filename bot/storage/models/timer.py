"""Durable timers: something the core must do at a given instant, even after a restart."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, IdType, UtcDateTime


class Timer(Base):
    """A one-shot timer, e.g. the end of an exercise hold.

    ``key`` is unique per ``kind`` so setting a timer again replaces it.
    The sweeper claims due rows by setting ``claimed_until`` (a lease), so a
    crashed process's claims expire and another process picks them up.
    """

    __tablename__ = "timers"
    __table_args__ = (
        UniqueConstraint("kind", "key"),
        Index("ix_timers_due_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True, default=None
    )
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(128))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)

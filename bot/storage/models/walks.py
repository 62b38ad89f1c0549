"""Walks a person logged, from a reminder's button or a command."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, IdType, UtcDateTime


class Walk(Base):
    """One walk. ``local_date`` is the person's calendar day when it was logged,
    fixed at logging time so a later time-zone change does not move old walks.

    A walk logged from a reminder names the reminder's slot, and the schema allows
    one walk per (person, slot): two "Done" presses delivered together log one
    walk, whichever process handles them. Other walks leave ``slot_at`` NULL, and
    NULLs never collide.
    """

    __tablename__ = "walks"
    __table_args__ = (
        Index("ix_walks_person_id_local_date", "person_id", "local_date"),
        UniqueConstraint("person_id", "slot_at"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    minutes: Mapped[int] = mapped_column(Integer)
    logged_at: Mapped[datetime] = mapped_column(UtcDateTime)
    local_date: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(16))
    """``reminder``, ``command``, or the feature that logged it (e.g. ``challenge``)."""
    slot_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    """The reminder slot this walk answers (its "Done"), or NULL."""

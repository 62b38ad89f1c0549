"""Walking reminders: who wants them, when, and what happened to each slot."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, IdType, UtcDateTime


class ReminderSubscription(Base):
    """One person's reminders in one chat.

    ``next_due_at`` is the only thing the sweep looks at: it is NULL whenever
    nothing should fire (off, blocked), so one index answers "what is due".
    Reminders are personal, so they always go to a one-to-one chat: ``chat_id`` is
    the person's private chat even when they asked in a server or a group, and
    ``group_id`` then names that server or group. Such reminders belong to it: they
    stop when the person leaves it or the bot is removed from it.
    ``slot_at`` is the slot instance that ``next_due_at`` serves; they differ only
    while a send waits for a platform's retry-after. ``slot_at`` NULL with a
    ``next_due_at`` means "reschedule from the slots without sending" (used when
    a blocked person writes again). ``timezone`` is copied from the person so the
    sweep can compute the next slot without a join; /timezone keeps it in step.
    """

    __tablename__ = "reminder_subscriptions"
    __table_args__ = (
        UniqueConstraint("person_id", "platform", "chat_id"),
        Index("ix_reminder_subscriptions_next_due_at", "next_due_at"),
        Index("ix_reminder_subscriptions_platform_group_id", "platform", "group_id"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(64))
    private_chat: Mapped[bool] = mapped_column(Boolean, default=True)
    group_id: Mapped[str | None] = mapped_column(String(64), default=None)
    """The server or group the person asked in; NULL when they asked privately."""
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    slots: Mapped[str] = mapped_column(String(32))
    """Local wall-clock times, ``HH:MM`` separated by spaces, sorted."""
    quiet_start: Mapped[str | None] = mapped_column(String(5), default=None)
    quiet_end: Mapped[str | None] = mapped_column(String(5), default=None)
    state: Mapped[str] = mapped_column(String(16), default="active")
    """``active``, ``off`` (the person turned them off) or ``blocked`` (the platform refused)."""
    next_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    slot_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    """Unused since the sweep takes rows with ``FOR UPDATE SKIP LOCKED`` in its own short
    transaction (it held a lease before); kept until a migration drops it."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReminderDelivery(Base):
    """What happened to one slot instance of one subscription.

    Written after the send (with the next chunk's commit), one row per slot: the
    unique (subscription, slot) pair lets only a ``retry_after`` record be replaced
    by the retried slot's final outcome. What prevents a second send is the advance
    of ``next_due_at``, committed before the send (scheduler/reminders.py).

    A log without foreign keys (migration 0005): their checks cost the sweep more
    than the insert itself on PostgreSQL. ``forget_person`` deletes it by
    ``person_id`` like every personal table; the sweep records only subscriptions
    that still exist.
    """

    __tablename__ = "reminder_deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "slot_at"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(IdType)
    person_id: Mapped[int] = mapped_column(IdType, index=True)
    slot_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    """``sent``, ``missed``, ``failed``, ``blocked`` or ``retry_after``."""
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    detail: Mapped[str] = mapped_column(String(200), default="")

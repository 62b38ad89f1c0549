"""Guided exercise sessions: the one in progress, and the history of past ones."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, IdType, UtcDateTime


class ExerciseSession(Base):
    """One person's walk through an exercise or a routine in one chat.

    The row is the whole state: where the person is (``position`` in the plan
    the content gives for ``target``/``target_id``), what the step waits for
    (``phase``), and whether a hold is being counted (``hold_due_at``, with a
    durable timer). A restarted bot therefore continues exactly here. Finished,
    stopped and replaced sessions stay as history.
    """

    __tablename__ = "exercise_sessions"
    __table_args__ = (
        Index("ix_exercise_sessions_chat", "person_id", "platform", "chat_id", "status"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    private_chat: Mapped[bool] = mapped_column(Boolean, default=True)
    target: Mapped[str] = mapped_column(String(16))
    """``exercise`` or ``routine``."""
    target_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(128))
    """The exercise or routine name when started, for history that outlives content changes."""
    position: Mapped[int] = mapped_column(Integer, default=0)
    steps_total: Mapped[int] = mapped_column(Integer)
    phase: Mapped[str] = mapped_column(String(8), default="step")
    """``step`` (waits for Next), ``hold`` (the bot counts), ``reps`` (waits for Done)."""
    hold_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    status: Mapped[str] = mapped_column(String(16), default="active")
    """``active``, ``finished``, ``stopped``, ``hurt`` or ``replaced``."""
    muscle_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    """Strength muscle groups worked, for the rest-day advice."""
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)

"""Walking challenges in a group (a Discord server) and the people who joined them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, IdType, UtcDateTime


class Challenge(Base):
    """A shared walking goal in one group, posted about in one channel.

    It belongs to the group, not to a person, so it carries no ``person_id``:
    /forget of its creator leaves the group's challenge running. The creator's
    platform id is kept only to tell them about problems they can fix (a channel
    the bot may not post in, a role it may not give).

    ``next_post_at`` is the only thing the sweep looks at: the next daily post
    (or, after the last day, the summary); NULL once nothing more will be posted.
    """

    __tablename__ = "challenges"
    __table_args__ = (
        Index("ix_challenges_next_post_at", "next_post_at"),
        Index("ix_challenges_platform_group_id", "platform", "group_id"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(16))
    group_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100))
    days: Mapped[int] = mapped_column(Integer)
    goal_minutes: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    post_time: Mapped[str] = mapped_column(String(5))
    """Local ``HH:MM`` of the daily post, in ``timezone``."""
    timezone: Mapped[str] = mapped_column(String(64))
    reward_role_id: Mapped[str | None] = mapped_column(String(64), default=None)
    creator_user_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="active")
    """``active``, ``ended`` (summary posted), or ``closed`` (its channel is gone)."""
    next_post_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ChallengeMember(Base):
    """A person who joined a challenge; ``user_id`` is their id on the challenge's platform."""

    __tablename__ = "challenge_members"
    __table_args__ = (UniqueConstraint("challenge_id", "person_id"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(String(64))
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime)

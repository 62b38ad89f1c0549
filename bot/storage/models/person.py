"""A person and the chat accounts that belong to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.storage.base import Base, IdType, UtcDateTime


class Person(Base):
    """Someone using the coach, whatever platform they write from."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    preferences: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    accounts: Mapped[list[Account]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="raise_on_sql"
    )
    """Not loaded with the person (every message loads one); query ``Account`` instead."""


class Account(Base):
    """One platform identity (platform, platform user id) of a person."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("platform", "platform_user_id"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(128), default="")
    private_chat_id: Mapped[str | None] = mapped_column(String(64), default=None)
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    """False once the platform told us the person blocked the bot."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    person: Mapped[Person] = relationship(back_populates="accounts")

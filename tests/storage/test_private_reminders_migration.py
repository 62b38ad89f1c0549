"""Migration 0006 moves reminders that were posted in channels and groups to private chats."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from sqlalchemy import Connection, text

from bot.storage.database import Database, alembic_config

NOW = datetime(2026, 1, 5, 7, 0)
DUE = datetime(2026, 1, 5, 8, 0)


def _downgrade(connection: Connection) -> None:
    command.downgrade(alembic_config(connection), "0005")


async def test_channel_reminders_move_to_the_persons_private_chat(any_db: Database) -> None:
    async with any_db.engine.begin() as connection:
        await connection.run_sync(_downgrade)
        for person in (1, 2, 3, 4):
            await connection.execute(
                text(
                    "INSERT INTO persons (id, created_at, timezone, preferences)"
                    " VALUES (:id, :now, 'UTC', '{}')"
                ),
                {"id": person, "now": NOW},
            )
        rows = [
            # id, person, platform, chat, user, private
            (1, 1, "discord", "5550", "u1", False),  # a server channel → dm:u1
            (2, 2, "telegram", "22", "22", True),  # already private
            (3, 2, "telegram", "-100", "22", False),  # the same person in a group: dropped
            (4, 3, "telegram", "-7", "33", False),  # → 33, asked in group -7
            (5, 3, "telegram", "-8", "33", False),  # a second group of the same person: dropped
            (6, 4, "test", "room", "u4", False),  # a platform without private chats: off
        ]
        for row in rows:
            await connection.execute(
                text(
                    "INSERT INTO reminder_subscriptions (id, person_id, platform, chat_id,"
                    " user_id, private_chat, timezone, slots, state, next_due_at, slot_at,"
                    " created_at) VALUES (:id, :person, :platform, :chat, :user, :private,"
                    " 'UTC', '08:00', 'active', :due, :due, :now)"
                ),
                dict(
                    zip(("id", "person", "platform", "chat", "user", "private"), row, strict=True),
                    due=DUE,
                    now=NOW,
                ),
            )
    await any_db.upgrade()
    async with any_db.engine.connect() as connection:
        result = await connection.execute(
            text(
                "SELECT id, chat_id, private_chat, group_id, state, next_due_at IS NOT NULL"
                " FROM reminder_subscriptions ORDER BY id"
            )
        )
        moved = [tuple(row) for row in result]
    assert moved == [
        (1, "dm:u1", True, None, "active", True),
        (2, "22", True, None, "active", True),
        (4, "33", True, "-7", "active", True),
        (6, "room", False, None, "off", False),
    ]

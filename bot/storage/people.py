"""Finding people by their platform account, and giving them their data back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.events import Chat, Sender
from bot.storage.models import Account, Base, Person
from bot.storage.reminders import resume_blocked_reminders


async def find_account(session: AsyncSession, platform: str, user_id: str) -> Account | None:
    result = await session.execute(
        select(Account).where(Account.platform == platform, Account.platform_user_id == user_id)
    )
    return result.scalar_one_or_none()


async def ensure_person(
    session: AsyncSession, sender: Sender, chat: Chat | None, now: datetime
) -> Person:
    """The person behind ``sender``, created on first contact.

    Keeps the display name and the private chat id fresh, and marks the account
    reachable again: a person who writes to us has evidently not blocked us.
    """
    found = (
        await session.execute(
            select(Account, Person)
            .join(Person, Account.person_id == Person.id)
            .where(Account.platform == sender.platform, Account.platform_user_id == sender.user_id)
        )
    ).one_or_none()
    if found is None:
        person = Person(created_at=now, timezone="UTC", preferences={})
        account = Account(
            person=person,
            platform=sender.platform,
            platform_user_id=sender.user_id,
            display_name=sender.display_name[:128],
            created_at=now,
            reachable=True,
        )
        session.add_all([person, account])
    else:
        account, person = found
    # Only real changes are written: most messages come from a known, unchanged account,
    # and a turn that writes nothing costs SQLite no write lock.
    if sender.display_name and account.display_name != sender.display_name[:128]:
        account.display_name = sender.display_name[:128]
    if chat is not None and chat.is_private and account.private_chat_id != chat.id:
        account.private_chat_id = chat.id
    if not account.reachable:
        await resume_blocked_reminders(session, person.id, sender.platform, now)
        account.reachable = True
    await session.flush()
    return person


def personal_tables() -> list[Table]:
    """Every table holding a person's rows, children before parents."""
    return [
        table
        for table in reversed(Base.metadata.sorted_tables)
        if "person_id" in table.c or table.name == Person.__tablename__
    ]


def _owner_column(table: Table) -> Any:
    return table.c.id if table.name == Person.__tablename__ else table.c.person_id


async def export_person(session: AsyncSession, person_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every stored row about a person, table by table, as JSON-ready values."""
    exported: dict[str, list[dict[str, Any]]] = {}
    for table in reversed(personal_tables()):
        rows = await session.execute(select(table).where(_owner_column(table) == person_id))
        exported[table.name] = [
            {key: _jsonable(value) for key, value in row._mapping.items()} for row in rows
        ]
    return exported


async def forget_person(session: AsyncSession, person_id: int) -> None:
    """Delete every row about a person, in every table, explicitly.

    Foreign keys cascade too, but we do not rely on it: SQLite only enforces them
    with a pragma, and a table without a foreign key must not keep data behind.
    """
    for table in personal_tables():
        await session.execute(delete(table).where(_owner_column(table) == person_id))
    session.expunge_all()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


async def set_reachable(
    session: AsyncSession, platform: str, user_id: str, reachable: bool
) -> Account | None:
    """Record that the platform can (not) deliver to this account, e.g. the user blocked us.

    Features that push (reminders) skip unreachable accounts instead of retrying forever.
    """
    account = await find_account(session, platform, user_id)
    if account is not None:
        account.reachable = reachable
    return account

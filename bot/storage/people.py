"""Finding people by their platform account, and giving them their data back."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.core.events import Chat, Sender
from bot.storage.conflicts import insert_for
from bot.storage.models import Account, Base, Person
from bot.storage.reminders import resume_blocked_reminders


async def find_account(session: AsyncSession, platform: str, user_id: str) -> Account | None:
    result = await session.execute(
        select(Account).where(Account.platform == platform, Account.platform_user_id == user_id)
    )
    return result.scalar_one_or_none()


async def private_chat_of(session: AsyncSession, platform: str, user_id: str) -> str | None:
    """The person's private chat with the bot, if they have written to us from one."""
    result = await session.execute(
        select(Account.private_chat_id).where(
            Account.platform == platform, Account.platform_user_id == user_id
        )
    )
    return result.scalar()


async def ensure_person(
    session: AsyncSession, sender: Sender, chat: Chat | None, now: datetime
) -> tuple[Person, bool]:
    """The person behind ``sender``, created on first contact, and whether this is it.

    The flag is true when this call created the account: the person's first message
    on this platform (the conversation adds the disclaimer to its reply). Keeps the
    display name and the private chat id fresh, and marks the account reachable
    again: a person who writes to us has evidently not blocked us.
    Safe when the same new person's first two messages are handled at once:
    one of them creates the person (and has the first contact), the other finds
    it (:func:`_first_contact`).
    """
    found = await _find_with_person(session, sender)
    if found is None:
        created = await _first_contact(session, sender, chat, now)
        if created is not None:
            person = await session.get(Person, created)
            assert person is not None
            return person, True
        found = await _find_with_person(session, sender)
        assert found is not None, "the account that won the race is committed"
    account, person = found
    # Only real changes are written: most messages come from a known, unchanged account,
    # and a turn that writes nothing costs SQLite no write lock.
    for name, value in _account_changes(
        account.display_name, account.private_chat_id, sender, chat
    ):
        setattr(account, name, value)
    if not account.reachable:
        await resume_blocked_reminders(session, person.id, sender.platform, now)
        account.reachable = True
    await session.flush()
    return person, False


async def _find_with_person(session: AsyncSession, sender: Sender) -> tuple[Account, Person] | None:
    row = (
        await session.execute(
            select(Account, Person)
            .join(Person, Account.person_id == Person.id)
            .where(Account.platform == sender.platform, Account.platform_user_id == sender.user_id)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1])


_PERSONS: Table = Person.__table__  # type: ignore[assignment]
_ACCOUNTS: Table = Account.__table__  # type: ignore[assignment]
_FIND_ACCOUNT = select(
    _ACCOUNTS.c.id,
    _ACCOUNTS.c.person_id,
    _ACCOUNTS.c.display_name,
    _ACCOUNTS.c.private_chat_id,
    _ACCOUNTS.c.reachable,
).where(
    _ACCOUNTS.c.platform == bindparam("platform"),
    _ACCOUNTS.c.platform_user_id == bindparam("user_id"),
)

_NEW_PERSON = insert(_PERSONS).returning(_PERSONS.c.id)


async def record_sender(
    connection: AsyncConnection, sender: Sender, chat: Chat | None, now: datetime
) -> tuple[int, bool]:
    """What :func:`ensure_person` does, for a turn that needs no :class:`Person` object.

    The same rules in Core statements: a question from a new or changed account
    costs a few statements instead of an ORM unit of work. Returns the person's id
    and whether this call created the account (first contact).
    """
    key = {"platform": sender.platform, "user_id": sender.user_id}
    found = (await connection.execute(_FIND_ACCOUNT, key)).one_or_none()
    if found is None:
        created = await _first_contact(connection, sender, chat, now)
        if created is not None:
            return created, True
        found = (await connection.execute(_FIND_ACCOUNT, key)).one()
    account_id, person_id, display_name, private_chat_id, reachable = found
    changes: dict[str, object] = dict(_account_changes(display_name, private_chat_id, sender, chat))
    if not reachable:
        await resume_blocked_reminders(connection, person_id, sender.platform, now)
        changes["reachable"] = True
    if changes:
        await connection.execute(
            update(_ACCOUNTS).where(_ACCOUNTS.c.id == account_id).values(**changes)
        )
    return int(person_id), False


async def _first_contact(
    bind: AsyncSession | AsyncConnection, sender: Sender, chat: Chat | None, now: datetime
) -> int | None:
    """Create the person and their account; ``None`` if the account exists after all.

    Two first messages handled at once both find no account and both get here.
    The account's unique (platform, user id) decides: the other's insert does
    nothing (bot/storage/conflicts.py), and that one removes the person it made
    and reads the winner's instead of failing.
    """
    person = {"created_at": now, "timezone": "UTC", "preferences": {}}
    person_id: int = (await bind.execute(_NEW_PERSON, person)).scalar_one()
    account = insert_for(bind, _ACCOUNTS).on_conflict_do_nothing(
        index_elements=[_ACCOUNTS.c.platform, _ACCOUNTS.c.platform_user_id]
    )
    values = {"person_id": person_id, **_new_account(sender, chat, now)}
    made = (await bind.execute(account.values(values).returning(_ACCOUNTS.c.id))).scalar()
    if made is not None:
        return person_id
    await bind.execute(delete(_PERSONS).where(_PERSONS.c.id == person_id))
    return None


def _new_account(sender: Sender, chat: Chat | None, now: datetime) -> dict[str, Any]:
    return {
        "platform": sender.platform,
        "platform_user_id": sender.user_id,
        "display_name": sender.display_name[:128],
        "private_chat_id": chat.id if chat is not None and chat.is_private else None,
        "created_at": now,
        "reachable": True,
    }


def _account_changes(
    display_name: str, private_chat_id: str | None, sender: Sender, chat: Chat | None
) -> list[tuple[str, str]]:
    """The account fields this message brings news of: a new name, its private chat."""
    changes = []
    if sender.display_name and display_name != sender.display_name[:128]:
        changes.append(("display_name", sender.display_name[:128]))
    if chat is not None and chat.is_private and private_chat_id != chat.id:
        changes.append(("private_chat_id", chat.id))
    return changes


def personal_tables() -> list[Table]:
    """Every table holding a person's rows, children before parents."""
    return [
        table
        for table in reversed(Base.metadata.sorted_tables)
        if "person_id" in table.c or table.name == Person.__tablename__
    ]


def _owner_column(table: Table) -> Any:
    return table.c.id if table.name == Person.__tablename__ else table.c.person_id


@dataclass(frozen=True, slots=True)
class _Seen:
    person_id: int
    display_name: str
    private_chat_id: str | None
    at: datetime


class RecentAccounts:
    """Accounts this process stored a moment ago, to answer them without the database.

    Most messages are questions from someone who wrote before: for them
    :func:`ensure_person` would find the account and change nothing. After a
    committed turn the conversation remembers what it wrote (the name, the
    private chat, reachable); a later message with the same name and chat is
    known to need no write, for up to ``ttl``. Anything else (a new name, a
    private chat not seen, an account marked unreachable here, an expired or
    evicted entry) goes to the database as before.

    The bound is for several processes sharing one database: another process
    may mark the account unreachable (a reminder found the bot blocked); a
    question answered from here in that window does not resume the reminders,
    the person's first turn after ``ttl`` does.
    """

    def __init__(self, ttl: timedelta = timedelta(seconds=60), size: int = 50_000) -> None:
        self.ttl = ttl
        self.size = size
        self._seen: OrderedDict[tuple[str, str], _Seen] = OrderedDict()

    def remember(self, sender: Sender, chat: Chat | None, person_id: int, now: datetime) -> None:
        """``ensure_person`` for this sender and chat was just committed."""
        key = (sender.platform, sender.user_id)
        private = chat.id if chat is not None and chat.is_private else None
        if private is None and (previous := self._seen.get(key)) is not None:
            private = previous.private_chat_id
        self._seen[key] = _Seen(person_id, sender.display_name[:128], private, now)
        self._seen.move_to_end(key)
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)

    def unchanged(self, sender: Sender, chat: Chat | None, now: datetime) -> int | None:
        """The person's id if ``ensure_person`` would find the account as it is and write
        nothing; ``None`` if it has to look."""
        seen = self._seen.get((sender.platform, sender.user_id))
        if seen is None or now - seen.at > self.ttl:
            return None
        if sender.display_name and sender.display_name[:128] != seen.display_name:
            return None
        if chat is not None and chat.is_private and chat.id != seen.private_chat_id:
            return None
        return seen.person_id

    def forget(self, platform: str, user_id: str) -> None:
        self._seen.pop((platform, user_id), None)


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

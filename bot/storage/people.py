"""Finding people by their platform account, and giving them their data back."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.storage.conflicts import InsertNew
from bot.storage.models import Account, Base, Person

NAME_LENGTH = 128
"""The longest display name an account keeps (the column's size)."""


@dataclass(frozen=True, slots=True)
class AccountSeen:
    """An account as one message shows it: who wrote, under which name, and from where."""

    platform: str
    user_id: str
    display_name: str = ""
    """Empty when the platform did not say; a stored name is then left as it is."""
    private_chat_id: str | None = None
    """The chat the message came from, when that chat is the person's private chat with
    the bot; ``None`` for a group's (which says nothing about the private chat)."""

    @property
    def name(self) -> str:
        return self.display_name[:NAME_LENGTH]


class Contact(NamedTuple):
    """The person behind a message, as :func:`ensure_person` found or made them."""

    person: Person
    first_contact: bool
    """This message created the account: the person's first on this platform."""
    was_unreachable: bool
    """The account was marked unreachable; the core decides what writing again changes."""


class Recorded(NamedTuple):
    """:class:`Contact` for :func:`record_sender`, which loads no :class:`Person`."""

    person_id: int
    first_contact: bool
    was_unreachable: bool


async def find_account(session: AsyncSession, platform: str, user_id: str) -> Account | None:
    result = await session.execute(
        select(Account).where(Account.platform == platform, Account.platform_user_id == user_id)
    )
    return result.scalar_one_or_none()


async def private_chat_of(session: AsyncSession, platform: str, user_id: str) -> str | None:
    """The person's private chat with the bot, if they have written to us from one."""
    account = await find_account(session, platform, user_id)
    return account.private_chat_id if account is not None else None


async def ensure_person(session: AsyncSession, seen: AccountSeen, now: datetime) -> Contact:
    """The person behind the account ``seen``, created on first contact.

    Keeps the display name and the private chat id fresh. Whether the account was
    unreachable is reported, not changed: what writing again means for a person the
    platform could not reach is the core's rule (``bot.core.delivery``).
    Safe when the same new person's first two messages are handled at once:
    one of them creates the person (and has the first contact), the other finds
    it (:func:`_first_contacts`).
    """
    found = await _find_with_person(session, seen)
    if found is None:
        created = (await _first_contacts(session, [seen], now)).get(_key(seen))
        if created is not None:
            person = await session.get(Person, created)
            assert person is not None
            return Contact(person, True, False)
        found = await _find_with_person(session, seen)
        assert found is not None, "the account that won the race is committed"
    account, person = found
    # Only real changes are written: most messages come from a known, unchanged account,
    # and a turn that writes nothing costs SQLite no write lock.
    for name, value in _account_changes(account.display_name, account.private_chat_id, seen):
        setattr(account, name, value)
    await session.flush()
    return Contact(person, False, not account.reachable)


async def _find_with_person(
    session: AsyncSession, seen: AccountSeen
) -> tuple[Account, Person] | None:
    row = (
        await session.execute(
            select(Account, Person)
            .join(Person, Account.person_id == Person.id)
            .where(Account.platform == seen.platform, Account.platform_user_id == seen.user_id)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1])


_PERSONS: Table = Person.__table__  # type: ignore[assignment]
_ACCOUNTS: Table = Account.__table__  # type: ignore[assignment]
_FIND_ACCOUNTS = select(
    _ACCOUNTS.c.platform_user_id,
    _ACCOUNTS.c.id,
    _ACCOUNTS.c.person_id,
    _ACCOUNTS.c.display_name,
    _ACCOUNTS.c.private_chat_id,
    _ACCOUNTS.c.reachable,
).where(
    _ACCOUNTS.c.platform == bindparam("platform"),
    _ACCOUNTS.c.platform_user_id.in_(bindparam("user_ids", expanding=True)),
)

_NEW_PERSON = insert(_PERSONS).returning(_PERSONS.c.id)
_NEW_ACCOUNT = InsertNew(
    _ACCOUNTS,
    [_ACCOUNTS.c.platform, _ACCOUNTS.c.platform_user_id],
    _ACCOUNTS.c.id,
    _ACCOUNTS.c.platform,
    _ACCOUNTS.c.platform_user_id,
)
AccountKey = tuple[str, str]
"""An account's (platform, platform user id): unique."""


async def record_sender(connection: AsyncConnection, seen: AccountSeen, now: datetime) -> Recorded:
    """What :func:`ensure_person` does, for a turn that needs no :class:`Person` object.

    The same rules in Core statements: a question from a new or changed account
    costs a few statements instead of an ORM unit of work.
    """
    [recorded] = await record_senders(connection, [seen], now)
    return recorded


async def record_senders(
    connection: AsyncConnection, seen: Sequence[AccountSeen], now: datetime
) -> list[Recorded]:
    """:func:`record_sender` for several accounts (each once), one statement per step.

    One lookup of them all, one insert of the new people and one of their accounts:
    :class:`~bot.storage.senders.SenderRecorder` writes every sender waiting at a
    moment this way. Returns what each one's :func:`record_sender` would have.
    """
    assert len({_key(one) for one in seen}) == len(seen), "each account once"
    found = await _find_accounts(connection, seen)
    created = await _first_contacts(
        connection, [one for one in seen if _key(one) not in found], now
    )
    lost = [one for one in seen if _key(one) not in found and _key(one) not in created]
    if lost:  # a request racing this one made them first: read the winners' (committed)
        found.update(await _find_accounts(connection, lost))
    recorded = []
    for one in seen:
        if _key(one) in created:
            recorded.append(Recorded(created[_key(one)], True, False))
            continue
        account_id, person_id, display_name, private_chat_id, reachable = found[_key(one)]
        changes = dict(_account_changes(display_name, private_chat_id, one))
        if changes:
            await connection.execute(
                update(_ACCOUNTS).where(_ACCOUNTS.c.id == account_id).values(**changes)
            )
        recorded.append(Recorded(int(person_id), False, not reachable))
    return recorded


def _key(seen: AccountSeen) -> AccountKey:
    return (seen.platform, seen.user_id)


async def _find_accounts(
    connection: AsyncConnection, seen: Sequence[AccountSeen]
) -> dict[AccountKey, tuple[Any, ...]]:
    """The stored accounts among ``seen``: (id, person id, name, private chat, reachable)."""
    found: dict[AccountKey, tuple[Any, ...]] = {}
    for platform in sorted({one.platform for one in seen}):
        user_ids = [one.user_id for one in seen if one.platform == platform]
        rows = await connection.execute(
            _FIND_ACCOUNTS, {"platform": platform, "user_ids": user_ids}
        )
        for user_id, *account in rows:
            found[(platform, user_id)] = tuple(account)
    return found


async def _first_contacts(
    bind: AsyncSession | AsyncConnection, seen: Sequence[AccountSeen], now: datetime
) -> dict[AccountKey, int]:
    """Create the people and their accounts: each new account's person id.

    The people are alike until their account points at them, so their ids are given
    out in order. Two first messages handled at once both find no account and both get
    here: the account's unique (platform, user id) decides (bot/storage/conflicts.py).
    An account a racing request made first is not inserted, and the person made for it
    is removed; the caller reads the winner's instead of failing.
    """
    if not seen:
        return {}
    person = {"created_at": now, "timezone": "UTC", "preferences": {}}
    people = sorted((await bind.execute(_NEW_PERSON, [person] * len(seen))).scalars())
    accounts = [
        {"person_id": person_id, **_new_account(one, now)}
        for person_id, one in zip(people, seen, strict=True)
    ]
    inserted = await bind.execute(_NEW_ACCOUNT.statement(bind), accounts)
    made = {_key(one): person_id for person_id, one in zip(people, seen, strict=True)}
    created = {(platform, user_id): made[(platform, user_id)] for _, platform, user_id in inserted}
    orphans = [person_id for key, person_id in made.items() if key not in created]
    if orphans:
        await bind.execute(delete(_PERSONS).where(_PERSONS.c.id.in_(orphans)))
    return created


def _new_account(seen: AccountSeen, now: datetime) -> dict[str, Any]:
    return {
        "platform": seen.platform,
        "platform_user_id": seen.user_id,
        "display_name": seen.name,
        "private_chat_id": seen.private_chat_id,
        "created_at": now,
        "reachable": True,
    }


def _account_changes(
    display_name: str, private_chat_id: str | None, seen: AccountSeen
) -> list[tuple[str, str]]:
    """The account fields this message brings news of: a new name, its private chat."""
    changes = []
    if seen.name and display_name != seen.name:
        changes.append(("display_name", seen.name))
    if seen.private_chat_id is not None and private_chat_id != seen.private_chat_id:
        changes.append(("private_chat_id", seen.private_chat_id))
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

    def remember(self, seen: AccountSeen, person_id: int, now: datetime) -> None:
        """``ensure_person`` for this account was just committed."""
        key = (seen.platform, seen.user_id)
        private = seen.private_chat_id
        if private is None and (previous := self._seen.get(key)) is not None:
            private = previous.private_chat_id
        self._seen[key] = _Seen(person_id, seen.name, private, now)
        self._seen.move_to_end(key)
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)

    def unchanged(self, seen: AccountSeen, now: datetime) -> int | None:
        """The person's id if ``ensure_person`` would find the account as it is and write
        nothing; ``None`` if it has to look."""
        known = self._seen.get((seen.platform, seen.user_id))
        if known is None or now - known.at > self.ttl:
            return None
        if seen.name and seen.name != known.display_name:
            return None
        if seen.private_chat_id is not None and seen.private_chat_id != known.private_chat_id:
            return None
        return known.person_id

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

"""People, their accounts, and their right to see and delete their data."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from bot.core.clock import ManualClock
from bot.core.events import Recipient
from bot.core.timers import set_timer
from bot.storage.database import Database
from bot.storage.models import Account, Person
from bot.storage.people import (
    AccountSeen,
    ensure_person,
    export_person,
    forget_person,
    personal_tables,
    record_sender,
)

ANNA = AccountSeen("telegram", "1001", "Anna", private_chat_id="1001")
BEN = AccountSeen("telegram", "1002", "Ben", private_chat_id="1002")


async def test_first_contact_creates_a_person_with_one_account(
    any_db: Database, clock: ManualClock
) -> None:
    async with any_db.session() as session:
        person, first_contact, _ = await ensure_person(session, ANNA, clock.now())
        assert person.timezone == "UTC" and first_contact
    async with any_db.session() as session:
        again, first_contact, _ = await ensure_person(session, ANNA, clock.now())
        assert again.id == person.id and not first_contact
        accounts = (await session.execute(select(Account))).scalars().all()
        assert [(a.person_id, a.platform_user_id) for a in accounts] == [(person.id, "1001")]


async def test_display_name_and_timezone_are_kept_and_unreachability_reported(
    any_db: Database, clock: ManualClock
) -> None:
    """Storage says the account was unreachable; what writing again changes is the core's."""
    async with any_db.session() as session:
        person, _, _ = await ensure_person(session, ANNA, clock.now())
        person.timezone = "Europe/Berlin"
        person.preferences = {"units": "metric"}
    async with any_db.session() as session:
        await session.execute(update(Account).values(reachable=False))
    async with any_db.session() as session:
        renamed = AccountSeen("telegram", "1001", "Anna K.", private_chat_id="1001")
        person, _, was_unreachable = await ensure_person(session, renamed, clock.now())
        assert person.timezone == "Europe/Berlin"
        assert person.preferences == {"units": "metric"}
        assert was_unreachable
        account = (await session.execute(select(Account))).scalar_one()
        assert account.display_name == "Anna K."


async def _rows_owned_by(database: Database, person_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    async with database.session() as session:
        for table in personal_tables():
            owner = table.c.id if table.name == "persons" else table.c.person_id
            query = select(func.count()).select_from(table).where(owner == person_id)
            counts[table.name] = (await session.execute(query)).scalar_one()
    return counts


async def test_forget_deletes_every_row_in_every_table_and_spares_others(
    any_db: Database, clock: ManualClock
) -> None:
    async with any_db.session() as session:
        anna, _, _ = await ensure_person(session, ANNA, clock.now())
        ben, _, _ = await ensure_person(session, BEN, clock.now())
        for person, sender in ((anna, ANNA), (ben, BEN)):
            await set_timer(
                session,
                kind="test",
                key=sender.user_id,
                due_at=clock.now() + timedelta(minutes=5),
                person_id=person.id,
                recipient=Recipient("telegram", sender.user_id, sender.user_id),
            )
    before = await _rows_owned_by(any_db, anna.id)
    assert before["persons"] == before["accounts"] == before["timers"] == 1
    bens_rows = await _rows_owned_by(any_db, ben.id)

    async with any_db.session() as session:
        await forget_person(session, anna.id)

    assert set((await _rows_owned_by(any_db, anna.id)).values()) == {0}
    assert await _rows_owned_by(any_db, ben.id) == bens_rows
    async with any_db.session() as session:
        assert (await session.execute(select(func.count()).select_from(Person))).scalar_one() == 1


async def test_export_holds_every_table_with_the_persons_rows(
    any_db: Database, clock: ManualClock
) -> None:
    async with any_db.session() as session:
        anna, _, _ = await ensure_person(session, ANNA, clock.now())
        await ensure_person(session, BEN, clock.now())
    async with any_db.session() as session:
        exported = await export_person(session, anna.id)
    assert set(exported) == {t.name for t in personal_tables()}
    assert exported["persons"][0]["id"] == anna.id
    assert [a["display_name"] for a in exported["accounts"]] == ["Anna"]
    assert exported["persons"][0]["created_at"].startswith(clock.now().date().isoformat())


async def test_recording_a_sender_follows_the_same_rules_as_ensure_person(
    any_db: Database, clock: ManualClock
) -> None:
    """``record_sender`` (Core statements, for questions) and ``ensure_person`` agree."""
    async with any_db.engine.begin() as connection:
        anna_id, first_contact, _ = await record_sender(connection, ANNA, clock.now())
    assert first_contact
    async with any_db.session() as session:
        person, first_contact, _ = await ensure_person(session, ANNA, clock.now())
        assert (person.id, first_contact) == (anna_id, False)
        await session.execute(update(Account).values(reachable=False))
    renamed = AccountSeen("telegram", "1001", "Anna K.")  # from a group: no private chat
    async with any_db.engine.begin() as connection:
        recorded = await record_sender(connection, renamed, clock.now())
        assert recorded == (anna_id, False, True)
    async with any_db.session() as session:
        account = (await session.execute(select(Account))).scalar_one()
        people = (await session.execute(select(func.count()).select_from(Person))).scalar_one()
    assert (account.display_name, account.private_chat_id) == ("Anna K.", "1001")
    assert people == 1

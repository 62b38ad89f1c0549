"""A person asks what is stored, takes a copy, and deletes it."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.storage.models import Person
from tests.conftest import ConsoleUser


async def test_privacy_explains_what_is_stored(user: ConsoleUser) -> None:
    reply = await user.says("/privacy")
    assert "What I store about you" in reply
    assert "/forget" in reply


async def test_export_shows_the_persons_data_as_json(user: ConsoleUser) -> None:
    await user.says("/start")
    reply = await user.says("/export")
    document = json.loads(reply[reply.index("{") : reply.rindex("}") + 1])
    assert document["accounts"][0]["platform"] == "console"
    assert document["persons"][0]["timezone"] == "UTC"


async def test_forget_asks_first_and_cancel_keeps_everything(user: ConsoleUser) -> None:
    await user.says("/start")
    confirm = await user.says("/forget")
    assert "can't be undone" in confirm
    assert "Nothing was deleted" in await user.says("cancel")
    assert await _people(user) == 1


async def test_forget_confirmed_deletes_the_person(user: ConsoleUser) -> None:
    await user.says("/start")
    await user.says("/forget")
    assert "deleted everything" in await user.says("Yes, delete everything")
    assert await _people(user) == 0


async def _people(user: ConsoleUser) -> int:
    async with user.app.database.session() as session:
        return (await session.execute(select(func.count()).select_from(Person))).scalar_one()

"""Double clicks on Discord, through discord.py, on SQLite and PostgreSQL.

Discord hands each interaction to the bot as it comes, and discord.py handles
them concurrently: ``press_together`` acknowledges every press of a batch only
once all were, so the bot holds them all before it handles any.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.core.clock import ManualClock
from bot.storage.models import Account, ChallengeMember, Walk
from tests.adapters.discord.conftest import RunningBot, World
from tests.together import warm_connections

TIMES = 4


@pytest.fixture
async def bot(app_on_any_db: App, world: World) -> AsyncIterator[RunningBot]:
    running = RunningBot(app_on_any_db, world)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


async def count(app: App, column: object) -> int:
    async with app.database.session() as session:
        return int((await session.execute(select(func.count(column)))).scalar_one())  # type: ignore[call-overload]


async def test_a_new_member_double_clicking_join_gets_two_answers_and_joins_once(
    bot: RunningBot, world: World
) -> None:
    fake = world.fake
    world.guild.managers.add(world.ana.id)
    created = await fake.slash(
        world.ana,
        "challenge",
        subcommand="create",
        channel=world.general,
        options={"name": "Spring"},
    )
    await fake.replies_to(created)
    [announcement] = await fake.messages_in(world.general)
    [join] = [c for c in announcement.custom_ids if ":join:" in c]

    await warm_connections(bot.app.database, TIMES)
    presses = await fake.press_together(world.ben, announcement, join, TIMES)  # Ben is new
    answers = [(await fake.replies_to(press))[0].content for press in presses]
    assert sum("You're in" in a for a in answers) == 1
    assert sum("already" in a for a in answers) == TIMES - 1
    assert await count(bot.app, ChallengeMember.id) == 1
    assert await count(bot.app, Account.id) == 2


async def test_a_double_click_on_a_reminders_done_logs_one_walk(
    bot: RunningBot, world: World
) -> None:
    fake = world.fake
    await fake.replies_to(await fake.slash(world.ben, "remind", options={"text": "on 08:00"}))
    clock = bot.app.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(hours=1))
    await bot.app.sweeper.run_once()
    [reminder] = await fake.messages_in(fake.dm_channel(world.ben))
    [done] = [c for c in reminder.custom_ids if c.startswith("bc:walk:done")]

    await warm_connections(bot.app.database, TIMES)
    presses = await fake.press_together(world.ben, reminder, done, TIMES)
    answers = [(await fake.replies_to(press))[0].content for press in presses]
    assert sum("logged a 15-minute walk" in a for a in answers) == 1
    assert sum("already logged this walk" in a for a in answers) == TIMES - 1
    assert await count(bot.app, Walk.id) == 1

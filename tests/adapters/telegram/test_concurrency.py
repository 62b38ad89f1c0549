"""Double taps and repeated updates on Telegram, through PTB, on SQLite and PostgreSQL.

``presses_together`` queues every press before the bot fetches any, so they
reach it in one batch of updates; ``delivers_again`` is Telegram sending an
update a second time (a webhook call it saw no answer to).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from bot.adapters.telegram import FloodLimits, telegram_running
from bot.app import App
from bot.config import Settings
from bot.storage.models import Account, ChallengeMember, Walk
from tests.adapters.telegram.conftest import TelegramTester
from tests.fakes.telegram_api import FakeBotApi

TIMES = 4


@pytest.fixture
async def tg_on_any_db(
    fake: FakeBotApi, app_on_any_db: App, telegram_settings: Settings, limits: FloodLimits
) -> AsyncIterator[TelegramTester]:
    async with telegram_running(
        app_on_any_db.conversation, telegram_settings, limits=limits
    ) as telegram:
        yield TelegramTester(fake, app_on_any_db, telegram)


async def walks(app: App) -> int:
    async with app.database.session() as session:
        return int((await session.execute(select(func.count(Walk.id)))).scalar_one())


async def test_a_double_tap_on_a_reminders_done_logs_one_walk(
    tg_on_any_db: TelegramTester, fake: FakeBotApi
) -> None:
    tg = tg_on_any_db
    kim = tg.person()
    await kim.says("/remind on 08:00")
    [reminder] = await tg.waits(3600)
    replies = await kim.presses_together("Done ✅", on=reminder, times=TIMES)
    said = [r.text for r in replies]
    assert sum("logged a 15-minute walk" in s for s in said) == 1
    assert sum("already logged this walk" in s for s in said) == TIMES - 1
    assert len(fake.answered) == TIMES, "every tap is answered"
    assert await walks(tg.app) == 1


async def test_an_update_telegram_sends_twice_is_handled_once(
    tg_on_any_db: TelegramTester, fake: FakeBotApi
) -> None:
    tg = tg_on_any_db
    kim = tg.person()
    first = fake.says(kim.user, "/walk 20")
    await tg.settle(first)
    await tg.settle(fake.delivers_again(first))
    logged = [m for m in kim.inbox if "logged a 20-minute walk" in m.text]
    assert len(logged) == 1
    assert await walks(tg.app) == 1


async def test_a_press_telegram_sends_twice_is_answered_once(
    tg_on_any_db: TelegramTester, fake: FakeBotApi
) -> None:
    tg = tg_on_any_db
    kim = tg.person()
    await kim.says("/remind on 08:00")
    [reminder] = await tg.waits(3600)
    update_id, _ = fake.presses(kim.user, reminder, reminder.button("Done ✅")["callback_data"])
    await tg.settle(update_id)
    before = len(fake.sent)
    await tg.settle(fake.delivers_again(update_id))
    assert fake.sent[before:] == [], 'no second answer, not even "already logged"'
    assert len(fake.calls_of("answerCallbackQuery")) == 2, "each delivery is answered"
    assert await walks(tg.app) == 1


async def test_a_new_member_double_tapping_join_joins_once_and_every_tap_is_answered(
    tg_on_any_db: TelegramTester, fake: FakeBotApi
) -> None:
    tg = tg_on_any_db
    group = tg.group("Walkers")
    ada, max_ = tg.person("Ada"), tg.person("Max")
    fake.group_admins[group.id] = {ada.id}
    created = await ada.says("/challenge create Spring steps days=7", group=group)
    [announcement] = [m for m in created if "Join" in m.labels]
    answered = len(fake.answered)
    await max_.presses_together("Join", on=announcement, times=TIMES)  # Max is new to the bot
    assert len(fake.answered) - answered == TIMES, "no tap is left spinning"
    async with tg.app.database.session() as session:
        members = await session.execute(select(func.count(ChallengeMember.id)))
        people = await session.execute(select(func.count(Account.id)))
    assert members.scalar_one() == 1
    assert people.scalar_one() == 2

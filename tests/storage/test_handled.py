"""Handled delivery ids: kept a day to catch repeats, stored so that they name nobody."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App
from bot.core.clock import ManualClock
from bot.core.events import Chat, Command, Sender
from bot.storage.models import HandledEvent

ANA = Sender("test", "u-ana", "Ana")
ANA_DM = Chat("dm-ana", is_private=True)


async def handled(app: App) -> int:
    async with app.database.session() as session:
        return int((await session.execute(select(func.count(HandledEvent.id)))).scalar_one())


async def test_handled_ids_are_kept_for_a_day_and_name_nobody(app_on_any_db: App) -> None:
    app = app_on_any_db
    await app.conversation.handle(Command(ANA, ANA_DM, "walk", "20", delivery_id="4242/17"))
    async with app.database.session() as session:
        [stored] = (await session.execute(select(HandledEvent.event_id))).scalars()
    assert "4242" not in stored
    clock = app.clock
    assert isinstance(clock, ManualClock)
    clock.advance(23 * 3600)
    await app.sweeper.run_once()
    assert await handled(app) == 1
    clock.advance(2 * 3600)
    await app.sweeper.run_once()
    assert await handled(app) == 0

"""Deliveries that arrive together: a double click, a retried webhook, two processes.

``all_at_once`` hands the core N events and lets none of them start before all
have arrived, as a platform does when it delivers presses faster than the bot
handles them. The platform fakes have the same helper at their own level:
``FakeDiscord.press_together`` (every interaction acknowledged before any is
handled) and ``FakeBotApi.presses_together`` (every callback in one batch of
updates).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from bot.app import App
from bot.core.events import Event
from bot.core.messages import Reply
from bot.storage.database import Database


async def warm_connections(database: Database, count: int) -> None:
    """Open ``count`` pooled connections, as a bot that has been running a while has.

    Without this the first event takes the one open connection and is done before
    the others have connected, and they would not really arrive together.
    """
    connections = [await database.engine.connect() for _ in range(count)]
    for connection in connections:
        await connection.close()


async def all_at_once(app: App, events: Sequence[Event]) -> list[Reply]:
    """Every event's reply, in order; no event is handled before all were delivered."""
    await warm_connections(app.database, len(events))
    arrived = asyncio.Barrier(len(events))

    async def deliver(event: Event) -> Reply:
        await arrived.wait()
        return await app.conversation.handle(event)

    return list(await asyncio.gather(*(deliver(event) for event in events)))


def text(reply: Reply) -> str:
    return "\n".join(m.plain_text for m in reply)

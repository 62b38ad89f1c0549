"""The real discord.py client, driven offline against a loopback fake Discord.

``discord_bot`` is the adapter running on the test's app; ``world`` holds the
people and the server it meets. A scenario for a new feature needs no new
fixture: ``await world.fake.slash(world.ana, "remind", options={"text": "on 07:30"})``
and ``await world.fake.replies_to(...)`` read like the conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot.adapters.discord import DiscordChat, discord_endpoints, make_client
from bot.app import App
from tests.fakes.discord_api import FakeChannel, FakeDiscord, FakeGuild, FakeUser

TOKEN = "fake-token-0123456789"


@dataclass
class World:
    fake: FakeDiscord
    ana: FakeUser
    ben: FakeUser
    guild: FakeGuild

    @property
    def general(self) -> FakeChannel:
        return self.guild.channels[0]


@pytest.fixture
async def world() -> AsyncIterator[World]:
    fake = FakeDiscord()
    ana, ben = fake.user("ana"), fake.user("ben")
    guild = fake.add_guild("Walkers", [ana, ben], ["general"])
    await fake.start()
    try:
        with discord_endpoints(fake.api_base, fake.gateway_url):
            yield World(fake, ana, ben, guild)
    finally:
        await fake.close()


class RunningBot:
    """The Discord adapter on ``app``, connected to the fake; restartable."""

    def __init__(self, app: App, world: World) -> None:
        self.app = app
        self.world = world
        self.chat: DiscordChat | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> DiscordChat:
        client = make_client()
        self.chat = DiscordChat(self.app.conversation, client)
        self.app.conversation.connect(self.chat, group_admin=self.chat)
        await client.login(TOKEN)
        await self.chat.sync_commands()
        connected = len(self.world.fake.identifies)
        self._task = asyncio.create_task(client.connect(reconnect=False))
        await self.world.fake.wait_until(
            lambda: len(self.world.fake.identifies) > connected, what="IDENTIFY"
        )
        # Events after READY and GUILD_CREATE on the socket are handled in order, so
        # scenarios need not wait out discord.py's guild_ready_timeout before ``ready``.
        return self.chat

    async def stop(self) -> None:
        if self.chat is not None:
            await self.chat.client.close()
        if self._task is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._task, 10)

    async def restart(self) -> DiscordChat:
        await self.stop()
        return await self.start()


@pytest.fixture
async def discord_bot(app: App, world: World) -> AsyncIterator[RunningBot]:
    bot = RunningBot(app, world)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()

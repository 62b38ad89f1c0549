"""Starting on Discord: endpoints, sharding, and one clear line when it cannot start."""

from __future__ import annotations

import asyncio
import contextlib
import socket

import pytest

from bot.adapters.discord import DiscordChat, DiscordStartError, make_client, run_discord
from bot.app import App
from bot.config import Settings
from tests.adapters.discord.conftest import World


async def test_a_rejected_token_is_one_clear_error(app: App, world: World) -> None:
    settings = Settings(
        database_url=app.settings.database_url,
        discord_bot_token="wrong-token-0123456789",
        discord_api_base_url=world.fake.api_base,
        discord_gateway_url=world.fake.gateway_url,
        _env_file=None,  # type: ignore[call-arg]
    )
    with pytest.raises(DiscordStartError, match="rejected DISCORD_BOT_TOKEN"):
        await run_discord(app.conversation, settings)
    assert not world.fake.identifies


async def test_an_unreachable_endpoint_is_one_clear_error(app: App) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = Settings(
        database_url=app.settings.database_url,
        discord_bot_token="fake-token-0123456789",
        discord_api_base_url=f"http://127.0.0.1:{port}/api/v10",
        discord_gateway_url=f"ws://127.0.0.1:{port}/",
        _env_file=None,  # type: ignore[call-arg]
    )
    with pytest.raises(DiscordStartError, match=f"cannot reach Discord at .*:{port}/api/v10"):
        await asyncio.wait_for(run_discord(app.conversation, settings), 30)


async def test_run_discord_syncs_to_the_configured_guilds_and_serves(
    app: App, world: World
) -> None:
    settings = Settings(
        database_url=app.settings.database_url,
        discord_bot_token="fake-token-0123456789",
        discord_api_base_url=world.fake.api_base,
        discord_gateway_url=world.fake.gateway_url,
        discord_guild_ids=f"{world.guild.id}",
        _env_file=None,  # type: ignore[call-arg]
    )
    task = asyncio.create_task(run_discord(app.conversation, settings))
    try:
        await world.fake.wait_ready()
        assert set(world.fake.commands) == {str(world.guild.id)}
        await world.fake.dm(world.ana, "does walking strengthen your back")
        [answer] = await world.fake.messages_in(world.fake.dm_channel(world.ana))
        assert "Walking strengthens" in answer.content
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)


async def test_a_shard_process_identifies_only_its_shards(app: App, world: World) -> None:
    client = make_client(shard_count=2, shard_ids=[1])
    DiscordChat(app.conversation, client)
    async with client:
        await client.login(world.fake.token)
        task = asyncio.create_task(client.connect(reconnect=False))
        try:
            await world.fake.wait_ready()
            assert [i["shard"] for i in world.fake.identifies] == [[1, 2]]
            assert not any(r.path.endswith("/gateway/bot") for r in world.fake.requests)
        finally:
            await client.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, 10)


def test_shard_ids_must_fit_the_shard_count() -> None:
    with pytest.raises(ValueError, match="below DISCORD_SHARD_COUNT"):
        Settings(discord_shard_count=2, discord_shard_ids="1,2", _env_file=None)  # type: ignore[call-arg]

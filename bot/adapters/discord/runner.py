"""Running the bot on Discord inside ``backcoach run``."""

from __future__ import annotations

import logging

import aiohttp
import discord
from discord.http import Route

from bot.adapters.discord.chat import DiscordChat, make_client
from bot.adapters.discord.endpoints import discord_endpoints
from bot.config import Settings
from bot.core.ports import InboundPort

log = logging.getLogger(__name__)


class DiscordStartError(RuntimeError):
    """Discord could not be started; the message is one line for the operator."""


async def run_discord(core: InboundPort, settings: Settings) -> None:
    """Log in, sync the slash commands, and serve until cancelled (then close cleanly).

    Raises :class:`DiscordStartError` for a rejected token or an unreachable
    endpoint, so ``backcoach run`` can say so in one line.
    """
    if settings.discord_bot_token is None:
        raise DiscordStartError("DISCORD_BOT_TOKEN is not set")
    with discord_endpoints(settings.discord_api_base_url, settings.discord_gateway_url):
        client = make_client(
            shard_count=settings.discord_shard_count, shard_ids=settings.discord_shard_id_list
        )
        chat = DiscordChat(core, client, guild_ids=settings.discord_guild_id_list)
        core.connect(chat, group_admin=chat)
        async with client:
            try:
                await client.login(settings.discord_bot_token.get_secret_value())
                await chat.sync_commands()
            except discord.LoginFailure:
                raise DiscordStartError("Discord rejected DISCORD_BOT_TOKEN") from None
            except (aiohttp.ClientError, OSError) as exc:
                raise DiscordStartError(f"cannot reach Discord at {Route.BASE}: {exc}") from None
            scope = settings.discord_guild_ids or "all servers"
            log.info("Discord: logged in as %s; slash commands synced to %s", client.user, scope)
            try:
                await client.connect(reconnect=True)
            except discord.PrivilegedIntentsRequired:
                raise DiscordStartError("Discord refused the gateway intents") from None
            except discord.ConnectionClosed as exc:
                raise DiscordStartError(f"Discord closed the gateway: code {exc.code}") from None

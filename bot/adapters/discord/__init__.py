"""The Discord adapter (discord.py): slash commands, DMs, mentions, persistent buttons."""

from bot.adapters.discord.chat import DiscordChat, intents, make_client
from bot.adapters.discord.endpoints import discord_endpoints
from bot.adapters.discord.runner import DiscordStartError, run_discord

__all__ = [
    "DiscordChat",
    "DiscordStartError",
    "discord_endpoints",
    "intents",
    "make_client",
    "run_discord",
]

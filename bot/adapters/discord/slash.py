"""Slash commands generated from the core's command registry.

Each menu command of the core becomes ``/name`` with its description. The
options a person fills in are joined back into the text the core already parses
(``Command.args``), so a command has one syntax on every platform: typed
Discord options are a nicer way to type the same words.

Typed options are :class:`SlashOption` s with any annotation discord.py
understands (e.g. ``app_commands.Range[int, 1, 300]``). Subcommands
(``/walk log minutes:30``) are such commands inside an ``app_commands.Group``
whose callback puts the subcommand's name first, so the core receives ``walk``
with the args ``log 30``.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Optional

import discord
from discord import app_commands

from bot.core.router import CommandInfo

DESCRIPTION_LIMIT = 100

CommandRunner = Callable[[discord.Interaction[Any], str, str], Awaitable[None]]
"""Called with the interaction, the core command's name and its args text."""


@dataclass(frozen=True, slots=True)
class SlashOption:
    name: str
    description: str
    annotation: Any = str
    required: bool = False


TEXT_OPTION = SlashOption("text", "Anything to pass along, as you would type it after the command")


def slash_commands(
    commands: Iterable[CommandInfo], run: CommandRunner
) -> list[app_commands.Command[Any, ..., None]]:
    """One slash command per menu command, each with an optional free-text option."""
    return [
        slash_command(info.name, info.description, (TEXT_OPTION,), run)
        for info in commands
        if info.menu
    ]


def slash_command(
    name: str,
    description: str,
    options: Sequence[SlashOption],
    run: CommandRunner,
) -> app_commands.Command[Any, ..., None]:
    async def callback(interaction: discord.Interaction[Any], **values: object) -> None:
        words = (str(values[o.name]) for o in options if values.get(o.name) is not None)
        await run(interaction, name, " ".join(word for word in words if word))

    # discord.py reads a command's options from its callback's signature.
    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        ),
        *(
            inspect.Parameter(
                option.name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                annotation=option.annotation if option.required else Optional[option.annotation],  # noqa: UP045
                default=inspect.Parameter.empty if option.required else None,
            )
            for option in options
        ),
    ]
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    described = app_commands.describe(**{o.name: o.description for o in options})(callback)
    return app_commands.Command(
        name=name, description=description[:DESCRIPTION_LIMIT], callback=described
    )

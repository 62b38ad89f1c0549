"""Slash commands generated from the core's command registry.

Each menu command of the core becomes ``/name`` with its description:

* a command with typed :class:`~bot.core.commands.CommandOption` s gets the same
  options as Discord types them (``Range[int, 1, 300]``, text channels, roles);
* a command with subcommands becomes an ``app_commands.Group`` (``/walk log``,
  ``/walk undo``): Discord lets a command with subcommands take no options of its
  own, so every choice is a subcommand;
* a command that takes words has the core's one optional free-text option;
* a command the core marks ``group_only`` (``/challenge``) is guild-only: Discord
  does not offer it in DMs.

Whatever the form, the core receives the words a person would have typed
(``walk`` with the args ``log 30``) and the typed values in ``Command.options``,
so a command has one meaning on every platform.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, Optional

import discord
from discord import app_commands

from bot.core.commands import CommandInfo, CommandOption

DESCRIPTION_LIMIT = 100
SERVERS_ONLY = app_commands.AppCommandContext(guild=True)
"""Where a guild-only command is offered (``contexts: [0]``; ``dm_permission`` false too)."""

CommandRunner = Callable[
    [discord.Interaction[Any], str, str, Mapping[str, str | int]], Awaitable[None]
]
"""Called with the interaction, the core command's name, its args text and its typed values."""

SlashItem = app_commands.Command[Any, ..., None] | app_commands.Group


def slash_commands(commands: Iterable[CommandInfo], run: CommandRunner) -> list[SlashItem]:
    """One slash command (or group) per menu command of the core."""
    items: list[SlashItem] = []
    for info in commands:
        if not info.menu:
            continue
        if info.subcommands:
            group = app_commands.Group(
                name=info.name,
                description=info.description[:DESCRIPTION_LIMIT],
                guild_only=info.group_only,
                allowed_contexts=SERVERS_ONLY if info.group_only else None,
            )
            for sub in info.subcommands:
                group.add_command(
                    slash_command(info.name, sub.description, sub.options, run, subcommand=sub.name)
                )
            items.append(group)
        else:
            command = slash_command(info.name, info.description, info.options, run)
            if info.group_only:
                command.guild_only = True
                command.allowed_contexts = SERVERS_ONLY
            items.append(command)
    return items


def slash_command(
    name: str,
    description: str,
    options: Sequence[CommandOption],
    run: CommandRunner,
    *,
    subcommand: str | None = None,
) -> app_commands.Command[Any, ..., None]:
    async def callback(interaction: discord.Interaction[Any], **values: object) -> None:
        typed = {
            o.name: _core_value(values[o.name]) for o in options if values.get(o.name) is not None
        }
        words = [subcommand or "", *(str(typed[o.name]) for o in options if o.name in typed)]
        await run(interaction, name, " ".join(word for word in words if word), typed)

    # discord.py reads a command's options from its callback's signature.
    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        ),
        *(
            inspect.Parameter(
                option.name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                annotation=_annotation(option)
                if option.required
                else Optional[_annotation(option)],  # noqa: UP045
                default=inspect.Parameter.empty if option.required else None,
            )
            for option in _required_first(options)
        ),
    ]
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    decorated = app_commands.describe(
        **{o.name: o.description[:DESCRIPTION_LIMIT] for o in options}
    )(callback)
    choices = {
        o.name: [app_commands.Choice(name=c, value=c) for c in o.choices]
        for o in options
        if o.choices
    }
    if choices:
        decorated = app_commands.choices(**choices)(decorated)
    return app_commands.Command(
        name=subcommand or name, description=description[:DESCRIPTION_LIMIT], callback=decorated
    )


def _required_first(options: Sequence[CommandOption]) -> list[CommandOption]:
    """Discord wants required options before optional ones."""
    return sorted(options, key=lambda o: not o.required)


def _annotation(option: CommandOption) -> Any:
    if option.kind == "channel":
        return discord.TextChannel
    if option.kind == "role":
        return discord.Role
    kind = int if option.kind == "int" else str
    if option.min is None and option.max is None:
        return kind
    return app_commands.Range[kind, option.min, option.max]


def _core_value(value: object) -> str | int:
    """Channels and roles reach the core as their ids; numbers stay numbers."""
    if isinstance(value, discord.abc.Snowflake):
        return str(value.id)
    if isinstance(value, int):
        return value
    return str(value)

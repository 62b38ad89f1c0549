"""What a command is, as platforms show it in their menus and forms.

Value types only: the router pairs each :class:`CommandInfo` with its handler, and
adapters read the list (:attr:`bot.core.ports.InboundPort.commands`) to build
Telegram's command menu and Discord's slash commands. Features declare names and
types; every description a person reads comes from ``content/commands.yaml``, filled
in by the router.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

OptionKind = Literal["int", "str", "channel", "role"]
"""``channel`` and ``role`` values are ids of a channel or role of the chat's group."""


@dataclass(frozen=True, slots=True)
class CommandOption:
    """A typed value a command takes, for platforms with forms (Discord's slash options).

    Typing platforms (console, Telegram) keep passing words: a handler reads
    ``Command.option(name)`` first and falls back to parsing ``Command.args``.
    """

    name: str
    kind: OptionKind = "str"
    required: bool = False
    min: int | None = None
    """The smallest value (``int``) or the shortest length (``str``)."""
    max: int | None = None
    choices: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class Subcommand:
    """``/walk log``: the subcommand's name arrives as the first word of ``Command.args``."""

    name: str
    options: tuple[CommandOption, ...] = ()
    description: str = ""


FREE_TEXT_OPTION = CommandOption("text")
"""What a command that takes words has as its one option, where a platform needs options
declared: Discord's optional ``text``, read as what you would type after the command."""


@dataclass(frozen=True, slots=True)
class CommandInfo:
    name: str
    description: str
    menu: bool = True
    """Shown in platform command menus (Telegram's setMyCommands, Discord slash commands)."""
    options: tuple[CommandOption, ...] = ()
    """Typed options, or :data:`FREE_TEXT_OPTION` alone for a command that takes words;
    none when the options belong to its subcommands."""
    subcommands: tuple[Subcommand, ...] = ()
    group_rights: bool = False
    """The handler reads ``Sender.can_manage_group``; platforms that must ask for it
    (Telegram's getChatMember) do so only for these commands."""
    group_only: bool = False
    """Meaningful only in a server or group; platforms that can leave it out of private
    chats' menus (Discord's guild-only commands) do. The handler still says so if asked."""

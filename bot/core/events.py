"""What arrives from a chat platform, in the core's own words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Sender:
    platform: str
    """``telegram``, ``discord``, ``console``..."""
    user_id: str
    display_name: str = ""
    can_manage_group: bool = False
    """The platform says this person may manage the chat's group (Discord: Manage Server)."""
    private_chat_id: str | None = None
    """This person's one-to-one chat with the bot, where the platform lets the bot open
    it (Discord: a DM with any member); ``None`` where only the person can (Telegram)."""


@dataclass(frozen=True, slots=True)
class Chat:
    id: str
    is_private: bool = True
    group_id: str | None = None
    """The server/group a channel belongs to, when the platform has one."""


@dataclass(frozen=True, slots=True)
class TextMessage:
    sender: Sender
    chat: Chat
    text: str


@dataclass(frozen=True, slots=True)
class Command:
    sender: Sender
    chat: Chat
    name: str
    """Lower-case, without the slash: ``start``, ``remind``."""
    args: str = ""
    """Everything after the command name, stripped (a subcommand's name comes first)."""
    options: Mapping[str, str | int] = field(default_factory=dict)
    """Typed option values from platforms with forms; empty when the person typed words."""
    delivery_id: str | None = None
    """The platform's id for this delivery (a Discord interaction, a Telegram message):
    the core handles each id once, however many times it arrives."""

    @property
    def words(self) -> list[str]:
        return self.args.split()

    def option(self, name: str) -> str | int | None:
        return self.options.get(name)


@dataclass(frozen=True, slots=True)
class ButtonPress:
    sender: Sender
    chat: Chat
    action: str
    delivery_id: str | None = None
    """The platform's id for this press (a Discord interaction, a Telegram callback
    query): the core handles each id once, however many times it arrives."""


Event = TextMessage | Command | ButtonPress
"""What a person did: the core answers it with a reply."""


@dataclass(frozen=True, slots=True)
class Blocked:
    """The platform says the person blocked the bot (Telegram's ``my_chat_member``)."""

    platform: str
    user_id: str


@dataclass(frozen=True, slots=True)
class Unblocked:
    """The platform says the person unblocked the bot (or restarted it)."""

    platform: str
    user_id: str


@dataclass(frozen=True, slots=True)
class LeftGroup:
    """A member left a server or group, or was removed from it."""

    platform: str
    group_id: str
    user_id: str | None
    """Who left; ``None`` when it was the bot itself (removed from the group)."""


PlatformFact = Blocked | Unblocked | LeftGroup
"""What the platform noticed: the core records it and says nothing."""


@dataclass(frozen=True, slots=True)
class Recipient:
    """Where a pushed message goes: a platform's chat, on behalf of a person."""

    platform: str
    chat_id: str
    user_id: str | None = None


EXPIRED_CHOICE = "choice:expired"
"""What a typing platform (the console) presses for a typed number that no button of the
bot's latest message has: the core says the choice has expired and where the person is
(the ``choice`` action of ``bot.core.basics``)."""


def parse_command(text: str) -> tuple[str, str] | None:
    """Split ``/name@bot args`` into ``("name", "args")``; ``None`` if not a command."""
    if not text.startswith("/") or len(text) < 2 or not text[1].isalpha():
        return None
    head, *rest = text[1:].split(maxsplit=1)  # any whitespace ends the name: "/remind\ton"
    name = head.split("@", 1)[0].lower()
    return name, rest[0].strip() if rest else ""

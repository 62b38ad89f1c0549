"""Maps commands, button actions, free text and timers to their handlers.

All registrations happen in :mod:`bot.core.routes`, the one place a reader
looks to see what the bot understands.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.actions import Action
from bot.core.commands import FREE_TEXT_OPTION, CommandInfo, CommandOption, Subcommand
from bot.core.events import ButtonPress, Command, Event, TextMessage
from bot.core.messages import Reply
from bot.core.turn import Services, Turn
from bot.storage.coalesce import Coalesced

CommandHandler = Callable[[Turn, Command], Awaitable[Reply]]
ActionHandler = Callable[[Turn, str], Awaitable[Reply]]
"""Called with the action id's remainder after ``prefix:``."""
TextHandler = Callable[[Turn, TextMessage], Awaitable[Reply | None]]
"""Returns ``None`` to let the next text handler try."""
TextFilter = Callable[[Services, TextMessage], bool]
"""Pure (no database): could this text handler want the message at all? It may read the
message's answer (``Answerer.answer``), which is computed once and kept for the reply."""
TextCheck = Callable[[AsyncConnection, Sequence[TextMessage]], Awaitable[Sequence[bool]]]
"""One light query, asked only when the filter wants the message: is there anything for
the handler to act on (a running session)? If not, the message is answered from content.
It answers for every message waiting at once, in order (:class:`Coalesced`)."""
Connect = Callable[[], AsyncConnection]
_Asked = tuple[TextMessage, Connect]
PlainAnswer = Callable[[Services, TextMessage], Reply]
"""The last word on free text, from content alone: no person, no database."""
TimerHandler = Callable[[Turn, str, dict[str, object]], Awaitable[Reply]]
"""Called with the timer's key and data when it falls due."""
Fallback = Callable[[Turn], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class ActionRoute:
    action: Action
    handler: ActionHandler
    group_rights: bool = False
    """The handler reads ``Sender.can_manage_group``, as :attr:`CommandInfo.group_rights`."""


@dataclass(frozen=True, slots=True)
class TextRoute:
    handler: TextHandler
    wants: TextFilter | None = None
    """``None``: every message; otherwise the handler only sees messages this accepts."""
    acts_on: TextCheck | None = None
    """``None``: a message the filter wants always reaches the handler."""
    checks: Coalesced[_Asked, bool] | None = field(
        init=False, default=None, compare=False, repr=False
    )
    """``acts_on``, asked once for the messages waiting at the same moment."""

    def __post_init__(self) -> None:
        if self.acts_on is not None:
            object.__setattr__(self, "checks", Coalesced(partial(_check, self.acts_on)))


async def _check(acts_on: TextCheck, asked: Sequence[_Asked]) -> Sequence[bool]:
    _, connect = asked[0]  # one database: any caller's connection will do
    async with connect() as connection:
        return await acts_on(connection, [event for event, _ in asked])


@dataclass
class Router:
    menu_texts: Mapping[str, str] = field(default_factory=dict)
    """What the menus say, by path (``content/commands.yaml``)."""
    commands: dict[str, CommandInfo] = field(default_factory=dict)
    command_handlers: dict[str, CommandHandler] = field(default_factory=dict)
    actions: dict[str, ActionRoute] = field(default_factory=dict)
    text_routes: list[TextRoute] = field(default_factory=list)
    plain_answer: PlainAnswer | None = None
    timers: dict[str, TimerHandler] = field(default_factory=dict)
    unknown_command: Fallback | None = None
    stale_button: Fallback | None = None

    def command(
        self,
        name: str,
        handler: CommandHandler,
        *,
        menu: bool = True,
        options: tuple[CommandOption, ...] = (),
        subcommands: tuple[Subcommand, ...] = (),
        group_rights: bool = False,
        group_only: bool = False,
        description: str | None = None,
    ) -> None:
        """Answer ``/name`` with ``handler``. Its description, and its subcommands' and
        options', are the menu texts at their paths; ``description`` stands in for a
        command the content does not know (a test's)."""
        if name in self.commands:
            raise ValueError(f"command /{name} registered twice")
        if options and subcommands:
            raise ValueError(f"/{name}: options belong to its subcommands")
        if not subcommands:
            options = options or (FREE_TEXT_OPTION,)
        self.commands[name] = CommandInfo(
            name,
            description or self._menu_text(name),
            menu,
            tuple(self._described(option, name) for option in options),
            tuple(self._described_subcommand(sub, name) for sub in subcommands),
            group_rights,
            group_only,
        )
        self.command_handlers[name] = handler

    def _menu_text(self, *path: str) -> str:
        key = " ".join(path)
        text = self.menu_texts.get(key)
        if text is None:
            raise ValueError(f"content/commands.yaml has no description for {key!r}")
        return text

    def _described(self, option: CommandOption, *path: str) -> CommandOption:
        if option is FREE_TEXT_OPTION:
            path = ()  # one text for every command that takes words
        return replace(option, description=self._menu_text(*path, option.name))

    def _described_subcommand(self, sub: Subcommand, command: str) -> Subcommand:
        options = tuple(self._described(option, command, sub.name) for option in sub.options)
        return replace(sub, description=self._menu_text(command, sub.name), options=options)

    def action(
        self, action: Action, handler: ActionHandler, *, group_rights: bool = False
    ) -> Action:
        """Answer the buttons of ``action`` with ``handler``; returns ``action``, whose
        ``id()`` builds those buttons' ids."""
        if action.prefix in self.actions:
            raise ValueError(f"action prefix {action.prefix!r} registered twice")
        self.actions[action.prefix] = ActionRoute(action, handler, group_rights)
        return action

    def reads_group_rights(self, event: Event) -> bool:
        """Whether the handler of ``event`` reads ``Sender.can_manage_group``.

        Platforms that must ask for a person's rights in a group (Telegram's
        getChatMember) ask only for these events.
        """
        route: CommandInfo | ActionRoute | None = None
        if isinstance(event, Command):
            route = self.commands.get(event.name)
        elif isinstance(event, ButtonPress):
            route = self.actions.get(event.action.partition(":")[0])
        return route is not None and route.group_rights

    def text(
        self,
        handler: TextHandler,
        *,
        wants: TextFilter | None = None,
        acts_on: TextCheck | None = None,
    ) -> None:
        """A handler that reads the person or the database; tried in registration order."""
        self.text_routes.append(TextRoute(handler, wants, acts_on))

    def answer_text(self, handler: PlainAnswer) -> None:
        """What free text gets when no :meth:`text` handler took it."""
        self.plain_answer = handler

    def wanting(self, services: Services, event: TextMessage) -> list[TextRoute]:
        """The :meth:`text` routes whose filter wants this message.

        If none does, the reply depends on the content alone, and a person the
        conversation already knows can be answered without opening the database;
        if the ones that do each have a check, :meth:`acted_on` decides.
        """
        return [
            route
            for route in self.text_routes
            if route.wants is None or route.wants(services, event)
        ]

    @staticmethod
    async def acted_on(routes: list[TextRoute], event: TextMessage, connect: Connect) -> bool:
        """Whether one of ``routes`` has something to act on (a check, or none to ask)."""
        if any(route.checks is None for route in routes):
            return True
        for route in routes:
            assert route.checks is not None
            if await route.checks((event, connect)):
                return True
        return False

    def answer_plainly(self, services: Services, event: TextMessage) -> Reply:
        return self.plain_answer(services, event) if self.plain_answer is not None else []

    def timer(self, kind: str, handler: TimerHandler) -> None:
        if kind in self.timers:
            raise ValueError(f"timer kind {kind!r} registered twice")
        self.timers[kind] = handler

    async def dispatch(self, turn: Turn) -> Reply:
        event = turn.event
        if isinstance(event, Command):
            handler = self.command_handlers.get(event.name)
            if handler is not None:
                return await handler(turn, event)
            return await self._fallback(self.unknown_command, turn)
        if isinstance(event, ButtonPress):
            prefix, _, rest = event.action.partition(":")
            pressed = self.actions.get(prefix)
            if pressed is not None:
                return await pressed.handler(turn, rest)
            return await self._fallback(self.stale_button, turn)
        if isinstance(event, TextMessage):
            for route in self.text_routes:
                if route.wants is not None and not route.wants(turn.services, event):
                    continue
                reply = await route.handler(turn, event)
                if reply is not None:
                    return reply
            return self.answer_plainly(turn.services, event)
        return []

    @staticmethod
    async def _fallback(handler: Fallback | None, turn: Turn) -> Reply:
        return await handler(turn) if handler is not None else []

"""A real adapter on the same core: one line in, the bot's replies out.

Buttons are shown as numbered choices. A typed number presses a button of the bot's
latest reply (or of the latest pushed message that has buttons) only: after a reply
without buttons, "1" answers nothing older (the core says the choice has expired, and
where the person is). A typed label presses the latest button that has it; buttons name
what they act on, so an older one acts on its own message's walk, reminder or step.
Messages the core pushes later (timed steps, reminders) are printed as they happen, also
while waiting for input.

In a terminal the line is edited with prompt_toolkit: arrow keys move and recall history
instead of arriving as ``^[[A``, a pushed message is printed above the prompt and the
half-typed line is drawn again below it, and Ctrl-C or Ctrl-D quit at once. Piped input
is read line by line, as scripts expect; its reader is a daemon thread, so Ctrl-C never
waits for one more line."""

from __future__ import annotations

import asyncio
import hashlib
import io
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, cast

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.history import InMemoryHistory

from bot.adapters.console.render import to_json, to_text
from bot.core.events import (
    EXPIRED_CHOICE,
    ButtonPress,
    Chat,
    Command,
    Event,
    Recipient,
    Sender,
    TextMessage,
    parse_command,
)
from bot.core.incidents import report_failure
from bot.core.messages import Button, OutboundMessage
from bot.core.ports import InboundPort, SendResult
from bot.core.typed import read_number

PLATFORM = "console"
PROMPT = "you> "
EXIT_INTERRUPTED = 130
"""What a shell reports for a program ended by Ctrl-C (128 + SIGINT)."""
MAX_CHOICE = 99
"""Larger numbers are text (a question, a time), never a button's number."""


@dataclass
class ConsoleChat:
    """Implements the core's ``ChatPort`` for the terminal."""

    core: InboundPort
    out: TextIO = field(default_factory=lambda: sys.stdout)
    json_mode: bool = False
    image_dir: Path = Path("./data/images")
    user_id: str = "local"
    platform: str = PLATFORM
    private_chat_link: str | None = None
    _with_buttons: list[OutboundMessage] = field(default_factory=list)
    _choices: tuple[Button, ...] = ()
    """The buttons a typed number may press: the bot's latest message's."""

    @property
    def sender(self) -> Sender:
        return Sender(PLATFORM, self.user_id, "you")

    @property
    def chat(self) -> Chat:
        return Chat(self.private_chat(self.user_id), is_private=True)

    def private_chat(self, user_id: str) -> str:
        """The terminal is one private chat per person."""
        return f"console:{user_id}"

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        """A push; one with buttons (a reminder, the next step) becomes the current choice."""
        self.show(message)
        if message.buttons:
            self._choices = _flat(message)
        return SendResult.sent()

    async def submit(self, line: str) -> list[OutboundMessage]:
        """Handle one typed line and print the replies; returns them for callers that care.

        Nothing that fails here ends the chat: the person reads an apology with
        an incident id (logged once) and types the next line. Only a closed
        output (``| head``) ends it, since nobody is reading any more.
        """
        try:
            event = self.to_event(line)
            if event is None:
                return []
            replies = await self.core.handle(event)
            for reply in replies:
                self.show(reply)
        except BrokenPipeError:
            raise
        except Exception as exc:
            incident = report_failure("a console turn", exc)
            replies = [self.core.apology(incident)]
            self.show(replies[0])
        with_buttons = [reply for reply in replies if reply.buttons]
        self._choices = _flat(with_buttons[-1]) if with_buttons else ()
        return replies

    def to_event(self, line: str) -> Event | None:
        text = line.rstrip("\r\n")
        if not text.strip():
            return None
        command = parse_command(text.strip())
        if command is not None:
            return Command(self.sender, self.chat, command[0], command[1])
        typed = text.strip()
        number = read_number(typed, 0, MAX_CHOICE)  # ①, ² and ３ are numbers too
        if number is not None:
            if 1 <= number <= len(self._choices):
                return ButtonPress(self.sender, self.chat, self._choices[number - 1].action)
            return ButtonPress(self.sender, self.chat, EXPIRED_CHOICE)
        button = self.find_button(typed)
        if button is not None:
            return ButtonPress(self.sender, self.chat, button.action)
        return TextMessage(self.sender, self.chat, text)

    def find_button(self, typed: str) -> Button | None:
        """The latest button labelled ``typed``."""
        wanted = typed.casefold()
        for shown in reversed(self._with_buttons):
            for button in _flat(shown):
                if button.label.casefold() == wanted:
                    return button
        return None

    def show(self, message: OutboundMessage) -> None:
        image_path = self._save_image(message) if message.image else None
        if message.buttons:
            self._with_buttons.append(message)
            del self._with_buttons[:-20]
        render = to_json if self.json_mode else to_text
        self.out.write(render(message, image_path))
        self.out.flush()

    def _save_image(self, message: OutboundMessage) -> Path:
        assert message.image is not None
        self.image_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha1(message.image.data).hexdigest()[:10]
        path = self.image_dir / f"{digest}-{Path(message.image.filename).name}"
        path.write_bytes(message.image.data)
        return path.resolve()

    async def run(self, stdin: TextIO | None = None) -> int:
        """Chat until EOF (or Ctrl-D, Ctrl-C); pushed messages print meanwhile.

        Returns the exit code. A terminal on both ends gets line editing
        (:meth:`run_terminal`); anything else (pipes, ``--json``) is read as lines.
        """
        stdin = stdin or sys.stdin
        if not self.json_mode and stdin.isatty() and self.out.isatty():
            return await self.run_terminal()
        async for line in _lines(stdin):
            await self.submit(line)
        return 0

    async def run_terminal(self, session: PromptSession[str] | None = None) -> int:
        """The interactive chat: prompt_toolkit reads, replies print above the prompt.

        ``session`` defaults to a prompt on this terminal with an in-memory history
        (what people type is never written to disk).
        """
        session = session or PromptSession(history=InMemoryHistory())
        shown_to, self.out = self.out, cast(TextIO, _AbovePrompt())
        try:
            while True:
                try:
                    line = await session.prompt_async(PROMPT)
                except EOFError:  # Ctrl-D
                    return 0
                except KeyboardInterrupt:  # Ctrl-C
                    return EXIT_INTERRUPTED
                await self.submit(line)
        finally:
            self.out = shown_to


class _AbovePrompt(io.TextIOBase):
    """Writes above a running prompt: prompt_toolkit erases it, prints, and draws it
    again with the half-typed line, instead of the text landing in the middle of it."""

    def write(self, text: str) -> int:
        print_formatted_text(text, end="")
        return len(text)

    def isatty(self) -> bool:
        return True


async def _lines(stdin: TextIO) -> AsyncIterator[str]:
    """Lines of ``stdin`` as they come, read by a daemon thread one at a time.

    ``asyncio.to_thread`` would use the loop's executor, which ``asyncio.run``
    waits for on the way out: Ctrl-C would wait for one more line.
    """
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str] = asyncio.Queue(maxsize=1)

    def hand_over(line: str) -> None:
        asyncio.run_coroutine_threadsafe(lines.put(line), loop).result()

    def read() -> None:
        try:
            while line := stdin.readline():
                hand_over(line)
        except Exception:  # stdin closed under us, or the chat is over: end of input
            pass
        with suppress(Exception):  # the loop may be gone already
            hand_over("")

    threading.Thread(target=read, name="console-stdin", daemon=True).start()
    while line := await lines.get():
        yield line


def _flat(message: OutboundMessage) -> tuple[Button, ...]:
    return tuple(button for row in message.buttons for button in row)

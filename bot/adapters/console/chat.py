"""A real adapter on the same core: one line in, the bot's replies out.

Buttons are shown as numbered choices. A typed number presses a button of the
bot's latest message only: after a reply without buttons, "1" answers nothing
older (the core says the choice has expired, and where the person is). A typed
label presses the latest button that has it; buttons name what they act on, so
an older one acts on its own message's walk, reminder or step. Messages the core pushes later
(timed steps, reminders) are printed as they happen, also while waiting for
input, because stdin is read in a worker thread.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bot.core.basics import EXPIRED_CHOICE
from bot.core.conversation import Conversation
from bot.core.events import (
    ButtonPress,
    Chat,
    Command,
    Event,
    Recipient,
    Sender,
    TextMessage,
    parse_command,
)
from bot.core.messages import Button, OutboundMessage
from bot.core.ports import SendResult

PLATFORM = "console"
MAX_CHOICE_DIGITS = 2
"""Longer numbers are text (a question, a time), never a button's number."""


@dataclass
class ConsoleChat:
    """Implements the core's ``ChatPort`` for the terminal."""

    conversation: Conversation
    out: TextIO = field(default_factory=lambda: sys.stdout)
    json_mode: bool = False
    image_dir: Path = Path("./data/images")
    user_id: str = "local"
    platform: str = PLATFORM
    _with_buttons: list[OutboundMessage] = field(default_factory=list)
    _choices: tuple[Button, ...] = ()
    """The buttons a typed number may press: the bot's latest message's."""

    @property
    def sender(self) -> Sender:
        return Sender(PLATFORM, self.user_id, "you")

    @property
    def chat(self) -> Chat:
        return Chat(f"console:{self.user_id}", is_private=True)

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        """A push; one with buttons (a reminder, the next step) becomes the current choice."""
        self.show(message)
        if message.buttons:
            self._choices = _flat(message)
        return SendResult.sent()

    async def submit(self, line: str) -> list[OutboundMessage]:
        """Handle one typed line and print the replies; returns them for callers that care."""
        event = self.to_event(line)
        if event is None:
            return []
        replies = await self.conversation.handle(event)
        for reply in replies:
            self.show(reply)
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
        if _is_choice_number(typed):
            number = int(typed)
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
        if self.json_mode:
            record = {
                "text": _with_attachment(message),
                "buttons": [
                    [{"label": b.label, "action": b.action} for b in row] for row in message.buttons
                ],
                "image": str(image_path) if image_path else None,
            }
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            self.out.write(self._render_text(message, image_path))
        self.out.flush()

    @staticmethod
    def _render_text(message: OutboundMessage, image_path: Path | None) -> str:
        lines = [_with_attachment(message)]
        if image_path:
            lines.append(f"[image: {image_path}]")
        number = 0
        for row in message.buttons:
            labels = []
            for button in row:
                number += 1
                labels.append(f"[{number}] {button.label}")
            lines.append("  " + "   ".join(labels))
        return "\n".join(lines) + "\n\n"

    def _save_image(self, message: OutboundMessage) -> Path:
        assert message.image is not None
        self.image_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha1(message.image.data).hexdigest()[:10]
        path = self.image_dir / f"{digest}-{Path(message.image.filename).name}"
        path.write_bytes(message.image.data)
        return path.resolve()

    async def run(self, stdin: TextIO | None = None) -> int:
        """Read lines until EOF; pushed messages print meanwhile. Returns the exit code."""
        stdin = stdin or sys.stdin
        interactive = stdin.isatty() and not self.json_mode
        while True:
            if interactive:
                self.out.write("you> ")
                self.out.flush()
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                return 0
            await self.submit(line)


def _flat(message: OutboundMessage) -> tuple[Button, ...]:
    return tuple(button for row in message.buttons for button in row)


def _is_choice_number(typed: str) -> bool:
    """A short run of ASCII digits: what a person types to pick a numbered button."""
    return typed.isascii() and typed.isdigit() and len(typed) <= MAX_CHOICE_DIGITS


def _with_attachment(message: OutboundMessage) -> str:
    """The message's text, and a file it carries printed after it: this is a terminal."""
    if message.attachment is None:
        return message.plain_text
    return message.plain_text + "\n" + message.attachment.data.decode("utf-8", "replace")

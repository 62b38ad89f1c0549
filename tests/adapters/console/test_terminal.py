"""The console as a person types in it: line editing, history, pushes above the prompt,
Ctrl-C and Ctrl-D, and a reader that goes away (``| head``).

The terminal is prompt_toolkit's own test double: keys go in through a pipe
input, and the screen is a VT100 stream written to a string.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from bot.adapters.console import ConsoleChat
from bot.app import App
from bot.core.events import Recipient
from bot.core.messages import message

BACKCOACH = str(Path(sys.executable).parent / "backcoach")
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\r\x07]")


@dataclass
class Terminal:
    keys: PipeInput
    screen: io.StringIO
    console: ConsoleChat
    chat: asyncio.Task[int]

    @property
    def text(self) -> str:
        """What the screen received, without the terminal's control sequences."""
        return _CONTROL.sub("", self.screen.getvalue())

    async def shows(self, predicate: Callable[[str], bool], what: str) -> None:
        for _ in range(500):  # bounded: at most ~5 s
            if predicate(self.text):
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"the terminal never showed {what}: {self.text!r}")

    async def prompt(self, count: int = 1) -> None:
        await self.shows(lambda s: s.count("you>") >= count, f"{count} prompts")

    async def ended(self) -> int:
        return await asyncio.wait_for(self.chat, 5)


@pytest.fixture
async def terminal(app: App) -> AsyncIterator[Terminal]:
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=200), term="xterm")
    with create_pipe_input() as keys, create_app_session(input=keys, output=output):
        console = ConsoleChat(app.conversation, out=screen)
        app.conversation.connect(console)
        session: PromptSession[str] = PromptSession(input=keys, output=output)
        chat = asyncio.create_task(console.run_terminal(session))
        yield Terminal(keys, screen, console, chat)
        if not chat.done():
            keys.send_text("\x04")
            await asyncio.wait_for(chat, 5)


async def test_ctrl_d_quits_at_once(terminal: Terminal) -> None:
    await terminal.prompt()
    terminal.keys.send_text("\x04")
    assert await terminal.ended() == 0


async def test_ctrl_c_quits_at_once_even_with_a_half_typed_line(terminal: Terminal) -> None:
    await terminal.prompt()
    terminal.keys.send_text("what causes a we")
    terminal.keys.send_text("\x03")
    assert await terminal.ended() == 130


async def test_the_up_arrow_recalls_the_last_line_instead_of_typing_it(
    terminal: Terminal,
) -> None:
    await terminal.prompt()
    terminal.keys.send_text("/help\r")
    await terminal.shows(lambda s: s.count("What I can do") == 1, "the help")
    await terminal.prompt(2)
    terminal.keys.send_text("\x1b[A\r")  # the up arrow, then Enter
    await terminal.shows(lambda s: s.count("What I can do") == 2, "the help again")
    assert "[A" not in terminal.text
    assert "not sure" not in terminal.text


async def test_a_push_prints_above_the_prompt_and_the_typed_line_is_kept(
    terminal: Terminal,
) -> None:
    await terminal.prompt()
    terminal.keys.send_text("/he")
    await terminal.shows(lambda s: "/he" in s, "the typed letters")
    recipient = Recipient("console", terminal.console.chat.id, "local")
    await terminal.console.send(recipient, message("Time for a walk!"))
    await terminal.shows(lambda s: "Time for a walk!" in s, "the push")
    await terminal.shows(
        lambda s: re.search(r"you>\s*/he", s.split("Time for a walk!", 1)[1]) is not None,
        "the prompt and the typed letters drawn again below the push",
    )
    terminal.keys.send_text("lp\r")  # finishing the line typed before the push
    await terminal.shows(lambda s: "What I can do" in s, "the help")


def test_a_reader_that_goes_away_ends_the_chat_quietly(tmp_path: Path) -> None:
    """``backcoach chat | head -1``: no BrokenPipeError traceback, exit 0."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "TELEGRAM_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    chat = subprocess.Popen(
        [BACKCOACH, "chat"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
        text=True,
    )
    assert chat.stdin is not None and chat.stdout is not None and chat.stderr is not None
    chat.stdin.write("/help\n" * 300)
    chat.stdin.close()
    first_line = chat.stdout.readline()
    chat.stdout.close()  # like head -1
    assert chat.wait(timeout=60) == 0
    errors = chat.stderr.read()
    chat.stderr.close()
    assert first_line.startswith("What I can do")
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors


def test_ctrl_c_ends_a_piped_chat_without_waiting_for_another_line(tmp_path: Path) -> None:
    """Ctrl-C while the chat waits for input (stdin open, nothing typed) ends it at once."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "TELEGRAM_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    with subprocess.Popen(
        [BACKCOACH, "chat"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
        env=env,
        text=True,
    ) as chat:
        assert chat.stdin is not None and chat.stdout is not None
        chat.stdin.write("/help\n")
        chat.stdin.flush()
        assert chat.stdout.readline().startswith("What I can do")  # it is reading stdin now
        chat.send_signal(signal.SIGINT)
        try:
            assert chat.wait(timeout=15) == 130
        finally:
            chat.kill()

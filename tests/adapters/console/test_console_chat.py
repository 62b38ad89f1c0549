"""The console adapter as people and scripts use it: pipes, JSON, pushed messages."""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from bot.adapters.console import ConsoleChat
from bot.app import build_app, running
from bot.config import Settings
from bot.core.events import Command
from bot.core.messages import Reply, message
from bot.core.timers import set_timer
from bot.core.turn import Turn
from bot.storage.database import Database
from tests.conftest import ConsoleUser

BACKCOACH = str(Path(sys.executable).parent / "backcoach")


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "TELEGRAM_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    return env


def test_piped_stdin_prints_the_welcome_and_the_answer_then_exits(tmp_path: Path) -> None:
    done = subprocess.run(
        [BACKCOACH, "chat"],
        input="/start\nwhat happens if my lower back is weak\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(tmp_path),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Hi, I'm backcoach" in done.stdout
    assert "If you have weak core muscles" in done.stdout


def test_json_mode_prints_one_object_per_outgoing_message(tmp_path: Path) -> None:
    done = subprocess.run(
        [BACKCOACH, "chat", "--json"],
        input="/faq\n2\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(tmp_path),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [set(r) for r in records] == [{"text", "buttons", "image"}] * 2
    menu, answer = records
    assert menu["buttons"][1] == [
        {"label": "What happens if your lower back is weak?", "action": "faq:weak-back-effects"}
    ]
    assert answer["text"].startswith("What happens if your lower back is weak?")
    assert answer["image"] is None


async def test_a_label_presses_the_button_of_the_latest_message_that_has_it(
    user: ConsoleUser,
) -> None:
    await user.says("/faq")
    await user.says("what causes a weak back")  # its related buttons are now the latest
    reply = await user.says("DO SQUATS WORK LOWER BACK?")
    assert "squat will work the muscles of the lower back" in reply


async def test_pushed_messages_print_while_waiting_for_input(
    settings: Settings, sqlite_db: Database
) -> None:
    """A timer fires while stdin is idle; its message appears before the next line is typed."""
    app = build_app(
        settings.model_copy(update={"sweep_interval_seconds": 0.02}), database=sqlite_db
    )

    async def ping(turn: Turn, key: str, data: dict[str, object]) -> Reply:
        return [message(f"pushed {key}")]

    async def arm(turn: Turn, command: Command) -> Reply:
        await set_timer(
            turn.session,
            kind="ping",
            key="hello",
            due_at=turn.now + timedelta(milliseconds=50),
            person_id=turn.person.id,
            recipient=turn.recipient,
        )
        return [message("armed")]

    app.conversation.router.timer("ping", ping)
    app.conversation.router.command("arm", arm, description="test")

    read_fd, write_fd = os.pipe()
    out = io.StringIO()
    async with running(app):
        console = ConsoleChat(app.conversation, out=out)
        app.conversation.connect(console)
        with os.fdopen(read_fd) as stdin:
            typing = os.fdopen(write_fd, "w")
            session = asyncio.create_task(console.run(stdin))
            typing.write("/arm\n")
            typing.flush()
            for _ in range(200):  # bounded: at most ~4 s
                if "pushed hello" in out.getvalue():
                    break
                await asyncio.sleep(0.02)
            still_waiting = not session.done()
            typing.close()  # EOF ends the chat
            assert await asyncio.wait_for(session, 5) == 0
    assert "armed" in out.getvalue()
    assert "pushed hello" in out.getvalue()
    assert still_waiting

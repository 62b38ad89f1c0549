"""A new user trying to break the bot in the console: odd digits, huge numbers, long
arguments, escape codes, disguised commands, and failures inside a turn.

Each test is one case of issue 11 ("Why"): on the code before the fix it crashed
the chat, echoed without bound, leaked terminal codes or answered a command as a
question.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.core.events import Command
from bot.core.messages import Reply
from bot.core.turn import Turn
from bot.storage.models import Walk
from tests.conftest import ConsoleUser

BACKCOACH = str(Path(sys.executable).parent / "backcoach")
FIVE_THOUSAND_DIGITS = "9" * 5000


async def walks_logged(app: App) -> list[int]:
    async with app.database.session() as session:
        return list((await session.execute(select(Walk.minutes).order_by(Walk.id))).scalars())


# Crashes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "minutes"), [("/walk ²⁰", 20), ("/walk ①", 1), ("/walk log ³", 3), ("/walk ２５", 25)]
)
async def test_walk_minutes_in_other_digit_forms_are_read_as_the_digits_they_show(
    user: ConsoleUser, app: App, typed: str, minutes: int
) -> None:
    reply = await user.says(typed)
    assert f"I logged a {minutes}-minute walk" in reply
    assert await walks_logged(app) == [minutes]


@pytest.mark.parametrize("typed", ["/stats ²", "/stats ①", f"/stats {FIVE_THOUSAND_DIGITS}"])
async def test_stats_with_an_odd_period_explains_the_periods(user: ConsoleUser, typed: str) -> None:
    reply = await user.says(typed)
    assert "Use /stats for the last 7 days or /stats 30" in reply


async def test_walk_with_five_thousand_digits_explains_the_minutes(
    user: ConsoleUser, app: App
) -> None:
    reply = await user.says(f"/walk {FIVE_THOUSAND_DIGITS}")
    assert "minutes, 1 to 300" in reply
    assert await walks_logged(app) == []


@pytest.mark.parametrize(("typed", "number"), [("²", 2), ("①", 1), ("３", 3)])
async def test_a_button_number_in_other_digit_forms_presses_that_button(
    user: ConsoleUser, typed: str, number: int
) -> None:
    menu = await user.says("/faq")
    topic = menu.split(f"[{number}] ", 1)[1].split("[", 1)[0].strip()
    reply = await user.says(typed)
    assert reply.startswith(topic)


def test_piped_hostile_lines_never_end_the_chat(tmp_path: Path) -> None:
    """The nine inputs that used to end `backcoach chat` with a traceback, then /help."""
    hostile = [
        "/walk ²⁰",
        "/walk ①",
        "/walk log ³",
        "/stats ²",
        "/stats ①",
        "/faq",
        "²",
        "①",
        f"/walk {FIVE_THOUSAND_DIGITS}",
        f"/stats {FIVE_THOUSAND_DIGITS}",
        "/help",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "TELEGRAM_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    done = subprocess.run(
        [BACKCOACH, "chat"],
        input="\n".join(hostile) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "What I can do" in done.stdout  # the last line was answered


# Unbounded echoes -----------------------------------------------------------------


async def test_a_six_thousand_character_time_zone_is_echoed_short(user: ConsoleUser) -> None:
    reply = await user.says("/timezone " + "Atlantis " * 700)
    assert "I don't know the time zone" in reply
    assert "very long; I read the first part" in reply
    echoed = reply.split("“", 1)[1].split("”", 1)[0]
    assert len(echoed) < 100
    assert len(reply) < 600


@pytest.mark.parametrize(
    "typed",
    [
        "/exercise " + "zz" * 2500,
        "/remind on " + "7" * 3000,
        "/remind quiet " + "x" * 3000 + " 07:00",
    ],
)
async def test_no_command_repeats_a_long_argument_back(user: ConsoleUser, typed: str) -> None:
    reply = await user.says(typed)
    assert reply.strip()
    assert len(reply) < 1500


# Leaks ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["／start", "\x00/start", "\u200b/start", "／ｓｔａｒｔ"])
async def test_a_disguised_start_is_the_start_command(user: ConsoleUser, typed: str) -> None:
    reply = await user.says(typed)
    assert reply.startswith("Hi, I'm backcoach")


async def test_terminal_escape_codes_in_arguments_are_not_printed(user: ConsoleUser) -> None:
    reply = await user.says("/timezone \x1b[2J\x1b[31mAtlantis\x1b]0;pwned\x07")
    assert "\x1b" not in reply and "\x07" not in reply
    assert "“Atlantis”" in reply


async def test_a_control_character_stored_elsewhere_is_never_printed(user: ConsoleUser) -> None:
    """What the console prints is cleaned again: a reply carrying an escape code
    (a name stored by another platform, say) reaches the terminal without it."""

    async def echo_name(turn: Turn, command: Command) -> Reply:
        from bot.core.messages import message

        return [message("name: \x1b[31mAna\x9b0m\u202e")]

    user.app.conversation.router.command("whoami", echo_name, description="test")
    reply = await user.says("/whoami")
    assert reply.startswith("name: Ana\n")


# Silence --------------------------------------------------------------------------


async def test_a_failing_turn_gets_an_apology_with_an_id_and_the_chat_goes_on(
    user: ConsoleUser, app: App, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(turn: Turn, command: Command) -> Reply:
        turn.session.add(Walk(person_id=turn.person.id, minutes=5))  # rolled back
        raise RuntimeError("a bug")

    app.conversation.router.command("broken", broken, description="test")
    with caplog.at_level(logging.ERROR):
        reply = await user.says("/broken")
    assert reply.startswith("Sorry, something went wrong on my side")
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    incident = record.getMessage().split("incident ")[1].rstrip(")")
    assert incident in reply
    assert record.exc_info is not None
    assert "What I can do" in await user.says("/help")
    async with app.database.session() as session:
        assert await session.scalar(select(func.count()).select_from(Walk)) == 0

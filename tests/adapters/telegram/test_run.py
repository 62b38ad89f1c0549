"""``backcoach run`` as a service manager runs it: a subprocess against the fake Bot API.

Every wait is bounded and every process is killed if it outlives its test.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiohttp import ClientSession

from tests.fakes.telegram_api import TOKEN, FakeBotApi, FakeUser

pytestmark = pytest.mark.slow

STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_env(tmp_path: Path, base_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DISCORD_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=base_url,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        LOG_LEVEL="DEBUG",
    )
    env.update(extra)
    return env


@asynccontextmanager
async def backcoach_run(
    tmp_path: Path, env: dict[str, str]
) -> AsyncIterator[asyncio.subprocess.Process]:
    """``backcoach run`` in ``tmp_path`` (so no .env or content/ of the checkout is read)."""
    with (tmp_path / "stderr.log").open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env, stderr=stderr
        )
        try:
            yield process
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()


async def finish(process: asyncio.subprocess.Process, within: float = 20) -> int:
    async with asyncio.timeout(within):
        return await process.wait()


async def test_run_answers_stops_on_sigterm_and_never_logs_the_token(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    kim = FakeUser(4242, "Kim")
    async with backcoach_run(tmp_path, run_env(tmp_path, fake.base_url)) as process:
        fake.says(kim, "/start")
        welcome = await fake.wait_for_message(kim.id, "backcoach", within=STARTUP_SECONDS)
        fake.says(kim, "does walking strengthen your back")
        await fake.wait_for_message(kim.id, "Walking strengthens", within=10)
        process.send_signal(signal.SIGTERM)
        assert await finish(process) == 0
    log = (tmp_path / "stderr.log").read_text()
    assert ("b", "backcoach") in welcome.entities
    assert [c["command"] for c in fake.commands][:2] == ["start", "help"]
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert "[REDACTED]" in log  # PTB logs its API URL at DEBUG; the filter caught it
    assert "HTTP Request:" not in log  # httpx's per-request URL lines stay silenced
    assert "Traceback" not in log


async def test_a_wrong_token_is_named_without_a_traceback(tmp_path: Path, fake: FakeBotApi) -> None:
    env = run_env(tmp_path, fake.base_url, TELEGRAM_BOT_TOKEN="987654:WrongTokenWrongToken")
    async with backcoach_run(tmp_path, env) as process:
        assert await finish(process, STARTUP_SECONDS) == 1
    log = (tmp_path / "stderr.log").read_text()
    assert "Telegram rejected TELEGRAM_BOT_TOKEN" in log
    assert "Traceback" not in log and "WrongToken" not in log


async def test_no_network_is_one_clear_line(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}/bot"
    async with backcoach_run(tmp_path, run_env(tmp_path, closed)) as process:
        assert await finish(process, STARTUP_SECONDS) == 1
    log = (tmp_path / "stderr.log").read_text()
    [line] = [line for line in log.splitlines() if line.startswith("backcoach:")]
    assert "cannot reach the Telegram Bot API at 127.0.0.1" in line
    assert "Traceback" not in log


async def test_webhook_mode_checks_the_secret_on_every_request(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    env = run_env(
        tmp_path,
        fake.base_url,
        TELEGRAM_WEBHOOK_URL=url,
        TELEGRAM_WEBHOOK_SECRET="s3cret-Token_1",
        TELEGRAM_WEBHOOK_LISTEN="127.0.0.1",
        TELEGRAM_WEBHOOK_PORT=str(port),
    )
    kim = FakeUser(4243, "Kim")
    async with backcoach_run(tmp_path, env) as process:
        await fake.wait_until(lambda: fake.webhook is not None, STARTUP_SECONDS)
        assert fake.webhook is not None
        assert fake.webhook["url"] == url
        assert fake.webhook["secret_token"] == "s3cret-Token_1"
        fake.says(kim, "/help")
        await fake.wait_for_message(kim.id, "What I can do", within=10)
        forged = {
            "update_id": 99,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 1, "type": "private"},
                "text": "/start",
            },
        }
        async with ClientSession() as session:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}):
                async with session.post(url, json=forged, headers=headers) as response:
                    assert response.status == 403
        process.send_signal(signal.SIGTERM)
        assert await finish(process) == 0
    assert fake.webhook_statuses == [200]
    assert "s3cret-Token_1" not in (tmp_path / "stderr.log").read_text()

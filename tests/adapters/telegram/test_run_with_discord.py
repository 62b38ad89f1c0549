"""One ``backcoach run`` serves Telegram and Discord together, and stops them together."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from tests.adapters.telegram.test_run import STARTUP_SECONDS, backcoach_run, finish, run_env
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.telegram_api import TOKEN, FakeBotApi, FakeUser

pytestmark = pytest.mark.slow


async def test_one_process_answers_on_both_platforms_and_stops_cleanly(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    discord = FakeDiscord()
    ana = discord.user("ana")
    discord.add_guild("Walkers", [ana], ["general"])
    await discord.start()
    env = run_env(
        tmp_path,
        fake.base_url,
        DISCORD_BOT_TOKEN=discord.token,
        DISCORD_API_BASE_URL=discord.api_base,
        DISCORD_GATEWAY_URL=discord.gateway_url,
    )
    kim = FakeUser(4343, "Kim")
    try:
        async with backcoach_run(tmp_path, env) as process:
            fake.says(kim, "does walking strengthen your back")
            await fake.wait_for_message(kim.id, "Walking strengthens", within=STARTUP_SECONDS)
            await discord.wait_ready(seconds=STARTUP_SECONDS)
            await discord.dm(ana, "do squats work lower back")
            [answer] = await discord.messages_in(discord.dm_channel(ana))
            assert "squat" in answer.content
            process.send_signal(signal.SIGTERM)
            assert await finish(process) == 0
    finally:
        await discord.close()
    log = (tmp_path / "stderr.log").read_text()
    assert "Traceback" not in log
    assert TOKEN not in log and discord.token not in log


async def test_a_platform_that_cannot_start_stops_the_process_with_one_line(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    env = run_env(
        tmp_path,
        fake.base_url,
        DISCORD_BOT_TOKEN="not-a-real-discord-token",
        DISCORD_API_BASE_URL="http://127.0.0.1:9/api/v10",
        DISCORD_GATEWAY_URL="ws://127.0.0.1:9/",
    )
    async with backcoach_run(tmp_path, env) as process:
        assert await asyncio.wait_for(finish(process, STARTUP_SECONDS), STARTUP_SECONDS + 5) == 1
    log = (tmp_path / "stderr.log").read_text()
    assert "backcoach: discord: cannot reach Discord" in log
    assert "Traceback" not in log

"""``backcoach run`` as an operator starts it: against a loopback Discord, and nowhere else."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.fakes.discord_api import FakeDiscord

pytestmark = pytest.mark.slow

AUDIT_HOOK_DIR = Path(__file__).parent / "netaudit"


async def test_backcoach_run_connects_to_the_configured_endpoint_only(tmp_path: Path) -> None:
    fake = FakeDiscord()
    ana = fake.user("ana")
    fake.add_guild("Walkers", [ana], ["general"])
    await fake.start()
    audit_log = tmp_path / "net.jsonl"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(AUDIT_HOOK_DIR),
        "BACKCOACH_NET_AUDIT_LOG": str(audit_log),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'backcoach.db'}",
        "DISCORD_BOT_TOKEN": fake.token,
        "DISCORD_API_BASE_URL": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "LOG_LEVEL": "INFO",
    }  # no *_PROXY variables: nothing may route around the fake
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_ready(seconds=60)
        assert {c["name"] for c in fake.commands["global"]} >= {"start", "help", "faq"}
        await fake.dm(ana, "does walking strengthen your back")
        [answer] = await fake.messages_in(fake.dm_channel(ana))
        assert "Walking strengthens" in answer.content

        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == 0, stderr.decode()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.close()

    log = stderr.decode()
    assert "Traceback" not in log
    assert fake.token not in log
    assert fake.identifies and fake.identifies[0]["token"] == fake.token
    contacted = [json.loads(line) for line in audit_log.read_text().splitlines()]
    assert contacted, "the audit hook saw the bot's connections"
    assert {(c["host"], c["port"]) for c in contacted} == {("127.0.0.1", str(fake.port))}

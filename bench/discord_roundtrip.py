"""How fast the Discord adapter answers: the real discord.py client against the loopback fake.

Prints DMs answered per second and the median/95th-percentile time from the
gateway event to the reply arriving at the fake (which polls every 5 ms), for
questions sent one at a time and all at once. Usage: ``python bench/discord_roundtrip.py [N]``.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.adapters.discord import DiscordChat, discord_endpoints, make_client
from bot.app import build_app, running
from bot.config import Settings
from tests.fakes.discord_api import FakeDiscord, FakeUser

QUESTION = "does walking strengthen your back"


async def main(count: int) -> None:
    fake = FakeDiscord()
    people = [fake.user(f"person{n}") for n in range(count)]
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp, discord_endpoints(fake.api_base, fake.gateway_url):
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}",
            _env_file=None,
        )
        app = build_app(settings)
        async with running(app, sweep=False):
            client = make_client()
            DiscordChat(app.conversation, client)
            await client.login(fake.token)
            task = asyncio.create_task(client.connect(reconnect=False))
            await fake.wait_ready()
            for label, concurrent in (("one at a time", False), ("all at once", True)):
                await run_round(fake, people, label, concurrent)
            await client.close()
            await asyncio.wait_for(task, 10)
    await fake.close()


async def run_round(
    fake: FakeDiscord, people: list[FakeUser], label: str, concurrent: bool
) -> None:
    latencies: list[float] = []

    async def ask(person: FakeUser) -> None:
        channel = fake.dm_channel(person)
        before = len(fake.messages_in_now(channel))
        start = time.perf_counter()
        await fake.dm(person, QUESTION)
        await fake.messages_in(channel, count=before + 1, seconds=60)
        latencies.append(time.perf_counter() - start)

    began = time.perf_counter()
    if concurrent:
        await asyncio.gather(*(ask(p) for p in people))
    else:
        for person in people:
            await ask(person)
    elapsed = time.perf_counter() - began
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"{label:>14}: {len(people)} DMs in {elapsed:.2f} s = {len(people) / elapsed:.0f}/s; "
        f"latency median {statistics.median(latencies) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))

"""Discord's pace is the adapter's: five messages in five seconds per channel, a pause
when Discord asks for one. (The reminder sweep hands a slot over and leaves the pace
to each platform's adapter.)"""

from __future__ import annotations

import asyncio

from bot.adapters.discord.pacing import Pacer


def test_five_messages_per_five_seconds_per_channel_and_a_pause_on_retry_after() -> None:
    now = [0.0]
    pacer = Pacer(monotonic=lambda: now[0])

    async def scenario() -> None:
        for _ in range(5):
            await pacer.wait("dm:1")
        assert not pacer.ready("dm:1")  # the channel's bucket is full
        assert pacer.ready("dm:2")
        pacer.pause(5)
        assert not pacer.ready("dm:2")
        now[0] = 6
        assert pacer.ready("dm:2")

    asyncio.run(scenario())

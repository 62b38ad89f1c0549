"""Pacing messages to Discord, so a big reminder slot is spread out, not fired at once.

Discord's limits (https://discord.com/developers/docs/topics/rate-limits): 50
requests per second for the whole bot, and message creation per channel in
buckets of 5 per 5 seconds. discord.py learns each bucket from the headers and
waits out a 429 after the fact; this paces every message :class:`DiscordChat`
sends before it goes, so a slot of thousands of DMs never collects 429s (which
Discord counts against the bot). Built on ``aiolimiter``'s leaky buckets; an
interaction's follow-ups are answers to the person and are not paced.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiolimiter import AsyncLimiter


@dataclass(frozen=True, slots=True)
class Rate:
    messages: float
    per_seconds: float

    def limiter(self) -> AsyncLimiter:
        return AsyncLimiter(self.messages, self.per_seconds)


OVERALL = Rate(50, 1)
"""Discord's global limit for a bot."""
PER_CHANNEL = Rate(5, 5)
"""Discord's message-creation bucket per channel, a DM included."""
MAX_CHANNEL_LIMITERS = 20_000
"""Idle per-channel buckets are dropped beyond this many, bounding memory in big slots."""


class Pacer:
    """One overall bucket plus one per channel, and a pause when Discord asks for one.

    ``monotonic`` is the time source for pauses (seconds); tests pass their own.
    The buckets themselves run on the event loop's time.
    """

    def __init__(
        self,
        overall: Rate = OVERALL,
        per_channel: Rate = PER_CHANNEL,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_channel = per_channel
        self._monotonic = monotonic
        self._overall = overall.limiter()
        self._channels: dict[str, AsyncLimiter] = {}
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Discord asked us to wait: hold every message for ``seconds``."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    def ready(self, channel: str) -> bool:
        """Whether a message to this channel could go out right now without waiting."""
        if self._paused_until > self._monotonic():
            return False
        bucket = self._channels.get(channel)
        return self._overall.has_capacity() and (bucket is None or bucket.has_capacity())

    async def wait(self, channel: str) -> None:
        """Return when one message to ``channel`` may be sent."""
        delay = self._paused_until - self._monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        await self._channel(channel).acquire()
        await self._overall.acquire()

    def _channel(self, channel: str) -> AsyncLimiter:
        bucket = self._channels.get(channel)
        if bucket is None:
            if len(self._channels) >= MAX_CHANNEL_LIMITERS:
                self._drop_idle()
            bucket = self._channels[channel] = self.per_channel.limiter()
        return bucket

    def _drop_idle(self) -> None:
        self._channels = {
            key: bucket
            for key, bucket in self._channels.items()
            if not bucket.has_capacity(bucket.max_rate)
        }

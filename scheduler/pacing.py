"""Per-platform pacing of outgoing messages, so a big slot is spread out, not fired at once.

Built on ``aiolimiter`` (the leaky bucket python-telegram-bot's own
``AIORateLimiter`` uses). It knows nothing of any platform's API: adapters and
sweeps call :meth:`Pacer.wait` with a platform name and a chat id before each
send, and :meth:`Pacer.pause` when the platform answers "retry after N seconds".
Platforms without limits (console, tests) pass straight through.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from aiolimiter import AsyncLimiter


@dataclass(frozen=True, slots=True)
class Rate:
    messages: float
    per_seconds: float

    @property
    def per_second(self) -> float:
        return self.messages / self.per_seconds

    def limiter(self) -> AsyncLimiter:
        return AsyncLimiter(self.messages, self.per_seconds)


@dataclass(frozen=True, slots=True)
class PlatformLimits:
    overall: Rate
    private_chat: Rate
    group_chat: Rate


TELEGRAM_LIMITS = PlatformLimits(
    overall=Rate(30, 1), private_chat=Rate(1, 1), group_chat=Rate(20, 60)
)
"""Telegram's bot FAQ: about 30 messages per second overall, one per second in a
chat, 20 per minute in a group (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this)."""

DISCORD_LIMITS = PlatformLimits(overall=Rate(50, 1), private_chat=Rate(5, 5), group_chat=Rate(5, 5))
"""Discord: 50 requests per second global, and message creation per channel in a
bucket of 5 per 5 seconds (https://discord.com/developers/docs/topics/rate-limits)."""

DEFAULT_LIMITS: Mapping[str, PlatformLimits] = {
    "telegram": TELEGRAM_LIMITS,
    "discord": DISCORD_LIMITS,
}

MAX_CHAT_LIMITERS = 20_000
"""Idle per-chat buckets are dropped beyond this many, bounding memory in big slots."""


class Pacer:
    """One overall bucket per platform plus one bucket per chat.

    ``monotonic`` is the time source for pauses (seconds); tests pass the
    controllable clock's. The buckets themselves run on the event loop's time.
    """

    def __init__(
        self,
        limits: Mapping[str, PlatformLimits] = DEFAULT_LIMITS,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = dict(limits)
        self._monotonic = monotonic
        self._overall = {name: rule.overall.limiter() for name, rule in self.limits.items()}
        self._chats: dict[tuple[str, str], AsyncLimiter] = {}
        self._paused_until: dict[str, float] = {}

    def rate(self, platform: str) -> float | None:
        """Messages per second a platform gets overall; ``None`` if unlimited."""
        rule = self.limits.get(platform)
        return rule.overall.per_second if rule else None

    def expected_seconds(self, platform: str, count: int) -> float:
        """How long ``count`` messages to distinct chats take at the platform's pace."""
        rate = self.rate(platform)
        return count / rate if rate else 0.0

    def pause(self, platform: str, seconds: float) -> None:
        """The platform asked us to wait: hold every send to it for ``seconds``."""
        until = self._monotonic() + seconds
        self._paused_until[platform] = max(until, self._paused_until.get(platform, 0.0))

    def ready(self, platform: str, chat_id: str) -> bool:
        """Whether a message to this chat could go out right now without waiting."""
        rule = self.limits.get(platform)
        if rule is None:
            return True
        if self._paused_until.get(platform, 0.0) > self._monotonic():
            return False
        chat = self._chats.get((platform, chat_id))
        return self._overall[platform].has_capacity() and (chat is None or chat.has_capacity())

    async def wait(self, platform: str, chat_id: str, *, group: bool = False) -> None:
        """Return when one message to ``chat_id`` on ``platform`` may be sent."""
        rule = self.limits.get(platform)
        if rule is None:
            return
        delay = self._paused_until.get(platform, 0.0) - self._monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        await self._chat_limiter(platform, chat_id, rule, group).acquire()
        await self._overall[platform].acquire()

    def _chat_limiter(
        self, platform: str, chat_id: str, rule: PlatformLimits, group: bool
    ) -> AsyncLimiter:
        key = (platform, chat_id)
        limiter = self._chats.get(key)
        if limiter is None:
            if len(self._chats) >= MAX_CHAT_LIMITERS:
                self._drop_idle()
            limiter = (rule.group_chat if group else rule.private_chat).limiter()
            self._chats[key] = limiter
        return limiter

    def _drop_idle(self) -> None:
        self._chats = {
            key: limiter
            for key, limiter in self._chats.items()
            if not limiter.has_capacity(limiter.max_rate)
        }

"""Pacing every request so Telegram never has to say "Too Many Requests".

Telegram documents three flood limits (https://core.telegram.org/bots/faq
"My bot is hitting limits, how do I avoid this?"): about 30 messages per
second overall, one message per second in a chat, 20 messages per minute in
a group. python-telegram-bot's :class:`~telegram.ext.AIORateLimiter` enforces
the first and last with leaky buckets that start full, so a burst after a
quiet spell overshoots any one-second window, and it has no per-chat limit.

:class:`FloodLimiter` keeps a log of the messages in each window, from when
they left until their request ended, and lets a message go only when the
last window holds room for it. The server saw each message somewhere in that
span, so no window it measures ever holds more than the limit, however late a
sleeping sender woke or a request travelled. Messages are also spaced evenly,
so a quiet spell is never followed by a burst.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from telegram.constants import FloodLimit
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]

_MESSAGE_METHODS_WITHOUT_SEND_PREFIX = frozenset({"copyMessage", "forwardMessage"})
_UNPACED_SEND_METHODS = frozenset({"sendChatAction"})


@dataclass(frozen=True, slots=True)
class FloodLimits:
    """The limits to keep to; the defaults are Telegram's documented ones."""

    messages_per_second: float = FloodLimit.MESSAGES_PER_SECOND
    seconds_between_messages_in_a_chat: float = 1 / FloodLimit.MESSAGES_PER_SECOND_PER_CHAT
    messages_per_minute_in_a_group: int = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP
    safety_margin: float = 0.02
    """Windows are this much longer than documented, for the server's clock and rounding."""
    max_retries: int = 5
    """How often one request is retried after a ``RetryAfter`` before it is given up."""


def _never() -> float:
    return 0.0


class _Sent:
    """One message in a window: when it left, and a future set when its request ended."""

    __slots__ = ("done", "left_at")

    def __init__(self, left_at: float) -> None:
        self.left_at = left_at
        self.done: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    def ended(self) -> None:
        """Its request ended (however it did)."""
        self.done.set_result(asyncio.get_running_loop().time())


class SlidingWindow:
    """At most ``limit`` messages in any ``window`` seconds, and ``spacing`` apart.

    Callers leave in arrival order. A message counts from when it left until
    ``window`` seconds after its request *ended*: the server saw it somewhere
    in between, so no window the server measures can hold more than ``limit``,
    whatever the network or a busy event loop did to the timing.
    """

    def __init__(self, limit: int, window: float, spacing: float = 0.0) -> None:
        self.limit = limit
        self.window = window
        self.spacing = spacing
        self._sent: deque[_Sent] = deque(maxlen=limit)
        self._lock = asyncio.Lock()

    async def enter(self, not_before: Callable[[], float] = _never) -> _Sent:
        """Wait for room, then count one message of this window from now on; the caller
        calls :meth:`_Sent.ended` when its request ended."""
        loop = asyncio.get_running_loop()
        async with self._lock:
            while True:
                if len(self._sent) == self.limit and not self._sent[0].done.done():
                    await asyncio.shield(self._sent[0].done)  # still in flight
                now = loop.time()
                ready = max(self._ready_at(), not_before())
                if ready <= now:
                    break
                await asyncio.sleep(ready - now)
            sent = _Sent(now)
            self._sent.append(sent)
        return sent

    @asynccontextmanager
    async def slot(self, not_before: Callable[[], float] = _never) -> AsyncIterator[None]:
        """Wait for room, then run the block (the request) as one message of this window."""
        sent = await self.enter(not_before)
        try:
            yield
        finally:
            sent.ended()

    def _ready_at(self) -> float:
        if not self._sent:
            return 0.0
        ready = self._sent[-1].left_at + self.spacing
        if len(self._sent) == self.limit:
            ready = max(ready, self._sent[0].done.result() + self.window)
        return ready

    def would_wait(self) -> bool:
        """Whether a message entering now would wait for room."""
        if self._lock.locked():
            return True
        if len(self._sent) == self.limit and not self._sent[0].done.done():
            return True
        return self._ready_at() > asyncio.get_running_loop().time()

    def idle_since(self, instant: float) -> bool:
        """True if no message of this window is in flight or ended after ``instant``."""
        if self._lock.locked():
            return False
        last = self._sent[-1] if self._sent else None
        return last is None or (last.done.done() and last.done.result() < instant)


class FloodLimiter(BaseRateLimiter[int]):
    """A PTB rate limiter for Telegram's overall, per-chat and per-group flood limits.

    Messages (``send*`` except chat actions, copies, forwards) wait for their
    chat's window, their group's window, then the overall window; edits count
    toward the overall limit only; everything else (answering callback queries,
    chat actions, getMe...) is not paced. A ``RetryAfter`` pauses every paced
    request for the time Telegram asks and retries the request, at most
    :attr:`FloodLimits.max_retries` times (``rate_limit_args`` overrides this per
    call); after that the error reaches the caller.
    """

    def __init__(self, limits: FloodLimits | None = None) -> None:
        self.limits = limits or FloodLimits()
        stretch = 1 + self.limits.safety_margin
        per_second = self.limits.messages_per_second
        # Even spacing at the full rate would lose a slot to every late wake-up;
        # half the spacing lets a late sender catch up while the window caps the rate.
        self._overall = SlidingWindow(
            max(1, int(per_second)), stretch, spacing=stretch / per_second / 2
        )
        self._chats: dict[int | str, SlidingWindow] = {}
        self._groups: dict[int | str, SlidingWindow] = {}
        self._paused_until = 0.0
        self.retries = 0
        """How many ``RetryAfter`` answers were received (for logs and benchmarks)."""

    def holds_back(self, chat_id: int | str) -> bool:
        """Whether a message to ``chat_id`` sent now would wait for its chat's window
        (the adapter shows "typing…" meanwhile)."""
        window = self._chats.get(chat_id)
        return window is not None and window.would_wait()

    async def initialize(self) -> None:
        """Nothing to set up: windows are created on first use."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        max_retries = self.limits.max_retries if rate_limit_args is None else rate_limit_args
        kind = _kind_of(endpoint)
        chat_id = _chat_key(data.get("chat_id"))
        attempt = 0
        while True:
            try:
                return await self._paced(kind, chat_id, partial(callback, *args, **kwargs))
            except RetryAfter as exc:
                self.retries += 1
                if attempt >= max_retries:
                    raise
                attempt += 1
                seconds = retry_after_seconds(exc)
                loop = asyncio.get_running_loop()
                self._paused_until = max(self._paused_until, loop.time() + seconds)
                log.info("Telegram asked to wait %.0f s (%s); pausing sends", seconds, endpoint)
                if kind is None or chat_id is None:
                    await asyncio.sleep(seconds)

    async def _paced(
        self,
        kind: str | None,
        chat_id: int | str | None,
        request: Callable[[], Coroutine[Any, Any, JSONResult]],
    ) -> JSONResult:
        """The request, inside the windows it belongs to: entered chat first, overall last,
        left in reverse order. (Plain calls rather than context managers: every request
        of the bot comes through here.)"""
        paused = self._not_before
        entered: list[_Sent] = []
        try:
            if kind is not None and chat_id is not None:
                if kind == "message":
                    chat = self._window(self._chats, chat_id, self._chat_window)
                    entered.append(await chat.enter(paused))
                    if _is_group(chat_id):
                        group = self._window(self._groups, chat_id, self._group_window)
                        entered.append(await group.enter(paused))
                entered.append(await self._overall.enter(paused))
            return await request()
        finally:
            for sent in reversed(entered):
                sent.ended()

    def _not_before(self) -> float:
        return self._paused_until

    def _chat_window(self) -> SlidingWindow:
        stretch = 1 + self.limits.safety_margin
        return SlidingWindow(1, self.limits.seconds_between_messages_in_a_chat * stretch)

    def _group_window(self) -> SlidingWindow:
        stretch = 1 + self.limits.safety_margin
        return SlidingWindow(self.limits.messages_per_minute_in_a_group, 60 * stretch)

    @staticmethod
    def _window(
        windows: dict[int | str, SlidingWindow],
        key: int | str,
        make: Callable[[], SlidingWindow],
    ) -> SlidingWindow:
        window = windows.get(key)
        if window is None:
            if len(windows) >= _PRUNE_ABOVE:
                _prune(windows)
            window = windows[key] = make()
        return window


_PRUNE_ABOVE = 4096
"""Windows of chats quiet for longer than their window are dropped past this many."""


def _prune(windows: dict[int | str, SlidingWindow]) -> None:
    loop = asyncio.get_running_loop()
    for key, window in list(windows.items()):
        if window.idle_since(loop.time() - window.window):
            del windows[key]


def retry_after_seconds(error: RetryAfter) -> float:
    value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _kind_of(endpoint: str) -> str | None:
    """``message`` (all three limits), ``edit`` (overall only) or ``None`` (not paced)."""
    if endpoint in _UNPACED_SEND_METHODS:
        return None
    if endpoint.startswith("send") or endpoint in _MESSAGE_METHODS_WITHOUT_SEND_PREFIX:
        return "message"
    if endpoint.startswith("edit"):
        return "edit"
    return None


def _chat_key(chat_id: object) -> int | str | None:
    if chat_id is None:
        return None
    with contextlib.suppress(TypeError, ValueError):
        return int(str(chat_id))
    return str(chat_id)


def _is_group(chat_id: int | str) -> bool:
    """Groups and channels have negative ids (or ``@username``); people have positive ones."""
    return isinstance(chat_id, str) or chat_id < 0

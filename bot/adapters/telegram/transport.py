"""The HTTP transport under the bot's Bot API requests: connections on a free list.

httpcore's connection pool looks at every connection it holds on each request and
again on each response closed (for an idle HTTP/1.1 connection, a ``poll()`` of its
socket among other things), so a request costs more the more connections the pool
has kept open. Handling several people at once keeps several open; on the loopback
Bot API (bench/telegram.py) that scan was a fifth of the adapter's time per update.

:class:`FreeListTransport` keeps each connection in a pool of its own and the idle
pools on a free list: a request takes the most recently used one (its connection is
the warmest), and gives it back when its response is closed, in constant time
however many are open. What httpx promises a pool's caller stays true: at most
``size`` requests are in flight, a request waits at most its ``pool`` timeout for
one to end (then :class:`httpx.PoolTimeout`, which PTB reports as ``TimedOut``), and
each connection keeps httpx's keep-alive expiry and reconnects when the server
closed it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx


class FreeListTransport(httpx.AsyncBaseTransport):
    """At most ``size`` requests at once, each on a one-connection pool of its own."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._slots = asyncio.Semaphore(size)
        self._idle: list[httpx.AsyncHTTPTransport] = []
        self._open: set[httpx.AsyncHTTPTransport] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await self._take_slot(request)
        pool = self._idle.pop() if self._idle else self._new_pool()
        release = _once(lambda: self._give_back(pool))
        try:
            response = await pool.handle_async_request(request)
        except BaseException:
            release()
            raise
        response.stream = _ReleasingStream(response.stream, release)
        return response

    async def _take_slot(self, request: httpx.Request) -> None:
        if not self._slots.locked():
            await self._slots.acquire()  # free: returns at once
            return
        timeout = request.extensions.get("timeout", {}).get("pool")
        try:
            await asyncio.wait_for(self._slots.acquire(), timeout)
        except TimeoutError:
            raise httpx.PoolTimeout("no connection became free in time", request=request) from None

    def _new_pool(self) -> httpx.AsyncHTTPTransport:
        pool = httpx.AsyncHTTPTransport(
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1)
        )
        self._open.add(pool)
        return pool

    def _give_back(self, pool: httpx.AsyncHTTPTransport) -> None:
        if pool in self._open:  # not closed meanwhile (aclose)
            self._idle.append(pool)
        self._slots.release()

    async def aclose(self) -> None:
        """Close every connection; the transport opens new ones if used again."""
        pools, self._open, self._idle = self._open, set(), []
        for pool in pools:
            await pool.aclose()


def _once(action: Callable[[], None]) -> Callable[[], None]:
    """``action``, run by the first call only (a response may be closed twice)."""
    done = False

    def run() -> None:
        nonlocal done
        if not done:
            done = True
            action()

    return run


class _ReleasingStream(httpx.AsyncByteStream):
    """A response body that gives its connection back when closed."""

    def __init__(
        self, stream: httpx.SyncByteStream | httpx.AsyncByteStream, release: Callable[[], None]
    ) -> None:
        assert isinstance(stream, httpx.AsyncByteStream)
        self._stream = stream
        self._release = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            self._release()

"""The free-list transport keeps httpx's pool promises at a constant cost per request:
at most ``size`` requests in flight, a pool timeout for one that waits too long, and a
warm connection reused rather than a new one opened."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from aiohttp import web

from bot.adapters.telegram.transport import FreeListTransport


class Server:
    """A loopback HTTP server that counts connections and can hold requests open."""

    def __init__(self) -> None:
        self.connections: set[int] = set()
        self.in_flight = 0
        self.most_in_flight = 0
        self.held = asyncio.Event()
        self.held.set()
        self.url = ""

    async def answer(self, request: web.Request) -> web.Response:
        assert request.transport is not None
        self.connections.add(id(request.transport))
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await self.held.wait()
        finally:
            self.in_flight -= 1
        return web.json_response({"ok": True})


async def _until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait for the fake server to see what the test set going: a slow machine takes its
    time, and a fixed sleep made the test fail there (in flight: 0 after 0.2 s)."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the requests never arrived"
        await asyncio.sleep(0.01)


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    served = Server()
    application = web.Application()
    application.router.add_post("/method", served.answer)
    runner = web.AppRunner(application)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    served.url = f"http://127.0.0.1:{port}/method"
    try:
        yield served
    finally:
        await runner.cleanup()


async def test_requests_one_after_another_share_one_connection(server: Server) -> None:
    async with httpx.AsyncClient(transport=FreeListTransport(4)) as client:
        for _ in range(5):
            response = await client.post(server.url, json={})
            assert response.json() == {"ok": True}
    assert len(server.connections) == 1


async def test_no_more_than_size_requests_are_in_flight(server: Server) -> None:
    server.held.clear()
    async with httpx.AsyncClient(transport=FreeListTransport(3)) as client:
        requests = [asyncio.create_task(client.post(server.url, json={})) for _ in range(7)]
        await _until(lambda: server.in_flight == 3)
        await asyncio.sleep(0.1)  # room for a fourth to arrive, were it let through
        assert server.in_flight == 3
        server.held.set()
        responses = await asyncio.gather(*requests)
    assert all(response.status_code == 200 for response in responses)
    assert server.most_in_flight == 3
    assert len(server.connections) == 3


async def test_a_request_waiting_past_its_pool_timeout_fails_as_a_pool_timeout(
    server: Server,
) -> None:
    server.held.clear()
    timeout = httpx.Timeout(5.0, pool=0.1)
    async with httpx.AsyncClient(transport=FreeListTransport(1), timeout=timeout) as client:
        first = asyncio.create_task(client.post(server.url, json={}))
        await _until(lambda: server.in_flight == 1)
        with pytest.raises(httpx.PoolTimeout):
            await client.post(server.url, json={})
        server.held.set()
        assert (await first).status_code == 200
        assert (await client.post(server.url, json={})).status_code == 200  # its slot is back


async def test_a_failed_request_gives_its_slot_back() -> None:
    transport = FreeListTransport(1)
    async with httpx.AsyncClient(transport=transport, timeout=1.0) as client:
        for _ in range(3):  # nothing listens on port 9 of the loopback
            with pytest.raises(httpx.ConnectError):
                await client.post("http://127.0.0.1:9/method", json={})

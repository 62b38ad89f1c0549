"""Where discord.py connects: Discord itself, or a compatible endpoint (a proxy, a test fake).

discord.py keeps both addresses as class attributes: REST requests (webhook
follow-ups included) are built on ``discord.http.Route.BASE``, and a plain
``Client`` opens ``DiscordWebSocket.DEFAULT_GATEWAY`` without asking
``GET /gateway/bot`` (docs/platform-facts.md). Both must be set; a gateway that
invalidates a session sends the client back to ``DEFAULT_GATEWAY`` too, and a
resume goes to the ``resume_gateway_url`` that the gateway itself announced.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route


@contextmanager
def discord_endpoints(api_base: str | None, gateway: str | None) -> Iterator[None]:
    """Point discord.py at ``api_base``/``gateway`` (when given) until the block ends."""
    saved = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    if api_base:
        Route.BASE = api_base.rstrip("/")
    if gateway:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved

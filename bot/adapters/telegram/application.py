"""Building and running the python-telegram-bot ``Application`` for backcoach.

:func:`telegram_running` is what ``backcoach run`` and the end-to-end tests
use: it checks the token with ``getMe``, registers the core's push port and the
command menu, and takes updates by long polling or, when a webhook URL is
configured, through PTB's webhook server with Telegram's secret-token header
checked on every request.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseUpdateProcessor
from telegram.request import HTTPXRequest

from bot.adapters.telegram.handlers import ALLOWED_UPDATES, TelegramHandlers
from bot.adapters.telegram.limiter import FloodLimiter, FloodLimits
from bot.adapters.telegram.port import TelegramPort
from bot.adapters.telegram.transport import FreeListTransport
from bot.adapters.telegram.updates import BotIdentity
from bot.config import Settings
from bot.core.commands import CommandInfo
from bot.core.ports import InboundPort

log = logging.getLogger(__name__)

CONCURRENT_UPDATES = 8
"""Updates of different people handled at once (one person's stay in order).

On the loopback fake (bench/telegram.py, SQLite), where the fake answers in about a
millisecond and the work is CPU, 1 → ~390/s and 8 → ~510–550/s: the database work of
updates handled at once is done together (:class:`~bot.storage.senders.SenderRecorder`),
and each Bot API request costs the same however many connections are open
(:class:`FreeListTransport`). Against Telegram each request waits a round trip
(50–300 ms), and then handling several people at once is what keeps replies flowing."""
CONNECTION_POOL_SIZE = 24
"""Bot API requests in flight at once (:class:`FreeListTransport`'s ``size``)."""
POOL_TIMEOUT_SECONDS = 10.0
"""How long a request waits for one in flight to end before it fails as ``TimedOut``."""
POLL_TIMEOUT_SECONDS = 10


class TelegramStartError(Exception):
    """Telegram could not be started; the message says what the operator can do."""


class PerPersonOrder(BaseUpdateProcessor):
    """Different people's updates run concurrently; one person's run in arrival order.

    Order matters to a person (a question, then a button), and handling one
    person's updates one at a time also keeps their database rows uncontended.
    A person's queued updates wait before taking one of the ``concurrent``
    slots, so one busy person never holds slots that others could use.
    """

    def __init__(self, concurrent: int) -> None:
        # PTB's own semaphore only bounds the queued updates; ours bounds the work.
        super().__init__(max_concurrent_updates=_QUEUED_UPDATES)
        self._slots = asyncio.Semaphore(concurrent)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _person_key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._slots:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


_QUEUED_UPDATES = 4096


def _person_key(update: object) -> int:
    user = getattr(update, "effective_user", None)
    if user is not None:
        return int(user.id)
    chat = getattr(update, "effective_chat", None)
    return int(chat.id) if chat is not None else 0


def build_application(settings: Settings, *, limits: FloodLimits | None = None) -> Application:  # type: ignore[type-arg]
    """The PTB application with our limiter, ordering and (optionally) API server."""
    if settings.telegram_bot_token is None:
        raise TelegramStartError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .rate_limiter(FloodLimiter(limits))
        .concurrent_updates(PerPersonOrder(CONCURRENT_UPDATES))
        .request(
            HTTPXRequest(
                connection_pool_size=CONNECTION_POOL_SIZE,
                pool_timeout=POOL_TIMEOUT_SECONDS,
                httpx_kwargs={"transport": FreeListTransport(CONNECTION_POOL_SIZE)},
            )
        )
    )
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url).base_file_url(
            file_url_for(settings.telegram_api_base_url)
        )
    return builder.build()


def file_url_for(base_url: str) -> str:
    """Bot API servers serve files beside methods: ``…/bot`` → ``…/file/bot``."""
    head, slash, tail = base_url.rstrip("/").rpartition("/")
    return f"{head}{slash}file/{tail}" if slash else f"{base_url}/file"


def _flood_limiter(application: Application) -> FloodLimiter:  # type: ignore[type-arg]
    """The limiter :func:`build_application` always installs."""
    limiter = application.bot.rate_limiter
    assert isinstance(limiter, FloodLimiter)
    return limiter


@dataclass
class RunningTelegram:
    application: Application  # type: ignore[type-arg]
    port: TelegramPort

    @property
    def limiter(self) -> FloodLimiter:
        return _flood_limiter(self.application)

    async def stop_updates(self) -> None:
        """Stop taking updates (polling or webhook); handlers already running finish."""
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()


@asynccontextmanager
async def telegram_running(
    core: InboundPort, settings: Settings, *, limits: FloodLimits | None = None
) -> AsyncIterator[RunningTelegram]:
    """Telegram up and taking updates for the block; stopped gracefully afterwards.

    Raises :class:`TelegramStartError` with a one-line reason when the token is
    wrong or the Bot API cannot be reached.
    """
    application = build_application(settings, limits=limits)
    await _initialize(application, settings)
    try:
        bot = application.bot
        me = BotIdentity(bot.id, bot.username)
        port = TelegramPort(bot, me, _flood_limiter(application))
        core.connect(port)
        TelegramHandlers(core, port).install(application)
        await _start(application, settings, core.commands)
        log.info("backcoach is on Telegram as @%s", me.username)
        running = RunningTelegram(application, port)
        try:
            yield running
        finally:
            await running.stop_updates()
            port.stop_all_typing()
            if application.running:
                await application.stop()
    finally:
        await application.shutdown()


async def _initialize(application: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    try:
        await application.initialize()  # calls getMe
    except InvalidToken:
        raise TelegramStartError(
            "Telegram rejected TELEGRAM_BOT_TOKEN (getMe: Unauthorized); "
            "copy the token @BotFather gave you"
        ) from None
    except NetworkError as exc:
        raise TelegramStartError(
            f"cannot reach the Telegram Bot API at {_api_host(settings)} ({exc.message}); "
            "check the network or TELEGRAM_API_BASE_URL"
        ) from None


async def _start(
    application: Application,  # type: ignore[type-arg]
    settings: Settings,
    commands: Sequence[CommandInfo],
) -> None:
    try:
        await application.bot.set_my_commands(menu_commands(commands))
        await application.start()
        updater = application.updater
        assert updater is not None
        if settings.telegram_webhook_url:
            await updater.start_webhook(
                listen=settings.telegram_webhook_listen,
                port=settings.telegram_webhook_port,
                url_path=urlsplit(settings.telegram_webhook_url).path.lstrip("/"),
                webhook_url=settings.telegram_webhook_url,
                secret_token=webhook_secret(settings),
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            await updater.start_polling(
                timeout=POLL_TIMEOUT_SECONDS, allowed_updates=ALLOWED_UPDATES
            )
    except TelegramError as exc:
        if application.running:
            await application.stop()
        raise TelegramStartError(f"starting Telegram failed: {exc.message}") from None


def menu_commands(commands: Sequence[CommandInfo]) -> list[BotCommand]:
    """The command menu Telegram shows, from the core's command registry."""
    return [BotCommand(info.name, info.description) for info in commands if info.menu]


def webhook_secret(settings: Settings) -> str:
    """The configured secret, or a fresh random one: Telegram echoes it on every request."""
    if settings.telegram_webhook_secret is not None:
        return settings.telegram_webhook_secret.get_secret_value()
    return secrets.token_urlsafe(32)


def _api_host(settings: Settings) -> str:
    url = urlsplit(settings.telegram_api_base_url or "https://api.telegram.org/bot")
    return url.netloc

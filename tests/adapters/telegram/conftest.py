"""The real python-telegram-bot application, in-process, against the loopback fake.

``tg`` starts the bot exactly as ``backcoach run`` does (``telegram_running``)
on the ``app`` fixture (SQLite, ManualClock). People are made with
``tg.person("Kim")``; what they do reads like the chat:

    kim = tg.person("Kim")
    replies = await kim.says("/start")          # the bot's messages, once it is done
    await kim.presses("Does walking strengthen your back?")
    pushed = await tg.waits(30)                 # clock moves, sweeps push (timers, reminders)

Sweeps are not scheduled here: ``tg.waits`` runs them after moving the clock,
and their pushes go through the Telegram port to the fake. Exercise sessions
and reminders need nothing more than their routes and sweeps in ``build_app``:

    [step] = await kim.says("/exercise side-lying leg raise")
    await kim.presses("Next")                    # answered, keyboard removed, next step
    [hold_over] = await tg.waits(30)             # the timed hold, pushed by TimerSweep

    await kim.says("/remind on 08:00 18:00")
    [reminder] = await tg.waits(3600)            # the reminder sweep's push
    await kim.presses("Done ✅", on=reminder)

For Telegram's real limits (429 storms in a slot) override the ``limits``
fixture in the module and set ``fake.flood_limits = True`` (see test_flood.py).
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from pydantic import SecretStr

from bot.adapters.telegram import FloodLimits, RunningTelegram, telegram_running
from bot.app import App
from bot.config import Settings
from bot.core.clock import ManualClock
from tests.fakes.telegram_api import TOKEN, FakeBotApi, FakeGroup, FakeUser, SentMessage

QUICK_LIMITS = FloodLimits(seconds_between_messages_in_a_chat=0.02)
"""Telegram's overall limit, but a short per-chat gap so conversations run fast."""


@dataclass
class TelegramTester:
    fake: FakeBotApi
    app: App
    telegram: RunningTelegram
    _user_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(10_001))
    _group_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(-5_001, -1))

    def person(self, first_name: str = "Kim") -> TelegramPerson:
        return TelegramPerson(self, FakeUser(next(self._user_ids), first_name))

    def group(self, title: str = "Back club") -> FakeGroup:
        return FakeGroup(next(self._group_ids), title)

    async def settle(self, update_id: int) -> None:
        """Wait until the bot fetched ``update_id`` and finished handling everything fetched."""
        await self.fake.fetched(update_id)
        await self.telegram.application.update_queue.join()

    async def waits(self, seconds: float) -> list[SentMessage]:
        """Let time pass and the sweeps run; returns what the bot pushed meanwhile."""
        clock = self.app.clock
        assert isinstance(clock, ManualClock)
        before = len(self.fake.sent)
        clock.advance(seconds)
        await self.app.sweeper.run_once()
        return self.fake.sent[before:]


@dataclass
class TelegramPerson:
    tg: TelegramTester
    user: FakeUser

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def inbox(self) -> list[SentMessage]:
        """Everything the bot sent to this person's private chat."""
        return self.tg.fake.messages_to(self.user.id)

    async def says(
        self, text: str, *, group: FakeGroup | None = None, reply_to: SentMessage | None = None
    ) -> list[SentMessage]:
        """Send a message; returns every message the bot sent in response (in any chat)."""
        return await self._settled(
            lambda: self.tg.fake.says(self.user, text, group=group, reply_to=reply_to)
        )

    async def presses(self, label: str, on: SentMessage | None = None) -> list[SentMessage]:
        """Press the button labelled ``label`` on ``on`` (default: the latest message having it)."""
        message = on or self._latest_with(label)
        return await self.presses_data(message.button(label)["callback_data"], on=message)

    async def presses_data(self, data: str, *, on: SentMessage) -> list[SentMessage]:
        """Send any callback data, as a forged or outdated button would."""
        return await self._settled(lambda: self.tg.fake.presses(self.user, on, data)[0])

    async def presses_together(self, label: str, on: SentMessage, times: int) -> list[SentMessage]:
        """Press ``label`` ``times`` times faster than the bot answers (one batch of updates)."""
        data = on.button(label)["callback_data"]
        return await self._settled(
            lambda: self.tg.fake.presses_together(self.user, on, data, times)[-1]
        )

    async def blocks_bot(self) -> None:
        await self.tg.settle(self.tg.fake.blocks(self.user))

    async def unblocks_bot(self) -> None:
        await self.tg.settle(self.tg.fake.unblocks(self.user))

    def _latest_with(self, label: str) -> SentMessage:
        for message in reversed(self.tg.fake.sent):
            if label in message.labels:
                return message
        raise AssertionError(f"no message offers a {label!r} button")

    async def _settled(self, act: object) -> list[SentMessage]:
        assert callable(act)
        before = len(self.tg.fake.sent)
        await self.tg.settle(act())
        return self.tg.fake.sent[before:]


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi()
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
def telegram_settings(settings: Settings, fake: FakeBotApi) -> Settings:
    return settings.model_copy(
        update={"telegram_bot_token": SecretStr(TOKEN), "telegram_api_base_url": fake.base_url}
    )


@pytest.fixture
def limits() -> FloodLimits:
    """Override in a module to run its tests under other limits (Telegram's own, say)."""
    return QUICK_LIMITS


@pytest.fixture
async def tg(
    fake: FakeBotApi, app: App, telegram_settings: Settings, limits: FloodLimits
) -> AsyncIterator[TelegramTester]:
    async with telegram_running(app.conversation, telegram_settings, limits=limits) as telegram:
        yield TelegramTester(fake, app, telegram)

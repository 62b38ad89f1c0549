"""The composition root: every replaceable part is chosen here, and only here."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from bot.config import Settings
from bot.content import Content, load_content
from bot.core.answers import Answerer
from bot.core.challenges.lifecycle import ChallengePosting
from bot.core.clock import Clock, SystemClock
from bot.core.conversation import Conversation
from bot.core.delivery import Delivery
from bot.core.reminders.sending import ReminderSending
from bot.core.routes import build_router
from bot.core.timers import TimerFiring
from bot.core.turn import Services
from bot.storage.database import Database
from bot.storage.people import RecentAccounts
from scheduler.challenges import ChallengeSweep
from scheduler.housekeeping import HandledEventsSweep
from scheduler.reminders import ReminderSweep
from scheduler.sweeper import Sweeper
from scheduler.timers import TimerSweep


@dataclass
class App:
    settings: Settings
    content: Content
    database: Database
    services: Services
    conversation: Conversation
    sweeper: Sweeper

    @property
    def delivery(self) -> Delivery:
        return self.services.delivery

    @property
    def clock(self) -> Clock:
        return self.services.clock


def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    content: Content | None = None,
    database: Database | None = None,
) -> App:
    content = content or load_content(settings.content_dir)
    database = database or Database(settings.database_url)
    clock = clock or SystemClock()
    delivery = Delivery(database, clock, content.messages, RecentAccounts())
    services = Services(content=content, clock=clock, delivery=delivery, answerer=Answerer(content))
    router = build_router(content.commands.root)
    conversation = Conversation(services, database, router)
    # What falls due is handed to the core, one kind of due work per sweep.
    timers = TimerFiring(services, database, router)
    grace = timedelta(minutes=settings.reminder_grace_minutes)
    reminders = ReminderSending(content.reminders, delivery, grace=grace)
    challenges = ChallengePosting(database, delivery, content.challenges, clock)
    sweeper = Sweeper(
        [
            TimerSweep(database, timers, clock),
            ReminderSweep(
                database, reminders, clock, concurrency=settings.reminder_send_concurrency
            ),
            ChallengeSweep(database, challenges, clock),
            HandledEventsSweep(database, clock),
        ],
        settings.sweep_interval_seconds,
    )
    return App(settings, content, database, services, conversation, sweeper)


@asynccontextmanager
async def running(app: App, *, sweep: bool = True) -> AsyncIterator[App]:
    """Migrate the database, start the sweeps, and clean up on the way out.

    A sweep still running at the end is let finish before the database closes:
    cancelled halfway through a database call, it would hang on a closed connection.
    """
    await app.database.upgrade()
    _settle_heap()
    if sweep:
        app.sweeper.start()
    try:
        yield app
    finally:
        await app.sweeper.stop()
        await app.database.dispose()
        gc.unfreeze()


def _settle_heap() -> None:
    """Keep what start-up built out of the garbage collector's way while the bot runs.

    The content, the answer model and the router live as long as the app (~175k
    objects): every full collection would walk them all again, and handling a burst
    of updates makes several (bench/telegram.py: ~6% of the time, half of it after
    this). Start-up's own garbage is collected first, so nothing is kept that is not
    in use; :func:`running` gives the objects back to the collector when it ends.
    """
    gc.collect()
    gc.freeze()

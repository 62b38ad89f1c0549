"""Housekeeping: drop the handled delivery ids (bot/storage/handled.py) once they are old."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.clock import Clock
from bot.storage.database import Database
from bot.storage.handled import KEPT_FOR, forget_handled_before

EVERY = timedelta(hours=1)


class HandledEventsSweep:
    """Runs with the other sweeps but works at most once per :data:`EVERY`."""

    name = "housekeeping"

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock
        self._last: datetime | None = None

    async def run_once(self) -> int:
        now = self.clock.now()
        if self._last is not None and now - self._last < EVERY:
            return 0
        self._last = now
        async with self.database.session() as session:
            return await forget_handled_before(session, now - KEPT_FOR)

"""The sweep that fires the core's durable timers (exercise holds and the like).

It claims due timers with a lease and hands each to the core
(:class:`~bot.core.timers.TimerFiring`), which runs its handler and deletes it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_

from bot.core.clock import Clock
from bot.core.due import DueWork
from bot.core.timers import DueTimer
from bot.storage.database import Database
from bot.storage.models import Timer
from scheduler.claims import claim_due
from scheduler.sweeper import drain

CLAIM_BATCH = 500
CLAIM_LEASE = timedelta(minutes=2)
"""A claim older than this is taken to belong to a crashed process and is claimed again."""


async def claim_due_timers(
    database: Database, now: datetime, *, limit: int = CLAIM_BATCH, lease: timedelta = CLAIM_LEASE
) -> list[DueTimer]:
    """Claim up to ``limit`` due timers with a lease, oldest first (see scheduler.claims)."""
    claim = claim_due(
        Timer,
        and_(Timer.due_at <= now, or_(Timer.claimed_until.is_(None), Timer.claimed_until < now)),
        oldest_first=Timer.due_at,
        limit=limit,
        lease={"claimed_until": now + lease},
        returning=Timer,
    )
    async with database.session() as session:
        rows = (await session.execute(claim)).scalars().all()
        timers = [DueTimer.from_row(row) for row in rows]
    return sorted(timers, key=lambda t: t.id)


class TimerSweep:
    name = "timers"

    def __init__(self, database: Database, firing: DueWork[DueTimer], clock: Clock) -> None:
        self.database = database
        self.firing = firing
        self.clock = clock

    async def run_once(self) -> int:
        return await drain(
            lambda: claim_due_timers(self.database, self.clock.now()),
            self.firing.handle,
            CLAIM_BATCH,
            lambda timer: f"timer {timer.kind}/{timer.key}",
        )

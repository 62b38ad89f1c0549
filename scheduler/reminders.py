"""The reminder sweep: take due subscriptions a chunk at a time, advance, send, record.

There is no job per user. Every ``SWEEP_INTERVAL_SECONDS`` this sweep repeats, until
nothing is due, one short transaction per chunk of ``concurrency`` rows, the SQL of
each step in :mod:`scheduler.reminder_chunks`:

1. **take** the due rows (``SELECT … ORDER BY next_due_at LIMIT chunk FOR UPDATE SKIP
   LOCKED``): on PostgreSQL several processes take disjoint rows; SQLite drops the
   locking clause and runs one sweeper;
2. **plan** each schedule once, by the core's rules
   (:meth:`~bot.core.reminders.sending.ReminderSending.plan`): subscribers sharing a
   zone, slot times, quiet hours and due slot share one answer;
3. **advance** every row to its next due time in one statement; on SQLite guarded by
   the due time read, so a row changed since (by its person) is left alone and not sent;
4. **record** this chunk's missed slots and the previous chunk's outcomes (one
   ``INSERT … SELECT`` for all), then **commit**. From this commit on the chunk's
   slots will not be sent again, whatever happens: delivery is **at most once**
   (docs/reminders.md). A crash before it loses nothing: nothing was written.
5. **hand off** the chunk to the core
   (:meth:`~bot.core.reminders.sending.ReminderSending.handle`), at most ``concurrency``
   sends at once; each platform's adapter keeps its own pace. Outcomes are ``sent``,
   ``failed``, ``blocked`` (the core's delivery marks the person unreachable and pauses
   their reminders) or ``retry_after`` (the same slot is due again after the delay).

Two connections take turns: while one advances and commits chunk *k*, the other
takes and plans chunk *k+1* (on PostgreSQL it also records chunk *k-1*'s outcomes).
Chunk *k+1* is committed only after chunk *k* has been handed off, so no more than
one chunk is ever committed and not yet answered by the platform.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.clock import Clock
from bot.core.due import DueReminder
from bot.core.events import Recipient
from bot.core.ports import SendResult
from bot.core.reminders.sending import ReminderSending
from bot.core.reminders.slots import Schedule, SlotPlan
from bot.storage.database import Database
from scheduler.reminder_chunks import SUBSCRIPTIONS, ChunkStatements, Move, Record, Taken

log = logging.getLogger(__name__)

SEND_CONCURRENCY = 64


@dataclass(frozen=True, slots=True)
class Prepared:
    """A chunk taken and planned, not yet advanced: what its commit will write.

    On PostgreSQL its transaction is open and holds the rows' locks; on SQLite
    nothing is held (the advance's guard catches rows changed since the take).
    """

    statements: ChunkStatements
    now: datetime
    rows: list[Taken]
    moves: list[Move]
    plans: dict[tuple[Any, ...], SlotPlan]
    """Each schedule's plan, by :attr:`Taken.stored_schedule`."""

    @property
    def last(self) -> Any:
        """Where the next take starts: after this chunk's last row, in due order."""
        return (self.rows[-1].next_due_at, self.rows[-1].id) if self.rows else None


@dataclass(slots=True)
class Job:
    """One reminder to hand off, and afterwards what came of it."""

    due: DueReminder
    result: SendResult | None = None


class ReminderSweep:
    """Sends due walking reminders; one instance per process, any number of processes."""

    name = "reminders"

    def __init__(
        self,
        database: Database,
        sending: ReminderSending,
        clock: Clock,
        *,
        concurrency: int = SEND_CONCURRENCY,
    ) -> None:
        self.database = database
        self.sending = sending
        self.clock = clock
        self.concurrency = concurrency

    async def run_once(self) -> int:
        """Send everything due now; returns how many reminders were handed off.

        Two connections take turns, so one chunk's commit overlaps the next chunk's
        take and plan (see :class:`Prepared`). A chunk is committed only once the
        chunk before it has been handed off, and handed off only once committed:
        a crash so costs at most the one chunk in flight, and repeats nothing.
        """
        handed = 0
        sent: list[Job] = []
        following: asyncio.Task[Prepared] | None = None
        async with ChunkStatements.pair(self.database.engine) as (ours, theirs):
            try:
                chunk = await self._prepare(ours, None, [])
                if len(chunk.rows) == self.concurrency:
                    await self._log_big_slot(ours, chunk.now)
                while True:
                    outcomes = _outcomes(sent)
                    if len(chunk.rows) == self.concurrency:  # more may be due: take them now
                        beside = outcomes if theirs.writes_beside else []
                        following = asyncio.create_task(self._prepare(theirs, chunk.last, beside))
                        if beside:
                            outcomes = []
                    jobs = await self._finish(chunk, outcomes)
                    if jobs:
                        await self._hand_off(jobs)
                        handed += len(jobs)
                        await self._apply_consequences(chunk.statements.connection, jobs)
                    sent = jobs
                    if following is None:
                        break
                    chunk, following = await following, None
                    ours, theirs = theirs, ours
                if sent:
                    await ours.begin()
                    await ours.record(_outcomes(sent), self.clock.now())
                    await ours.commit()
            finally:
                if following is not None:
                    following.cancel()
                    await asyncio.gather(following, return_exceptions=True)
        return handed

    async def _prepare(
        self, statements: ChunkStatements, after: Any, outcomes: list[Record]
    ) -> Prepared:
        """Take the next due rows and plan each schedule once; nothing is advanced yet.

        ``after`` (the previous chunk's last row, see :meth:`ChunkStatements.take`)
        keeps a take that overlaps that chunk's commit from reading it again. Where
        two transactions may write side by side (PostgreSQL), the outcomes of the
        chunk handed off last are recorded here too, off the path to the next commit.
        """
        await statements.begin()
        if outcomes:
            await statements.record(outcomes, self.clock.now())
        now = self.clock.now()
        rows = await statements.take(now, self.concurrency, after)
        plans: dict[tuple[Any, ...], tuple[SlotPlan, Any]] = {}
        moves: list[Move] = []
        for row in rows:
            key = row.stored_schedule
            known = plans.get(key)
            if known is None:
                schedule = Schedule(*key[:4], statements.instant(row.slot_at))
                slot_plan = self.sending.plan(schedule, now)
                known = plans[key] = (slot_plan, statements.stored(slot_plan.next_due))
            moves.append((row.id, known[1], row.next_due_at))
        return Prepared(statements, now, rows, moves, {key: p for key, (p, _) in plans.items()})

    async def _finish(self, chunk: Prepared, outcomes: list[Record]) -> list[Job]:
        """Advance the chunk, record its missed slots (and ``outcomes``), and commit.

        The commit is the point of no return (at most once): from then on these
        slots are not due any more, whether or not the sends complete. Returns the
        reminders to send, for the rows this transaction really advanced.
        """
        statements, rows = chunk.statements, chunk.rows
        owned = set(await statements.advance(chunk.moves)) if chunk.moves else set()
        jobs: list[Job] = []
        missed: list[Record] = []
        for row in rows:
            if row.id not in owned:
                continue
            slot_plan = chunk.plans[row.stored_schedule]
            for slot in slot_plan.missed:
                missed.append((row.id, slot, "missed", ""))
            if slot_plan.send is not None:
                recipient = Recipient(row.platform, row.chat_id, row.user_id or None)
                jobs.append(Job(DueReminder(row.id, recipient, slot_plan.send)))
        records = _merged(outcomes, missed)
        if records:
            await statements.record(records, chunk.now)
        await statements.commit()
        return jobs

    async def _hand_off(self, jobs: list[Job]) -> None:
        """Hand a chunk to the core, at most ``concurrency`` sends at once.

        The sweep's own task sends while sends complete without waiting (an unpaced
        platform, a fast port): no task switch per message. As soon as one send has
        to wait (the platform's pace holds it, or its call is under way), more lanes
        start, up to ``concurrency`` in all, and the chunk proceeds in parallel.
        """
        waiting = deque(jobs)
        lanes: list[asyncio.Task[None]] = []
        loop = asyncio.get_running_loop()
        spreading = False

        def spread() -> None:  # runs only once a send has yielded to the event loop
            nonlocal spreading
            spreading = False
            for _ in range(min(len(waiting), self.concurrency - 1 - len(lanes))):
                lanes.append(loop.create_task(lane()))

        async def lane() -> None:
            nonlocal spreading
            while waiting:
                job = waiting.popleft()
                if waiting and not spreading:
                    spreading = True
                    loop.call_soon(spread)
                await self._send(job)

        try:
            await lane()
            await asyncio.gather(*lanes)
        finally:
            for other in lanes:
                other.cancel()
            await asyncio.gather(*lanes, return_exceptions=True)

    async def _send(self, job: Job) -> None:
        try:
            job.result = await self.sending.handle(job.due)
        except Exception as exc:  # a broken port must not stop the slot
            log.exception("reminder to %s failed", job.due.recipient.platform)
            job.result = SendResult.failed(type(exc).__name__)

    async def _apply_consequences(self, connection: AsyncConnection, jobs: list[Job]) -> None:
        """What a retry-after answer changes, in its own short transaction: the same slot
        is due again after the platform's delay. (A blocked answer is the delivery's to
        act on, as for every send.)

        Rare, so written through SQLAlchemy; their delivery records go with the next
        chunk's commit like every other outcome.
        """
        retried = [job for job in jobs if job.result and job.result.status == "retry_after"]
        if not retried:
            return
        async with connection.begin():
            for job in retried:
                assert job.result is not None
                # Due again after the platform's delay, for the same slot (same grace).
                await connection.execute(
                    update(SUBSCRIPTIONS)
                    .where(
                        SUBSCRIPTIONS.c.id == job.due.subscription_id,
                        SUBSCRIPTIONS.c.state == "active",
                    )
                    .values(
                        next_due_at=self.clock.now()
                        + timedelta(seconds=job.result.retry_after or 1),
                        slot_at=job.due.slot,
                    )
                )

    async def _log_big_slot(self, chunks: ChunkStatements, now: datetime) -> None:
        """A full first chunk may mean a big slot: say how many are due on each platform
        (each platform's adapter spreads them out at its pace)."""
        for platform, total in await chunks.due_per_platform(now):
            log.info("reminder slot: about %d due on %s", total, platform)


def _outcomes(jobs: list[Job]) -> list[Record]:
    records: list[Record] = []
    for job in jobs:
        assert job.result is not None
        due = job.due
        records.append((due.subscription_id, due.slot, job.result.status, job.result.detail[:200]))
    return records


def _merged(*batches: list[Record]) -> list[Record]:
    """One record per (subscription, slot), as if the batches were written in turn.

    A later record replaces an earlier one only where the stored one would be
    overwritten, i.e. a ``retry_after``; PostgreSQL refuses to upsert one row twice
    in one statement, so the batches are merged before they are written.
    """
    merged: dict[tuple[int, datetime], Record] = {}
    for batch in batches:
        for record in batch:
            key = (record[0], record[1])
            earlier = merged.get(key)
            if earlier is None or earlier[2] == "retry_after":
                merged[key] = record
    return list(merged.values())

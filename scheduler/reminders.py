"""The reminder sweep: take due subscriptions a chunk at a time, advance, send, record.

There is no job per user. Every ``SWEEP_INTERVAL_SECONDS`` this sweep repeats, until
nothing is due, one short transaction per chunk of ``concurrency`` rows, the SQL of
each step in :mod:`scheduler.reminder_chunks`:

1. **take** the due rows (``SELECT … ORDER BY next_due_at LIMIT chunk FOR UPDATE SKIP
   LOCKED``): on PostgreSQL several processes take disjoint rows; SQLite drops the
   locking clause and runs one sweeper;
2. **plan** each schedule once: subscribers sharing a zone, slot times, quiet hours and
   due slot share one answer (slots missed beyond the grace window are recorded
   ``missed``, never sent in a burst; the latest slot still within grace is sent);
3. **advance** every row to its next due time in one statement; on SQLite guarded by
   the due time read, so a row changed since (by its person) is left alone and not sent;
4. **record** this chunk's missed slots and the previous chunk's outcomes (one
   ``INSERT … SELECT`` for all), then **commit**. From this commit on the chunk's
   slots will not be sent again, whatever happens: delivery is **at most once**
   (docs/reminders.md). A crash before it loses nothing: nothing was written.
5. **hand off** the chunk, at most ``concurrency`` sends at once, through the
   per-platform :class:`~scheduler.pacing.Pacer`; outcomes are ``sent``, ``failed``,
   ``blocked`` (the delivery marks the person unreachable and pauses the reminders) or
   ``retry_after`` (the same slot is due again after the platform's delay).

Two connections take turns: while one advances and commits chunk *k*, the other
takes and plans chunk *k+1* (on PostgreSQL it also records chunk *k-1*'s outcomes).
Chunk *k+1* is committed only after chunk *k* has been handed off, so no more than
one chunk is ever committed and not yet answered by the platform.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.content.reminders import ReminderTexts
from bot.core.clock import Clock
from bot.core.delivery import Delivery
from bot.core.events import Recipient
from bot.core.messages import OutboundMessage
from bot.core.ports import SendResult
from bot.core.reminders import (
    next_slot_after,
    quiet_from_columns,
    reminder_message,
    slots_from_text,
)
from bot.core.reminders.schedule import zone_of
from bot.storage.database import Database
from scheduler.pacing import Pacer
from scheduler.reminder_chunks import SUBSCRIPTIONS, ChunkStatements, Move, Record

log = logging.getLogger(__name__)

CATCH_UP_LIMIT = timedelta(days=7)
"""After a longer outage only the first missed slot is recorded, then the schedule jumps."""
SEND_CONCURRENCY = 64
RENDERED_SLOTS = 256
"""Reminder messages kept rendered, one per slot instant (a sweep sees a handful)."""


@dataclass(frozen=True, slots=True)
class SlotPlan:
    """What to do with one due slot of one schedule (shared by everyone on it)."""

    missed: tuple[datetime, ...]
    send: datetime | None
    next_due: datetime | None


Schedule = tuple[str, str, str | None, str | None, datetime | None]
"""(zone, slot times, quiet start, quiet end, slot being served): what :func:`plan` reads."""


def plan(schedule: Schedule, now: datetime, grace: timedelta) -> SlotPlan:
    """Decide, from the schedule alone, which slots are missed, sent, and what is next.

    A slot older than ``grace`` is missed; so is a slot superseded by a later
    one that is also already due (after downtime only the latest goes out), and
    a late slot whose sending time would fall inside the quiet hours.
    """
    zone, slot_text, quiet_start, quiet_end, slot = schedule
    slots = slots_from_text(slot_text)
    quiet = quiet_from_columns(quiet_start, quiet_end)

    def following(after: datetime) -> datetime | None:
        return next_slot_after(after, slots, zone, quiet)

    if slot is None:  # asked to reschedule only (e.g. a blocked person wrote again)
        return SlotPlan((), None, following(now))
    missed: list[datetime] = []
    if now - slot > CATCH_UP_LIMIT:
        missed.append(slot)
        slot = following(now - grace)
    in_quiet = quiet is not None and quiet.contains(_local_minute(now, zone))
    while slot is not None and slot <= now:
        after = following(slot)
        too_late = now - slot > grace
        superseded = after is not None and after <= now
        if not (too_late or superseded or in_quiet):
            return SlotPlan(tuple(missed), slot, after)
        missed.append(slot)
        slot = after
    return SlotPlan(tuple(missed), None, slot)


def _local_minute(instant: datetime, zone: str) -> time:
    return instant.astimezone(zone_of(zone)).time().replace(second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A chunk taken and planned, not yet advanced: what its commit will write.

    On PostgreSQL its transaction is open and holds the rows' locks; on SQLite
    nothing is held (the advance's guard catches rows changed since the take).
    """

    statements: ChunkStatements
    now: datetime
    rows: Sequence[Sequence[Any]]
    moves: list[Move]
    plans: dict[tuple[Any, ...], SlotPlan]

    @property
    def last(self) -> Any:
        """Where the next take starts: after this chunk's last row, in due order."""
        return (self.rows[-1][10], self.rows[-1][0]) if self.rows else None


@dataclass(slots=True)
class Job:
    """One reminder to hand off, and afterwards what came of it."""

    subscription_id: int
    recipient: Recipient
    group: bool
    slot: datetime
    result: SendResult | None = None


class ReminderSweep:
    """Sends due walking reminders; one instance per process, any number of processes."""

    name = "reminders"

    def __init__(
        self,
        database: Database,
        delivery: Delivery,
        clock: Clock,
        texts: ReminderTexts,
        pacer: Pacer,
        *,
        grace: timedelta = timedelta(minutes=30),
        concurrency: int = SEND_CONCURRENCY,
    ) -> None:
        self.database = database
        self.delivery = delivery
        self.clock = clock
        self.texts = texts
        self.pacer = pacer
        self.grace = grace
        self.concurrency = concurrency
        self._rendered: dict[datetime, OutboundMessage] = {}

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
                    await self._log_expected_lateness(ours, chunk.now)
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
            subscription_id, *_, zone, slots, quiet_start, quiet_end, slot_at, seen = row
            key = (zone, slots, quiet_start, quiet_end, slot_at)
            known = plans.get(key)
            if known is None:
                schedule = (zone, slots, quiet_start, quiet_end, statements.instant(slot_at))
                slot_plan = plan(schedule, now, self.grace)
                known = plans[key] = (slot_plan, statements.stored(slot_plan.next_due))
            moves.append((subscription_id, known[1], seen))
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
            subscription_id, platform, chat_id, user_id, private_chat, *_ = row
            if subscription_id not in owned:
                continue
            slot_plan = chunk.plans[tuple(row[5:10])]
            for slot in slot_plan.missed:
                missed.append((subscription_id, slot, "missed", ""))
            if slot_plan.send is not None:
                recipient = Recipient(platform, chat_id, user_id or None)
                jobs.append(Job(subscription_id, recipient, not private_chat, slot_plan.send))
        records = _merged(outcomes, missed)
        if records:
            await statements.record(records, chunk.now)
        await statements.commit()
        return jobs

    async def _hand_off(self, jobs: list[Job]) -> None:
        """Send a chunk, at most ``concurrency`` messages at once, each through the pacer.

        The sweep's own task sends while sends complete without waiting (an unpaced
        platform, a fast port): no task switch per message. As soon as one send has
        to wait (the pacer holds it, or the platform call is under way), more lanes
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
        recipient = job.recipient
        try:
            await self.pacer.wait(recipient.platform, recipient.chat_id, group=job.group)
            job.result = await self.delivery.push(recipient, [self._message(job.slot)])
        except Exception as exc:  # a broken port must not stop the slot
            log.exception("reminder to %s failed", recipient.platform)
            job.result = SendResult.failed(type(exc).__name__)
        if job.result.status == "retry_after":
            self.pacer.pause(recipient.platform, job.result.retry_after or 1.0)

    def _message(self, slot: datetime) -> OutboundMessage:
        """The reminder for a slot is the same for everyone it is due to: render it once."""
        rendered = self._rendered.get(slot)
        if rendered is None:
            if len(self._rendered) >= RENDERED_SLOTS:
                self._rendered.clear()
            rendered = self._rendered[slot] = reminder_message(self.texts, slot)
        return rendered

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
                        SUBSCRIPTIONS.c.id == job.subscription_id,
                        SUBSCRIPTIONS.c.state == "active",
                    )
                    .values(
                        next_due_at=self.clock.now()
                        + timedelta(seconds=job.result.retry_after or 1),
                        slot_at=job.slot,
                    )
                )

    async def _log_expected_lateness(self, chunks: ChunkStatements, now: datetime) -> None:
        """A full first chunk may mean a big slot: say how long the platforms' pace makes it."""
        for platform, total in await chunks.due_per_platform(now):
            log.info(
                "reminder slot: about %d due on %s; at its pace the last goes out ~%.0f s late",
                total,
                platform,
                self.pacer.expected_seconds(platform, total),
            )


def _outcomes(jobs: list[Job]) -> list[Record]:
    records: list[Record] = []
    for job in jobs:
        assert job.result is not None
        records.append((job.subscription_id, job.slot, job.result.status, job.result.detail[:200]))
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

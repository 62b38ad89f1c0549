"""The reminder sweep: take due subscriptions a chunk at a time, advance, send, record.

There is no job per user. Every ``SWEEP_INTERVAL_SECONDS`` this sweep repeats, until
nothing is due, one short transaction per chunk of ``concurrency`` rows:

1. **take** the due rows (``SELECT … ORDER BY next_due_at LIMIT chunk FOR UPDATE SKIP
   LOCKED``): on PostgreSQL several processes take disjoint rows; SQLite drops the
   locking clause and runs one sweeper;
2. **plan** each schedule once: subscribers sharing a zone, slot times, quiet hours and
   due slot share one answer (slots missed beyond the grace window are recorded
   ``missed``, never sent in a burst; the latest slot still within grace is sent);
3. **advance** each group with one ``UPDATE … WHERE id IN (…) AND next_due_at = <seen>
   RETURNING id``: the guard means a row changed since it was read (by its person, or
   by another sweeper) is left alone, and ``RETURNING`` names the rows this sweep owns;
4. **record** the previous chunk's outcomes, and this chunk's missed slots, with one
   ``INSERT … SELECT`` per slot and status, then commit. From this commit on the
   chunk's slots will not be sent again, whatever happens: delivery is **at most
   once** (docs/reminders.md). A crash before it loses nothing: nothing was written.
5. **hand off** the chunk to a pool of ``concurrency`` workers that send through the
   per-platform :class:`~scheduler.pacing.Pacer`; outcomes are ``sent``, ``failed``,
   ``blocked`` (the subscription pauses and the account is marked unreachable) or
   ``retry_after`` (the same slot is due again after the platform's delay).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ColumnElement,
    Executable,
    Row,
    Table,
    and_,
    bindparam,
    column,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.content.reminders import ReminderTexts
from bot.core.clock import Clock
from bot.core.events import Recipient
from bot.core.messages import OutboundMessage
from bot.core.ports import Outbox, SendResult
from bot.core.reminders import (
    next_slot_after,
    quiet_from_columns,
    reminder_message,
    slots_from_text,
)
from bot.core.reminders.card import why_of_the_day
from bot.core.reminders.schedule import zone_of
from bot.core.reminders.subscriptions import pause_blocked
from bot.storage.base import UtcDateTime
from bot.storage.database import Database
from bot.storage.models import Account, ReminderDelivery, ReminderSubscription
from scheduler.pacing import Pacer

log = logging.getLogger(__name__)

CATCH_UP_LIMIT = timedelta(days=7)
"""After a longer outage only the first missed slot is recorded, then the schedule jumps."""
SEND_CONCURRENCY = 64

SUBSCRIPTIONS: Table = ReminderSubscription.__table__  # type: ignore[assignment]
DELIVERIES: Table = ReminderDelivery.__table__  # type: ignore[assignment]
"""Core tables, not ORM entities: a chunk needs no identity map, only a few statements."""
TAKEN = (
    SUBSCRIPTIONS.c.id,
    SUBSCRIPTIONS.c.platform,
    SUBSCRIPTIONS.c.chat_id,
    SUBSCRIPTIONS.c.user_id,
    SUBSCRIPTIONS.c.private_chat,
    SUBSCRIPTIONS.c.timezone,
    SUBSCRIPTIONS.c.slots,
    SUBSCRIPTIONS.c.quiet_start,
    SUBSCRIPTIONS.c.quiet_end,
    SUBSCRIPTIONS.c.slot_at,
    SUBSCRIPTIONS.c.next_due_at,
)


def listed(database: Database) -> ColumnElement[bool]:
    """``id`` is in the list bound as ``ids``, as one parameter whatever the list's length.

    One parameter keeps the SQL text, hence the driver's prepared statement, the same
    for every chunk (an expanding ``IN`` renders a new statement per length).
    """
    if database.is_postgres:
        return SUBSCRIPTIONS.c.id == func.any(bindparam("ids", type_=ARRAY(BigInteger)))
    ids = func.json_each(bindparam("ids", type_=JSON))
    return SUBSCRIPTIONS.c.id.in_(select(column("value")).select_from(ids).scalar_subquery())


def advance_statement(database: Database) -> Executable:
    """Move one group on and name the rows moved.

    On PostgreSQL the take's row locks keep the rows as they were read. SQLite takes
    rows without locking them, so a row changed since it was read (by its person)
    no longer has the due time seen there, and is left alone.
    """
    statement = (
        update(SUBSCRIPTIONS)
        .where(listed(database))
        .values(next_due_at=bindparam("next"), slot_at=bindparam("next"))
        .returning(SUBSCRIPTIONS.c.id)
    )
    if database.is_postgres:
        return statement
    return statement.where(SUBSCRIPTIONS.c.next_due_at == bindparam("seen", type_=UtcDateTime()))


def recorded_statement(database: Database) -> Executable:
    """One delivery per subscription in ``ids``, for one slot and status.

    A slot already recorded is overwritten only from ``retry_after``.
    """
    insert = pg_insert if database.is_postgres else sqlite_insert
    rows = select(
        SUBSCRIPTIONS.c.id,
        SUBSCRIPTIONS.c.person_id,
        bindparam("slot", type_=UtcDateTime()),
        bindparam("status", type_=DELIVERIES.c.status.type),
        bindparam("now", type_=UtcDateTime()),
        bindparam("detail", type_=DELIVERIES.c.detail.type),
    ).where(listed(database))
    statement = insert(DELIVERIES).from_select(
        ["subscription_id", "person_id", "slot_at", "status", "recorded_at", "detail"], rows
    )
    return statement.on_conflict_do_update(
        index_elements=[DELIVERIES.c.subscription_id, DELIVERIES.c.slot_at],
        set_={
            "status": statement.excluded.status,
            "recorded_at": statement.excluded.recorded_at,
            "detail": statement.excluded.detail,
        },
        where=DELIVERIES.c.status == "retry_after",
    )


def due_subscriptions(now: datetime, limit: int) -> Executable:
    """The oldest due rows; on PostgreSQL locked for this transaction, skipping others' rows."""
    return (
        select(*TAKEN)
        .where(SUBSCRIPTIONS.c.next_due_at <= now)
        .order_by(SUBSCRIPTIONS.c.next_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )


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
        outbox: Outbox,
        clock: Clock,
        texts: ReminderTexts,
        pacer: Pacer,
        *,
        grace: timedelta = timedelta(minutes=30),
        concurrency: int = SEND_CONCURRENCY,
    ) -> None:
        self.database = database
        self.outbox = outbox
        self.clock = clock
        self.texts = texts
        self.pacer = pacer
        self.grace = grace
        self.concurrency = concurrency
        self._rendered: dict[int, OutboundMessage] = {}
        self._record_slots = recorded_statement(database)
        self._advance_group = advance_statement(database)

    async def run_once(self) -> int:
        """Send everything due now; returns how many reminders were handed off.

        Each commit records the previous chunk's outcomes and advances the next
        chunk; only then is that chunk handed off, and no transaction stays open
        while messages are sent. A crash can so cost at most one chunk's messages.
        """
        queue: asyncio.Queue[Job] = asyncio.Queue()
        workers: list[asyncio.Task[None]] = []
        handed = 0
        sent: list[Job] = []
        first = True
        connection = await self.database.engine.connect()
        try:
            while True:
                async with connection.begin():
                    now = self.clock.now()
                    await self._record_outcomes(connection, sent, now)
                    rows = (
                        await connection.execute(due_subscriptions(now, self.concurrency))
                    ).all()
                    if first and len(rows) == self.concurrency:
                        await self._log_expected_lateness(connection, now)
                    first = False
                    jobs = await self._advance(connection, rows, now)
                if jobs:
                    if not workers:
                        workers = [
                            asyncio.create_task(self._worker(queue))
                            for _ in range(self.concurrency)
                        ]
                    for job in jobs:
                        queue.put_nowait(job)
                    await queue.join()
                    handed += len(jobs)
                sent = jobs
                if len(rows) < self.concurrency:
                    break
            if sent:
                async with connection.begin():
                    await self._record_outcomes(connection, sent, self.clock.now())
        finally:
            await connection.close()
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        return handed

    async def _advance(
        self, connection: AsyncConnection, rows: Sequence[Row[Any]], now: datetime
    ) -> list[Job]:
        """Plan each schedule once, move every group on, record its missed slots.

        Committing this is the point of no return (at most once): from then on the
        slot is not due any more, whether or not the send completes. Returns the
        reminders to send, for the rows this transaction really advanced.
        """
        plans: dict[Schedule, SlotPlan] = {}
        planned: list[tuple[Row[Any], SlotPlan]] = []
        groups: dict[tuple[datetime | None, datetime], list[int]] = defaultdict(list)
        for row in rows:
            subscription_id, *_, zone, slots, quiet_start, quiet_end, slot_at, seen = tuple(row)
            schedule = (zone, slots, quiet_start, quiet_end, slot_at)
            slot_plan = plans.get(schedule)
            if slot_plan is None:
                slot_plan = plans[schedule] = plan(schedule, now, self.grace)
            planned.append((row, slot_plan))
            groups[(slot_plan.next_due, seen)].append(subscription_id)
        owned: set[int] = set()
        for (next_due, seen), ids in groups.items():
            advanced = await connection.execute(
                self._advance_group, {"ids": ids, "seen": seen, "next": next_due}
            )
            owned.update(advanced.scalars())
        jobs: list[Job] = []
        missed: dict[datetime, list[int]] = defaultdict(list)
        for row, slot_plan in planned:
            subscription_id, platform, chat_id, user_id, private_chat, *_ = tuple(row)
            if subscription_id not in owned:
                continue
            for slot in slot_plan.missed:
                missed[slot].append(subscription_id)
            if slot_plan.send is not None:
                recipient = Recipient(platform, chat_id, user_id or None)
                jobs.append(Job(subscription_id, recipient, not private_chat, slot_plan.send))
        for slot, ids in missed.items():
            await self._insert_deliveries(connection, ids, slot, "missed", now)
        return jobs

    async def _insert_deliveries(
        self,
        connection: AsyncConnection,
        ids: list[int],
        slot: datetime,
        status: str,
        now: datetime,
        detail: str = "",
    ) -> None:
        await connection.execute(
            self._record_slots,
            {"ids": ids, "slot": slot, "status": status, "now": now, "detail": detail[:200]},
        )

    async def _worker(self, queue: asyncio.Queue[Job]) -> None:
        """Sends one job at a time through the pacer; ``concurrency`` of these run."""
        while True:
            job = await queue.get()
            recipient = job.recipient
            try:
                await self.pacer.wait(recipient.platform, recipient.chat_id, group=job.group)
                job.result = await self.outbox.push(recipient, [self._message(job.slot)])
            except Exception as exc:  # a broken port must not stop the slot
                log.exception("reminder to %s failed", recipient.platform)
                job.result = SendResult.failed(type(exc).__name__)
            if job.result.status == "retry_after":
                self.pacer.pause(recipient.platform, job.result.retry_after or 1.0)
            queue.task_done()

    def _message(self, slot: datetime) -> OutboundMessage:
        """The reminder text changes once a day; render each variant once."""
        variant = why_of_the_day(self.texts, slot)
        rendered = self._rendered.get(variant)
        if rendered is None:
            rendered = self._rendered[variant] = reminder_message(self.texts, slot)
        return rendered

    async def _record_outcomes(
        self, connection: AsyncConnection, jobs: list[Job], now: datetime
    ) -> None:
        """Write what happened to each send, and its consequences."""
        outcomes: dict[tuple[datetime, str, str], list[int]] = defaultdict(list)
        for job in jobs:
            assert job.result is not None
            outcomes[(job.slot, job.result.status, job.result.detail)].append(job.subscription_id)
        for (slot, status, detail), ids in outcomes.items():
            await self._insert_deliveries(connection, ids, slot, status, now, detail)
        blocked = [job for job in jobs if job.result and job.result.status == "blocked"]
        if blocked:
            await pause_blocked(connection, [job.subscription_id for job in blocked])
            await connection.execute(
                update(Account)
                .where(
                    or_(
                        *(
                            and_(
                                Account.platform == job.recipient.platform,
                                Account.platform_user_id == job.recipient.user_id,
                            )
                            for job in blocked
                        )
                    )
                )
                .values(reachable=False)
            )
        for job in jobs:
            if job.result and job.result.status == "retry_after":
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

    async def _log_expected_lateness(self, connection: AsyncConnection, now: datetime) -> None:
        """A full first chunk may mean a big slot: say how long the platforms' pace makes it."""
        counts = await connection.execute(
            select(SUBSCRIPTIONS.c.platform, func.count())
            .where(SUBSCRIPTIONS.c.next_due_at <= now)
            .group_by(SUBSCRIPTIONS.c.platform)
        )
        for platform, total in counts:
            log.info(
                "reminder slot: about %d due on %s; at its pace the last goes out ~%.0f s late",
                total,
                platform,
                self.pacer.expected_seconds(platform, total),
            )

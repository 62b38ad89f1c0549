"""The reminder sweep: claim due subscriptions in batches, send, record, advance.

There is no job per user. Every ``SWEEP_INTERVAL_SECONDS`` this sweep:

1. **claims** up to ``batch`` due rows with one ``UPDATE … RETURNING`` that sets a
   lease (``claimed_until``); on PostgreSQL the subquery uses ``FOR UPDATE SKIP
   LOCKED`` so several processes take disjoint rows. A lease left by a crashed
   process expires and the rows are claimed again: nothing was sent for them yet.
2. **plans** each row: slots missed beyond the grace window are recorded
   ``missed`` (never sent in a burst); the latest slot still within grace is sent.
3. **records and advances** in one transaction: a ``sending`` delivery per slot
   (unique per subscription and slot, so no slot is ever recorded, hence sent,
   twice) and the next due time. From this commit on the slot will not be sent
   again, whatever happens: delivery is **at most once** (see docs/reminders.md).
4. **hands off** through the per-platform :class:`~scheduler.pacing.Pacer` with
   bounded concurrency, then records each outcome: ``sent``, ``failed``,
   ``blocked`` (the subscription pauses and the account is marked unreachable)
   or ``retry_after`` (the same slot is due again after the platform's delay).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Executable, Row, Table, and_, bindparam, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

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
from bot.core.reminders.schedule import zone_of
from bot.core.reminders.subscriptions import pause_blocked
from bot.storage.database import Database
from bot.storage.models import Account, ReminderDelivery, ReminderSubscription
from scheduler.pacing import Pacer

log = logging.getLogger(__name__)

CLAIM_BATCH = 1000
CLAIM_LEASE = timedelta(minutes=5)
"""An older claim belongs to a crashed process and is claimed again."""
LEASE_MARGIN = timedelta(minutes=1)
"""A sweep paced so slowly that it nears its lease gives the rest of its batch back."""
CATCH_UP_LIMIT = timedelta(days=7)
"""After a longer outage only the first missed slot is recorded, then the schedule jumps."""
SEND_CONCURRENCY = 64
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

SUBSCRIPTIONS: Table = ReminderSubscription.__table__  # type: ignore[assignment]
DELIVERIES: Table = ReminderDelivery.__table__  # type: ignore[assignment]
"""Core tables, not ORM entities: a batch of a thousand rows needs no identity map."""
ADVANCE = (
    update(SUBSCRIPTIONS)
    .where(
        SUBSCRIPTIONS.c.id == bindparam("b_id"),
        SUBSCRIPTIONS.c.claimed_until == bindparam("b_lease"),
    )
    .values(
        next_due_at=bindparam("b_next"),
        slot_at=bindparam("b_next"),
        claimed_until=bindparam("b_mark"),
    )
)
CLAIMED = (
    SUBSCRIPTIONS.c.id,
    SUBSCRIPTIONS.c.person_id,
    SUBSCRIPTIONS.c.platform,
    SUBSCRIPTIONS.c.chat_id,
    SUBSCRIPTIONS.c.user_id,
    SUBSCRIPTIONS.c.private_chat,
    SUBSCRIPTIONS.c.timezone,
    SUBSCRIPTIONS.c.slots,
    SUBSCRIPTIONS.c.quiet_start,
    SUBSCRIPTIONS.c.quiet_end,
    SUBSCRIPTIONS.c.slot_at,
)


async def claim_due_reminders(
    database: Database, now: datetime, *, limit: int = CLAIM_BATCH, lease: timedelta = CLAIM_LEASE
) -> tuple[datetime, Sequence[Row[Any]]]:
    """Claim up to ``limit`` due subscriptions; returns the lease value and the rows.

    The lease is written into ``next_due_at`` too: claimed rows leave the due range
    (no later claim scans them) and come due again by themselves when the lease
    expires, which is how a crashed process's claims are recovered. ``slot_at``
    keeps the slot being served; ``claimed_until`` says whose lease it is.
    """
    lease_until = now + lease
    due = (
        select(SUBSCRIPTIONS.c.id)
        .where(SUBSCRIPTIONS.c.next_due_at <= now)
        .order_by(SUBSCRIPTIONS.c.next_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(SUBSCRIPTIONS)
        .where(SUBSCRIPTIONS.c.id.in_(due.scalar_subquery()))
        .values(claimed_until=lease_until, next_due_at=lease_until)
        .returning(*CLAIMED)
    )
    async with database.session() as session:
        rows = (await session.execute(claim)).all()
    return lease_until, rows


@dataclass(slots=True)
class Plan:
    """What to do with one claimed subscription."""

    subscription_id: int
    person_id: int
    recipient: Recipient
    group: bool
    missed: tuple[datetime, ...]
    send: datetime | None
    next_due: datetime | None


def plan(row: Row[Any], now: datetime, grace: timedelta) -> Plan:
    """Decide, from the schedule alone, which slots are missed, sent, and what is next.

    A slot older than ``grace`` is missed; so is a slot superseded by a later
    one that is also already due (after downtime only the latest goes out), and
    a late slot whose sending time would fall inside the quiet hours.
    """
    slots = slots_from_text(row.slots)
    quiet = quiet_from_columns(row.quiet_start, row.quiet_end)
    recipient = Recipient(row.platform, row.chat_id, row.user_id or None)

    def following(after: datetime) -> datetime | None:
        return next_slot_after(after, slots, row.timezone, quiet)

    slot: datetime | None = row.slot_at
    if slot is None:  # asked to reschedule only (e.g. a blocked person wrote again)
        return Plan(
            row.id, row.person_id, recipient, not row.private_chat, (), None, following(now)
        )
    missed: list[datetime] = []
    if now - slot > CATCH_UP_LIMIT:
        missed.append(slot)
        slot = following(now - grace)
    while slot is not None and slot <= now:
        after = following(slot)
        too_late = now - slot > grace
        superseded = after is not None and after <= now
        in_quiet = quiet is not None and quiet.contains(_local_minute(now, row.timezone))
        if not (too_late or superseded or in_quiet):
            return Plan(
                row.id, row.person_id, recipient, not row.private_chat, tuple(missed), slot, after
            )
        missed.append(slot)
        slot = after
    return Plan(row.id, row.person_id, recipient, not row.private_chat, tuple(missed), None, slot)


def _local_minute(instant: datetime, zone: str) -> time:
    return instant.astimezone(zone_of(zone)).time().replace(second=0, microsecond=0)


Outcome = tuple[Plan, SendResult]


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
        batch: int = CLAIM_BATCH,
        concurrency: int = SEND_CONCURRENCY,
    ) -> None:
        self.database = database
        self.outbox = outbox
        self.clock = clock
        self.texts = texts
        self.pacer = pacer
        self.grace = grace
        self.batch = batch
        self.concurrency = concurrency
        self._rendered: dict[int, OutboundMessage] = {}
        self._record_slots = self._upsert()

    async def run_once(self) -> int:
        """Send everything due now; returns how many reminders were handed off."""
        handed = 0
        first = True
        while True:
            now = self.clock.now()
            lease, rows = await claim_due_reminders(self.database, now, limit=self.batch)
            if first and len(rows) == self.batch:
                await self._log_expected_lateness(now, rows)
            first = False
            if rows:
                handed += await self._process(rows, now, lease)
            if len(rows) < self.batch:
                return handed

    async def _process(self, rows: Sequence[Row[Any]], now: datetime, lease: datetime) -> int:
        """Work a claimed batch one chunk of ``concurrency`` at a time.

        Only the chunk being sent has its schedule advanced before sending: a
        crash can cost at most those messages. The rest of the batch is still
        only leased, so another sweep sends it once the lease expires. Each
        commit records the previous chunk's outcomes and advances the next chunk;
        no transaction stays open while messages are sent.
        """
        plans = [plan(row, now, self.grace) for row in rows]
        handed = 0
        done: tuple[list[Plan], list[Outcome]] = ([], [])
        async with self.database.sessions() as session:
            for start in range(0, len(plans), self.concurrency):
                chunk = plans[start : start + self.concurrency]
                async with session.begin():
                    await self._record(session, *done, now)
                    done = ([], [])
                    if self.clock.now() >= lease - LEASE_MARGIN:
                        await self._release(session, plans[start:], lease)
                        break
                    owned = await self._advance(session, chunk, lease)
                jobs = [p for p in chunk if p.subscription_id in owned]
                done = (jobs, await self._hand_off([p for p in jobs if p.send is not None]))
                handed += len(done[1])
            async with session.begin():
                await self._record(session, *done, now)
        return handed

    async def _advance(self, session: AsyncSession, plans: list[Plan], lease: datetime) -> set[int]:
        """Move each schedule on, if our lease still holds; returns the rows we own.

        Committing this is the point of no return (at most once): from then on
        the slot is not due any more, whether or not the send completes. Rows are
        advanced with one executemany that leaves a token only this call knows in
        ``claimed_until`` (a past instant, so it claims nothing); SQLite counts the
        rows an executemany changed, other drivers cannot, so there the token names them.
        """
        mark = EPOCH + timedelta(microseconds=secrets.randbits(48))
        params = [
            {"b_id": p.subscription_id, "b_next": p.next_due, "b_lease": lease, "b_mark": mark}
            for p in plans
        ]
        advanced = await session.execute(ADVANCE, params)
        if self.database.is_sqlite and advanced.rowcount == len(plans):  # type: ignore[attr-defined]
            return {p.subscription_id for p in plans}  # SQLite counts executemany rows exactly
        owned = await session.execute(
            select(SUBSCRIPTIONS.c.id).where(
                SUBSCRIPTIONS.c.id.in_([p.subscription_id for p in plans]),
                SUBSCRIPTIONS.c.claimed_until == mark,
            )
        )
        return set(owned.scalars())

    async def _release(self, session: AsyncSession, plans: list[Plan], lease: datetime) -> None:
        """Give back claimed rows this sweep will not reach before its lease runs out."""
        await session.execute(
            update(SUBSCRIPTIONS)
            .where(
                SUBSCRIPTIONS.c.id.in_([p.subscription_id for p in plans]),
                SUBSCRIPTIONS.c.claimed_until == lease,
            )
            .values(claimed_until=None, next_due_at=self.clock.now())
        )

    def _upsert(self) -> Executable:
        """Record slots; a slot already recorded is overwritten only from ``retry_after``."""
        insert = pg_insert if self.database.is_postgres else sqlite_insert
        statement = insert(DELIVERIES)
        return statement.on_conflict_do_update(
            index_elements=[DELIVERIES.c.subscription_id, DELIVERIES.c.slot_at],
            set_={
                "status": statement.excluded.status,
                "recorded_at": statement.excluded.recorded_at,
                "detail": statement.excluded.detail,
            },
            where=DELIVERIES.c.status == "retry_after",
        )

    async def _hand_off(self, jobs: list[Plan]) -> list[Outcome]:
        """Send through the pacer with at most ``concurrency`` messages in flight."""
        outcomes: list[Outcome] = []
        pending = iter(jobs)

        async def worker() -> None:
            for job in pending:
                assert job.send is not None
                recipient = job.recipient
                await self.pacer.wait(recipient.platform, recipient.chat_id, group=job.group)
                try:
                    result = await self.outbox.push(recipient, [self._message(job.send)])
                except Exception as exc:  # a broken port must not stop the slot
                    log.exception("reminder to %s failed", recipient.platform)
                    result = SendResult.failed(type(exc).__name__)
                if result.status == "retry_after":
                    self.pacer.pause(recipient.platform, result.retry_after or 1.0)
                outcomes.append((job, result))

        async with asyncio.TaskGroup() as group:
            for _ in range(min(self.concurrency, len(jobs))):
                group.create_task(worker())
        return outcomes

    def _message(self, slot: datetime) -> OutboundMessage:
        """The reminder text changes once a day; render each variant once."""
        variant = slot.toordinal() % len(self.texts.reminder.why)
        rendered = self._rendered.get(variant)
        if rendered is None:
            rendered = self._rendered[variant] = reminder_message(self.texts, slot)
        return rendered

    async def _record(
        self, session: AsyncSession, plans: list[Plan], outcomes: list[Outcome], now: datetime
    ) -> None:
        """Write what happened: missed slots, each send's outcome, and its consequences."""
        records = [_delivery(p, slot, "missed", now) for p in plans for slot in p.missed]
        records += [
            _delivery(job, job.send, result.status, now, result.detail)
            for job, result in outcomes
            if job.send is not None
        ]
        blocked = [job for job, result in outcomes if result.status == "blocked"]
        retries = [(job, result) for job, result in outcomes if result.status == "retry_after"]
        if not records:
            return
        if True:
            await session.execute(self._record_slots, records)
            if blocked:
                await pause_blocked(session, [job.subscription_id for job in blocked])
                await session.execute(
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
            for job, result in retries:
                # Due again after the platform's delay, for the same slot (same grace).
                await session.execute(
                    update(SUBSCRIPTIONS)
                    .where(
                        SUBSCRIPTIONS.c.id == job.subscription_id,
                        SUBSCRIPTIONS.c.state == "active",
                    )
                    .values(
                        next_due_at=self.clock.now() + timedelta(seconds=result.retry_after or 1),
                        slot_at=job.send,
                        claimed_until=None,
                    )
                )

    async def _log_expected_lateness(self, now: datetime, claimed: Sequence[Row[Any]]) -> None:
        """A full first batch means a big slot: say how long the platforms' pace makes it."""
        async with self.database.session() as session:
            counts = await session.execute(
                select(SUBSCRIPTIONS.c.platform, func.count())
                .where(SUBSCRIPTIONS.c.next_due_at <= now)
                .group_by(SUBSCRIPTIONS.c.platform)
            )
            waiting: dict[str, int] = {platform: count for platform, count in counts}
            for row in claimed:  # claimed rows wait under their lease, outside the due range
                waiting[row.platform] = waiting.get(row.platform, 0) + 1
            for platform, total in waiting.items():
                log.info(
                    "reminder slot: about %d due on %s; at its pace the last goes out ~%.0f s late",
                    total,
                    platform,
                    self.pacer.expected_seconds(platform, total),
                )


def _delivery(
    p: Plan, slot: datetime, status: str, now: datetime, detail: str = ""
) -> dict[str, Any]:
    return {
        "subscription_id": p.subscription_id,
        "person_id": p.person_id,
        "slot_at": slot,
        "status": status,
        "recorded_at": now,
        "detail": detail[:200],
    }

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
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Row, Table, and_, bindparam, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

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
CLAIM_LEASE = timedelta(minutes=2)
"""Longer than a batch ever takes to plan and record; an older claim is a crashed process's."""
CATCH_UP_LIMIT = timedelta(days=7)
"""After a longer outage only the first missed slot is recorded, then the schedule jumps."""
SEND_CONCURRENCY = 64

SUBSCRIPTIONS: Table = ReminderSubscription.__table__  # type: ignore[assignment]
DELIVERIES: Table = ReminderDelivery.__table__  # type: ignore[assignment]
"""Core tables, not ORM entities: a batch of a thousand rows needs no identity map."""
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
    """Claim up to ``limit`` due subscriptions; returns the lease value and the rows."""
    lease_until = now + lease
    due = (
        select(SUBSCRIPTIONS.c.id)
        .where(
            SUBSCRIPTIONS.c.next_due_at <= now,
            or_(SUBSCRIPTIONS.c.claimed_until.is_(None), SUBSCRIPTIONS.c.claimed_until < now),
        )
        .order_by(SUBSCRIPTIONS.c.next_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(SUBSCRIPTIONS)
        .where(SUBSCRIPTIONS.c.id.in_(due.scalar_subquery()))
        .values(claimed_until=lease_until)
        .returning(*CLAIMED)
    )
    async with database.session() as session:
        rows = (await session.execute(claim)).all()
    return lease_until, rows


@dataclass(frozen=True, slots=True)
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


Outcome = tuple[Plan, int, SendResult]


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

    async def run_once(self) -> int:
        """Send everything due now; returns how many reminders were handed off."""
        handed = 0
        first = True
        while True:
            now = self.clock.now()
            lease, rows = await claim_due_reminders(self.database, now, limit=self.batch)
            if first and len(rows) == self.batch:
                await self._log_expected_lateness(now, len(rows))
            first = False
            if rows:
                handed += await self._process(rows, now, lease)
            if len(rows) < self.batch:
                return handed

    async def _process(self, rows: Sequence[Row[Any]], now: datetime, lease: datetime) -> int:
        plans = [plan(row, now, self.grace) for row in rows]
        owned = await self._record_and_advance(plans, now, lease)
        jobs = [(p, owned[p.subscription_id]) for p in plans if p.subscription_id in owned]
        outcomes = await self._hand_off(jobs)
        await self._record_outcomes(outcomes)
        return len(jobs)

    async def _record_and_advance(
        self, plans: list[Plan], now: datetime, lease: datetime
    ) -> dict[int, int]:
        """Record the slots (``sending``/``missed``) and move every schedule on, in one commit.

        Returns the delivery id of each slot this process now owns and must send.
        """
        records = [_delivery(p, slot, "missed", now) for p in plans for slot in p.missed] + [
            _delivery(p, p.send, "sending", now) for p in plans if p.send is not None
        ]
        owned: dict[int, int] = {}
        async with self.database.session() as session:
            if records:
                result = await session.execute(self._upsert(), records)
                owned = {row.subscription_id: row.id for row in result if row.status == "sending"}
            await session.execute(
                update(SUBSCRIPTIONS)
                .where(
                    SUBSCRIPTIONS.c.id == bindparam("b_id"),
                    SUBSCRIPTIONS.c.claimed_until == bindparam("b_lease"),
                )
                .values(
                    next_due_at=bindparam("b_next"),
                    slot_at=bindparam("b_next"),
                    claimed_until=None,
                ),
                [
                    {"b_id": p.subscription_id, "b_lease": lease, "b_next": p.next_due}
                    for p in plans
                ],
            )
        return owned

    def _upsert(self) -> Any:
        """Insert slot records; a slot already recorded is taken over only from ``retry_after``."""
        insert = pg_insert if self.database.is_postgres else sqlite_insert
        statement = insert(DELIVERIES)
        return statement.on_conflict_do_update(
            index_elements=[DELIVERIES.c.subscription_id, DELIVERIES.c.slot_at],
            set_={
                "status": statement.excluded.status,
                "recorded_at": statement.excluded.recorded_at,
            },
            where=DELIVERIES.c.status == "retry_after",
        ).returning(DELIVERIES.c.id, DELIVERIES.c.subscription_id, DELIVERIES.c.status)

    async def _hand_off(self, jobs: list[tuple[Plan, int]]) -> list[Outcome]:
        """Send through the pacer with at most ``concurrency`` messages in flight."""
        outcomes: list[Outcome] = []
        pending = iter(jobs)

        async def worker() -> None:
            for job, delivery_id in pending:
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
                outcomes.append((job, delivery_id, result))

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

    async def _record_outcomes(self, outcomes: list[Outcome]) -> None:
        if not outcomes:
            return
        now = self.clock.now()
        by_status: dict[str, list[int]] = defaultdict(list)
        for _plan, delivery_id, result in outcomes:
            if result.status != "failed":
                by_status[result.status].append(delivery_id)
        async with self.database.session() as session:
            for status, ids in by_status.items():
                await session.execute(
                    update(DELIVERIES).where(DELIVERIES.c.id.in_(ids)).values(status=status)
                )
            blocked = [job for job, _, result in outcomes if result.status == "blocked"]
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
            for job, delivery_id, result in outcomes:
                if result.status == "failed":
                    await session.execute(
                        update(DELIVERIES)
                        .where(DELIVERIES.c.id == delivery_id)
                        .values(status="failed", detail=result.detail[:200])
                    )
                elif result.status == "retry_after":
                    await session.execute(
                        update(SUBSCRIPTIONS)
                        .where(
                            SUBSCRIPTIONS.c.id == job.subscription_id,
                            SUBSCRIPTIONS.c.state == "active",
                        )
                        .values(
                            next_due_at=now + timedelta(seconds=result.retry_after or 1.0),
                            slot_at=job.send,
                            claimed_until=None,
                        )
                    )

    async def _log_expected_lateness(self, now: datetime, claimed: int) -> None:
        """A full first batch means a big slot: say how long the platforms' pace makes it."""
        async with self.database.session() as session:
            counts = await session.execute(
                select(SUBSCRIPTIONS.c.platform, func.count())
                .where(SUBSCRIPTIONS.c.next_due_at <= now)
                .group_by(SUBSCRIPTIONS.c.platform)
            )
            for platform, count in counts:
                total = count + claimed if platform else count
                log.info(
                    "reminder slot: about %d due on %s; at its pace the last goes out ~%.0f s late",
                    total,
                    platform,
                    self.pacer.expected_seconds(platform, total),
                )


def _delivery(p: Plan, slot: datetime, status: str, now: datetime) -> dict[str, Any]:
    return {
        "subscription_id": p.subscription_id,
        "person_id": p.person_id,
        "slot_at": slot,
        "status": status,
        "recorded_at": now,
        "detail": "",
    }

"""The senders of questions, recorded together: one transaction for all who wait at once.

A question from an account this process does not know yet (a first contact, or one
not seen for a while) is recorded before it is answered (:func:`record_sender`).
One transaction each, a burst of newcomers queues on SQLite's single write lock,
which each holds across several round trips to its driver's thread: on the loopback
benchmark (bench/telegram.py) a first message cost ~2.5 ms more than a later one.

:class:`SenderRecorder` writes every sender waiting at that moment in one
transaction, one statement per step for all of them (:func:`record_senders`), so
they take the write lock once; a sender arriving meanwhile waits for the next one.
The rules and the rows are :func:`record_sender`'s, with two things to know: the
people recorded together share one creation time (the first one's ``now``; they
arrived within one transaction of each other), and if writing them together fails,
each is written again on its own, so a failure is only ever its own sender's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage.people import AccountSeen, Recorded, record_senders

Then = Callable[[AsyncConnection, AccountSeen, Recorded, datetime], Awaitable[None]]
"""What else a recorded sender's transaction does (the core resuming someone unreachable)."""


@dataclass(frozen=True, slots=True)
class _Waiting:
    seen: AccountSeen
    now: datetime
    done: asyncio.Future[Recorded]


class SenderRecorder:
    """:func:`~bot.storage.people.record_sender` for many senders at once, committed."""

    def __init__(self, engine: AsyncEngine, then: Then) -> None:
        self.engine = engine
        self.then = then
        self._waiting: list[_Waiting] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, seen: AccountSeen, now: datetime) -> Recorded:
        """The sender, recorded and committed (with whoever else waited at the time)."""
        done: asyncio.Future[Recorded] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Waiting(seen, now, done))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_all())
        return await done

    async def _write_all(self) -> None:
        try:
            while self._waiting:
                batch = self._next_batch()
                if not batch:
                    continue
                try:
                    await self._write(batch)
                except Exception:
                    for one in batch:  # each on its own: a failure is its sender's alone
                        await self._write_alone(one)
        finally:
            self._writer = None

    def _next_batch(self) -> list[_Waiting]:
        """The waiting senders, each account once; a second message from one waits."""
        batch: dict[tuple[str, str], _Waiting] = {}
        later: list[_Waiting] = []
        for one in self._waiting:
            if one.done.done():
                continue  # its turn was cancelled: nobody waits for this record
            key = (one.seen.platform, one.seen.user_id)
            if key in batch:
                later.append(one)
            else:
                batch[key] = one
        self._waiting = later
        return list(batch.values())

    async def _write(self, batch: list[_Waiting]) -> None:
        now = batch[0].now
        async with self.engine.begin() as connection:
            recorded = await record_senders(connection, [one.seen for one in batch], now)
            for one, its in zip(batch, recorded, strict=True):
                await self.then(connection, one.seen, its, now)
        for one, its in zip(batch, recorded, strict=True):
            if not one.done.done():
                one.done.set_result(its)

    async def _write_alone(self, one: _Waiting) -> None:
        try:
            await self._write([one])
        except Exception as exc:
            if not one.done.done():
                one.done.set_exception(exc)

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
each is written again on its own, so a failure is only ever its own sender's
(:class:`~bot.storage.coalesce.Coalesced`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage.coalesce import Coalesced
from bot.storage.people import AccountSeen, Recorded, record_senders

Then = Callable[[AsyncConnection, AccountSeen, Recorded, datetime], Awaitable[None]]
"""What else a recorded sender's transaction does (the core resuming someone unreachable)."""
Sender = tuple[AccountSeen, datetime]


class SenderRecorder:
    """:func:`~bot.storage.people.record_sender` for many senders at once, committed."""

    def __init__(self, engine: AsyncEngine, then: Then) -> None:
        self.engine = engine
        self.then = then
        self._record = Coalesced(self._write, key=_account)

    async def record(self, seen: AccountSeen, now: datetime) -> Recorded:
        """The sender, recorded and committed (with whoever else waited at the time)."""
        return await self._record((seen, now))

    async def _write(self, batch: Sequence[Sender]) -> list[Recorded]:
        _, now = batch[0]
        async with self.engine.begin() as connection:
            recorded = await record_senders(connection, [seen for seen, _ in batch], now)
            for (seen, _), its in zip(batch, recorded, strict=True):
                await self.then(connection, seen, its, now)
        return recorded


def _account(sender: Sender) -> tuple[str, str]:
    seen, _ = sender
    return (seen.platform, seen.user_id)

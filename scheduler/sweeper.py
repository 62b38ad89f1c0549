"""Runs every registered sweep on an interval with APScheduler."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)

Item = TypeVar("Item")


class Sweep(Protocol):
    name: str

    async def run_once(self) -> int:
        """Handle whatever is due now; return how many items were handled."""
        ...


async def drain(
    claim: Callable[[], Awaitable[Sequence[Item]]],
    handle: Callable[[Item], Awaitable[object]],
    batch_size: int,
    failed: Callable[[Item], str],
) -> int:
    """Claim and handle batches until one comes back short; returns how many were handled.

    A failing item is logged (``failed`` says what it was) and does not stop the rest.
    """
    handled = 0
    while True:
        batch = await claim()
        for item in batch:
            try:
                await handle(item)
            except Exception:
                log.exception("%s failed", failed(item))
            handled += 1
        if len(batch) < batch_size:
            return handled


class Sweeper:
    """Owns the APScheduler instance; each sweep is one interval job.

    ``max_instances=1`` and ``coalesce=True`` mean a slow sweep is never run
    twice at once and never replayed in a burst after a pause.
    """

    def __init__(self, sweeps: list[Sweep], interval_seconds: float) -> None:
        self.sweeps = sweeps
        self.interval_seconds = interval_seconds
        self._scheduler: AsyncIOScheduler | None = None
        self._in_flight: set[asyncio.Task[None]] = set()

    async def run_once(self) -> int:
        """Run every sweep once, in order (what tests call after moving the clock)."""
        handled = 0
        for sweep in self.sweeps:
            handled += await sweep.run_once()
        return handled

    def start(self) -> None:
        scheduler = AsyncIOScheduler(timezone="UTC")
        for sweep in self.sweeps:
            scheduler.add_job(
                self._guarded,
                "interval",
                args=[sweep],
                seconds=self.interval_seconds,
                id=sweep.name,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
            )
        scheduler.start()
        self._scheduler = scheduler

    async def stop(self, grace_seconds: float = 30.0) -> None:
        """Start no new sweep and let a running one finish its sends (graceful shutdown).

        ``shutdown`` alone cancels a running sweep, which would lose a message
        whose timer was already consumed.
        """
        if self._scheduler is not None:
            self._scheduler.pause()
        if self._in_flight:
            await asyncio.wait(self._in_flight, timeout=grace_seconds)
        self.shutdown()

    def shutdown(self) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None

    async def _guarded(self, sweep: Sweep) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._in_flight.add(task)
        try:
            await sweep.run_once()
        except Exception:  # a failing sweep must not stop the next run
            log.exception("sweep %s failed", sweep.name)
        finally:
            self._in_flight.discard(task)

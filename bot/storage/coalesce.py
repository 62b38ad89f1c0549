"""Requests that arrive while others are served, served together: one database round for all.

On SQLite every statement is several round trips to the driver's thread, and under
load each one waits for the busy event loop; a transaction that writes also holds the
database's single write lock all that time. Questions from many people at once each
paying that (a first contact recorded, a running session looked up) is what made a
burst slow. :class:`Coalesced` hands every request waiting at a moment to one call
that serves them all, with one statement per step, and so costs one round of trips.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class _Waiting(Generic[T, R]):
    item: T
    done: asyncio.Future[R]


class Coalesced(Generic[T, R]):
    """``serve`` for every item waiting at once; each caller gets its item's result.

    ``serve`` takes a batch and returns one result per item, in order. Items with the
    same ``key`` are never in one batch (the later waits for the next), so ``serve``
    may assume each key once. If serving a batch fails, each of its items is served
    again on its own, so a failure only ever reaches the caller whose item it was.
    A caller that is cancelled while waiting is left out of the next batch.
    """

    def __init__(
        self,
        serve: Callable[[Sequence[T]], Awaitable[Sequence[R]]],
        key: Callable[[T], Hashable] = id,
    ) -> None:
        self.serve = serve
        self.key = key
        self._waiting: list[_Waiting[T, R]] = []
        self._server: asyncio.Task[None] | None = None

    async def __call__(self, item: T) -> R:
        done: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Waiting(item, done))
        if self._server is None or self._server.done():  # done: its event loop ended
            self._server = asyncio.create_task(self._serve_all())
        return await done

    async def _serve_all(self) -> None:
        try:
            while self._waiting:
                batch = self._next_batch()
                if not batch:
                    continue
                try:
                    await self._serve(batch)
                except Exception:
                    for one in batch:
                        await self._serve_alone(one)
        finally:
            self._server = None

    def _next_batch(self) -> list[_Waiting[T, R]]:
        batch: dict[Hashable, _Waiting[T, R]] = {}
        later: list[_Waiting[T, R]] = []
        for one in self._waiting:
            if one.done.done():
                continue  # its caller was cancelled: nobody waits for it
            key = self.key(one.item)
            if key in batch:
                later.append(one)
            else:
                batch[key] = one
        self._waiting = later
        return list(batch.values())

    async def _serve(self, batch: list[_Waiting[T, R]]) -> None:
        results = await self.serve([one.item for one in batch])
        for one, result in zip(batch, results, strict=True):
            if not one.done.done():
                one.done.set_result(result)

    async def _serve_alone(self, one: _Waiting[T, R]) -> None:
        try:
            await self._serve([one])
        except Exception as exc:
            if not one.done.done():
                one.done.set_exception(exc)

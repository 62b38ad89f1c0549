"""Finding an exercise, a thing to avoid, or a routine by what a person types.

Names are compared by :func:`bot.content.exercises.name_key` (so "bird dog",
"birddog" and "Bird-Dog" are one name); a near miss with one clear winner is
taken as a typo, anything vaguer comes back as "did you mean" candidates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, TypeVar

from bot.content import AvoidItem, Content, Exercise, Routine
from bot.content.exercises import name_key

T = TypeVar("T")

TYPO_SCORE = 0.88
"""A name this close to one thing (and clearly closer than to any other) is taken as meant."""
CLEAR_LEAD = 0.05
SUGGEST_SCORE = 0.7
"""Below this a name is not offered as "did you mean"."""
MAX_SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class Lookup(Generic[T]):
    """What a typed name led to: ``found``, or the closest ``suggestions`` (maybe none)."""

    found: T | None
    suggestions: tuple[T, ...] = ()


class NameIndex(Generic[T]):
    """Names and aliases of some things, looked up loosely."""

    def __init__(self, named: Iterable[tuple[T, Iterable[str]]]) -> None:
        self._items: list[tuple[T, tuple[str, ...]]] = []
        self._exact: dict[str, T] = {}
        for item, names in named:
            keys = tuple(dict.fromkeys(k for k in map(name_key, names) if k))
            self._items.append((item, keys))
            for key in keys:
                self._exact.setdefault(key, item)

    def lookup(self, query: str) -> Lookup[T]:
        key = name_key(query)
        if not key:
            return Lookup(None)
        exact = self._exact.get(key)
        if exact is not None:
            return Lookup(exact)
        scored = sorted(
            ((self._score(key, keys), index) for index, (_, keys) in enumerate(self._items)),
            reverse=True,
        )
        best_score, best_index = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best_score >= TYPO_SCORE and best_score - runner_up >= CLEAR_LEAD:
            return Lookup(self._items[best_index][0])
        close = tuple(
            self._items[index][0]
            for score, index in scored[:MAX_SUGGESTIONS]
            if score >= SUGGEST_SCORE
        )
        return Lookup(None, close)

    @staticmethod
    def _score(query: str, keys: tuple[str, ...]) -> float:
        """The best similarity to any name; a name containing the query counts as close."""
        best = 0.0
        for key in keys:
            ratio = SequenceMatcher(None, query, key).ratio()
            if len(query) >= 3 and query in key:
                ratio = max(ratio, SUGGEST_SCORE + 0.1)
            best = max(best, ratio)
        return best


def exercise_index(content: Content) -> NameIndex[Exercise | AvoidItem]:
    """Exercises and the article's exercises to avoid, which people ask for by name too."""
    named: list[tuple[Exercise | AvoidItem, Iterable[str]]] = [
        (e, (e.id, e.name, *e.aliases)) for e in content.exercises.exercises
    ]
    named += [(a, (a.id, a.name, *a.aliases)) for a in content.avoid.avoid]
    return NameIndex(named)


def routine_index(content: Content) -> NameIndex[Routine]:
    return NameIndex((r, (r.id, r.name, *r.aliases)) for r in content.routines.routines)

"""One place that decides whether a message describes a warning sign."""

from __future__ import annotations

from functools import cache, lru_cache

from bot.content import Safety, load_content
from bot.core.safety.signs import RedFlag, SignPatterns


class RedFlagCheck:
    """The most urgent warning sign a message describes, if any."""

    def __init__(self, safety: Safety) -> None:
        self._patterns = SignPatterns(safety)
        # A turn asks about the same message more than once (is a session to stop?
        # what to answer?): the answer is remembered, bounded.
        self._found = lru_cache(maxsize=256)(self._find)

    def find(self, text: str) -> RedFlag | None:
        return self._found(text)

    def _find(self, text: str) -> RedFlag | None:
        return self._patterns.find(text)


@cache
def _shipped_check() -> RedFlagCheck:
    return RedFlagCheck(load_content().safety)


def check(text: str) -> RedFlag | None:
    """The most urgent warning sign in ``text``, by the shipped content's signs."""
    return _shipped_check().find(text)


def is_red_flag(text: str) -> bool:
    return check(text) is not None

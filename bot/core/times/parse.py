"""Reading the times people type, with an answer for every way it can go wrong.

Accepted: 24-hour ``HH:MM`` or ``H:MM`` (``7:30``), and 12-hour with am/pm
(``7pm``, ``7:30 pm``, ``12am``): the confirmation always repeats the time as
24-hour ``HH:MM``, so nothing stays ambiguous. A bare hour (``7``) is refused,
because it could mean 07:00 or 19:00.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from typing import Literal

from bot.content.reminders import TimeProblems
from bot.core.markup import Markup, fill, quote

TimeProblem = Literal[
    "hour_24", "out_of_range", "bare_hour", "unreadable", "duplicate", "too_many", "missing"
]

_CLOCK = re.compile(r"^(\d{1,2})[:.h](\d{2})$", re.ASCII)
_TWELVE = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?$", re.ASCII)


class TimeInputError(ValueError):
    """What is wrong with a typed time; ``problem`` picks the wording in content."""

    def __init__(self, problem: TimeProblem, typed: str = "") -> None:
        super().__init__(f"{problem}: {typed}")
        self.problem = problem
        self.typed = typed


def parse_time(typed: str) -> time:
    # NFKC, as for every typed number (bot.core.typed): "０７：３０" is 07:30.
    text = unicodedata.normalize("NFKC", typed).strip().casefold()
    twelve = _TWELVE.match(text)
    if twelve:
        hour, minute = int(twelve.group(1)), int(twelve.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise TimeInputError("out_of_range", typed)
        hour = hour % 12 + (12 if twelve.group(3) == "p" else 0)
        return time(hour, minute)
    clock = _CLOCK.match(text)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        if hour == 24 and minute == 0:
            raise TimeInputError("hour_24", typed)
        if hour > 23 or minute > 59:
            raise TimeInputError("out_of_range", typed)
        return time(hour, minute)
    if text.isascii() and text.isdigit():
        raise TimeInputError("bare_hour", typed)
    raise TimeInputError("unreadable", typed)


def split_times(text: str) -> list[str]:
    """Split typed times, keeping ``7 pm`` together and allowing commas."""
    words = text.replace(",", " ").split()
    parts: list[str] = []
    for word in words:
        if parts and re.fullmatch(r"[ap]\.?m\.?", word.casefold()):
            parts[-1] += word
        else:
            parts.append(word)
    return parts


def parse_times(text: str, *, limit: int) -> tuple[time, ...]:
    """Distinct times in ascending order, from one to ``limit`` of them."""
    typed = split_times(text)
    if not typed:
        raise TimeInputError("missing")
    if len(typed) > limit:
        raise TimeInputError("too_many", " ".join(typed))
    parsed: list[time] = []
    for word in typed:
        moment = parse_time(word)
        if moment in parsed:
            raise TimeInputError("duplicate", word)
        parsed.append(moment)
    return tuple(sorted(parsed))


def time_problem(problems: TimeProblems, error: TimeInputError) -> Markup:
    """What to say about a time that could not be read, quoting what was typed."""
    return fill(getattr(problems, error.problem), typed=quote(error.typed))

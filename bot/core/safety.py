"""Red-flag triage: warning signs that need a doctor, never an exercise.

Runs before any FAQ matching. A first keyword check; the answers issue
extends it with negation handling and a wider vocabulary.
"""

from __future__ import annotations

import re

_RED_FLAGS = [
    r"\b(bladder|bowel|incontinen\w*|wet myself|pee myself|poop myself)\b",
    r"\bnumb\w*\b.*\b(groin|saddle|genital\w*|buttock\w*|between my legs)\b",
    r"\b(groin|saddle|genital\w*|buttock\w*)\b.*\bnumb\w*\b",
    r"\bcan'?t feel my (groin|legs?|feet|foot)\b",
    r"\blegs? (are |is )?(getting |going )?(weak|weaker)\b",
    r"\bfever\b",
    r"\b(fell|fall|accident|crash)\b",
    r"\bcancer\b",
    r"\bweight loss\b|\blosing weight\b",
]
_PATTERN = re.compile("|".join(f"(?:{p})" for p in _RED_FLAGS), re.IGNORECASE)


def is_red_flag(text: str) -> bool:
    return _PATTERN.search(text) is not None

"""Red-flag triage: warning signs that need a doctor, never an exercise.

Runs before any FAQ matching, on every free-text message and on pain reports
during exercises. The signs and the ways people describe them are data
(``content/safety.yaml``); this module reads a message the way the matcher
does (:func:`bot.core.faq.normalise`), corrects misspellings of the key words,
and skips a sign that a negation in the same clause governs ("no numbness",
"I don't have a fever"). Recall comes first: uncertainty ("not sure if it's
numb") still counts as the sign.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.content import Safety, load_content
from bot.core.faq.normalise import CLAUSE_MARK, normalise

NEGATIONS = frozenset(["no", "not", "never", "without", "nor", "neither", "none", "denies", "zero"])
NOT_NEGATING_NEXT = frozenset(["sure", "certain", "know", "knowing", "only", "longer", "idea"])
"""After a negation word these make it doubt, not denial: "not sure", "no longer", "no idea"."""
CLAUSE_BREAKS = frozenset([CLAUSE_MARK, "but", "though", "although", "however", "except", "yet"])
NEW_CLAUSE_AFTER_AND = frozenset(["i", "my", "now", "it", "then", "also", "since", "lately"])
NEGATION_SCOPE = 6
"""How many words before a sign a negation word may stand and still govern it."""
DENIED_AFTER = re.compile(r"^(\w+ ){0,3}(is|are|seems?|feels?|been) (fine|normal|ok|okay|good)\b")
"""A sign followed by "... is fine" is reported as normal ("bladder and bowels are fine")."""
MIN_TYPO_LENGTH = 4
PROTECTED = frozenset(
    ["never", "bowl", "fewer", "cancel", "cancels", "trapped", "temperate", "groan"]
)
"""Real words one edit away from a key word that must not be "corrected" into it."""


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    about: str


class RedFlagCheck:
    """Finds the first sign in a message that no negation governs."""

    def __init__(self, safety: Safety) -> None:
        self._signs = [
            (RedFlag(sign.id, sign.about), [re.compile(p) for p in sign.patterns])
            for sign in safety.signs
        ]
        self._targets = list(safety.typo_targets)
        self._known = frozenset(self._targets)
        # A turn asks about the same message more than once (is a session to stop?
        # what to answer?), and people reuse words: both are remembered, bounded.
        self._found = lru_cache(maxsize=256)(self._find)
        self._corrected = lru_cache(maxsize=8192)(self._correct)

    def find(self, text: str) -> RedFlag | None:
        return self._found(text)

    def _find(self, text: str) -> RedFlag | None:
        tokens = [self._corrected(token) for token in normalise(text).split()]
        line = " ".join(tokens)
        for flag, patterns in self._signs:
            for pattern in patterns:
                position = 0
                while (found := pattern.search(line, position)) is not None:
                    if not self._negated(tokens, line, found):
                        return flag
                    position = found.start() + 1
        return None

    def _correct(self, token: str) -> str:
        if len(token) < MIN_TYPO_LENGTH or token in self._known or token in PROTECTED:
            return token
        limit = 2 if len(token) >= 8 else 1
        best = process.extractOne(token, self._targets, scorer=OSA.distance, score_cutoff=limit)
        if best is None or best[0][0] != token[0]:
            return token
        return str(best[0])

    @staticmethod
    def _negated(tokens: list[str], line: str, found: re.Match[str]) -> bool:
        if DENIED_AFTER.match(line[found.end() :].lstrip()):
            return True
        start = line.count(" ", 0, found.start())
        for index in range(start - 1, max(start - NEGATION_SCOPE, 0) - 1, -1):
            word = tokens[index]
            if word in CLAUSE_BREAKS:
                return False
            if word == "and" and tokens[index + 1] in NEW_CLAUSE_AFTER_AND:
                return False
            if word in NEGATIONS:
                return tokens[index + 1] not in NOT_NEGATING_NEXT
        return False


@cache
def _shipped_check() -> RedFlagCheck:
    return RedFlagCheck(load_content().safety)


def check(text: str) -> RedFlag | None:
    """The first warning sign in ``text``, by the shipped content's signs."""
    return _shipped_check().find(text)


def is_red_flag(text: str) -> bool:
    return check(text) is not None

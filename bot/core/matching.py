"""Ranks FAQ entries for a message.

A first, simple matcher: normalised word overlap weighted by rarity (IDF)
against each entry's question and phrasings. The answers issue replaces it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from bot.content import FaqBook, FaqEntry

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "it",
        "its",
        "are",
        "do",
        "does",
        "did",
        "to",
        "of",
        "in",
        "on",
        "for",
        "and",
        "or",
        "my",
        "me",
        "i",
        "you",
        "your",
        "can",
        "how",
        "what",
        "which",
        "with",
        "if",
        "be",
        "should",
        "will",
        "at",
        "this",
        "that",
    ]
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower().replace("’", "'").replace("'", "")


def stem(word: str) -> str:
    for suffix in ("ening", "ing", "ers", "er", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(normalise(text)) if w not in _STOP]


@dataclass(frozen=True, slots=True)
class Match:
    entry: FaqEntry
    score: float
    """0..1: the share of the message's weight that the entry explains."""


class FaqMatcher:
    def __init__(self, faq: FaqBook) -> None:
        self.faq = faq
        docs = [self._document(entry) for entry in faq.entries]
        frequency: Counter[str] = Counter()
        for doc in docs:
            frequency.update(set(doc))
        total = len(docs)
        self._idf = {t: math.log(1 + total / n) for t, n in frequency.items()}
        self._docs = [(entry, set(doc)) for entry, doc in zip(faq.entries, docs, strict=True)]

    @staticmethod
    def _document(entry: FaqEntry) -> list[str]:
        words = terms(entry.question)
        for phrasing in entry.phrasings:
            words += terms(phrasing)
        return words

    def rank(self, text: str, limit: int = 3) -> list[Match]:
        query = set(terms(text))
        unknown_weight = 1.0
        weight = sum(self._idf.get(t, unknown_weight) for t in query)
        if not weight:
            return []
        scored = [
            Match(entry, sum(self._idf[t] for t in query & doc) / weight)
            for entry, doc in self._docs
        ]
        scored.sort(key=lambda m: m.score, reverse=True)
        return [m for m in scored[:limit] if m.score > 0]

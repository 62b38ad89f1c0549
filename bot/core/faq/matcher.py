"""Ranks FAQ entries for a message.

Every entry is described by several short texts (its question and the curated
phrasings in ``content/faq.yaml``) and, more weakly, by its answer. A message is
compared with each text by a rarity-weighted overlap of terms (see
:mod:`bot.core.faq.terms`); words the FAQ has never seen weigh against a
match, which is what lets off-topic messages fall below the threshold.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.content import FaqBook, FaqEntry
from bot.core.faq.terms import Analyzer, stem
from bot.core.faq.vocabulary import ANCHORS, ELSEWHERE, OFF_TOPIC

UNKNOWN_WEIGHT = 2.0
"""Weight of a message term no entry mentions: as telling as a rare known term."""
OFF_TOPIC_WEIGHT = 8.0
"""Weight of an unknown term from :data:`OFF_TOPIC`: strong evidence of another subject."""
NO_ANCHOR_FACTOR = 0.8
"""Scales the score of a message that names nothing of the article's subject."""
ANSWER_WEIGHT = 0.5
"""How much a term found only in an entry's answer counts, against its question."""
BEST_TEXT_SHARE = 0.7
"""The score blends the closest single text (this share) with the entry as a whole."""
NOT_THE_BACK = re.compile(
    r"\b(go|goes|going|went|gone|get|gets|getting|got|come|comes|coming|came|bounce|bouncing"
    r"|bring|brought|head|heading|ease|easing|ever|fight|fighting|way)( \w+)? back\b"
    r"|\bback (home|again|on court|on track|to normal|to (running|training|work|the gym))\b"
    r"|\bbacking\b|\b(the|my|his|her)? ?back( is|'s| s| has been| feels| was)"
    r"( absolutely| totally| completely| perfectly| actually)? (fine|ok|okay|good|great)\b"
    r"|\b(not|never) (my|the) back\b"
)
""""back" that is no back in trouble: "go back to running", "backing off", "my back's
fine, it's just the calves": beside another part of the body, the message is about that."""


@dataclass(frozen=True, slots=True)
class Match:
    entry: FaqEntry
    score: float
    """0..1: how closely the entry's best text and its whole vocabulary cover the message."""


@dataclass(frozen=True, slots=True)
class _Described:
    entry: FaqEntry
    texts: tuple[tuple[frozenset[str], float], ...]
    """Each text's terms with their total weight (fixed once the vocabulary is known)."""
    pool: dict[str, float]
    """Every term of the entry with how much it counts (1 in a text, less in the answer)."""


class FaqMatcher:
    def __init__(self, faq: FaqBook) -> None:
        self.entries = faq.entries
        self.analyzer = Analyzer(
            text
            for entry in faq.entries
            for text in (entry.question, entry.answer, *entry.phrasings)
        )
        described = [self._terms_of(entry) for entry in faq.entries]
        frequency: Counter[str] = Counter()
        for _entry, _texts, pool in described:
            frequency.update(pool)
        total = len(described)
        self._idf = {term: math.log(1 + total / n) for term, n in frequency.items()}
        asked_about = {term for _e, texts, _p in described for text in texts for term in text}
        self._off_topic = frozenset(stem(word) for word in OFF_TOPIC) - asked_about
        self._elsewhere = frozenset(stem(word) for word in ELSEWHERE)
        self._entries = [
            _Described(entry, tuple((text, self._total(text)) for text in texts), pool)
            for entry, texts, pool in described
        ]
        # Where each term occurs: a message is scored only against entries sharing a term.
        self._in_texts: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._in_pools: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, entry in enumerate(self._entries):
            for position, (text, _weight) in enumerate(entry.texts):
                for term in text:
                    self._in_texts[term].append((index, position))
            for term, share in entry.pool.items():
                self._in_pools[term].append((index, share))

    def _terms_of(
        self, entry: FaqEntry
    ) -> tuple[FaqEntry, tuple[frozenset[str], ...], dict[str, float]]:
        texts = tuple(
            frozenset(self.analyzer.terms(text)) for text in (entry.question, *entry.phrasings)
        )
        pool = dict.fromkeys(self.analyzer.terms(entry.answer), ANSWER_WEIGHT)
        for text in texts:
            pool.update(dict.fromkeys(text, 1.0))
        return entry, texts, pool

    def _total(self, terms: frozenset[str] | set[str]) -> float:
        return sum(self.weight(t) for t in terms)

    def weight(self, term: str) -> float:
        if term in self._off_topic:
            return OFF_TOPIC_WEIGHT
        return self._idf.get(term, UNKNOWN_WEIGHT)

    def elsewhere(self, text: str) -> bool:
        """Whether the message is about something else: another body part and not the back
        ("my knee hurts when I walk"), or another subject and nothing of the article's."""
        terms = set(self.analyzer.terms(text))
        if terms & self._elsewhere and "back" not in self.analyzer.terms(
            NOT_THE_BACK.sub(" ", text.casefold())
        ):
            return True
        return bool(terms & self._off_topic) and not terms & ANCHORS

    def rank(self, text: str, limit: int = 3) -> list[Match]:
        """The best ``limit`` entries with a score above zero, best first.

        An entry's score blends its closest text (the Dice overlap of weighted
        terms) with how much of the message its whole vocabulary covers.
        """
        weights = {term: self.weight(term) for term in set(self.analyzer.terms(text))}
        if "back" not in weights:  # "my knee hurts when I walk" is about a knee
            weights.update(dict.fromkeys(weights.keys() & self._elsewhere, OFF_TOPIC_WEIGHT))
        query_weight = sum(weights.values())
        if not query_weight:
            return []
        scale = 1.0 if weights.keys() & ANCHORS else NO_ANCHOR_FACTOR
        shared: dict[tuple[int, int], float] = defaultdict(float)
        covered: dict[int, float] = defaultdict(float)
        for term, weight in weights.items():
            for text_at in self._in_texts.get(term, ()):
                shared[text_at] += weight
            for index, share in self._in_pools.get(term, ()):
                covered[index] += weight * share
        best_text: dict[int, float] = {}
        for (index, position), overlap in shared.items():
            closeness = 2 * overlap / (query_weight + self._entries[index].texts[position][1])
            best_text[index] = max(best_text.get(index, 0.0), closeness)
        scored = [
            Match(
                self._entries[index].entry,
                scale
                * (
                    BEST_TEXT_SHARE * best_text.get(index, 0.0)
                    + (1 - BEST_TEXT_SHARE) * coverage / query_weight
                ),
            )
            for index, coverage in sorted(covered.items())
        ]
        scored.sort(key=lambda m: m.score, reverse=True)
        return [m for m in scored[:limit] if m.score > 0]

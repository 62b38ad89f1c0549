"""From normalised words to the terms the matcher compares.

Each word is typo-corrected against the vocabulary the FAQ knows, stemmed
(Snowball), and mapped through the domain's synonyms to a concept, so that
"sore lumbar", "lower back aches" and "low bak hurting" share their terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib.resources import files

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.faq.normalise import CLAUSE_MARK, normalise
from bot.core.faq.vocabulary import PHRASES, STOPWORDS, SYNONYMS

DENYING = frozenset(["no", "without"])
"""What follows these up to the clause's end is what the message is *not* about
("no numbness, just wondering ..."), so it is left out of the terms."""
MIN_TYPO_LENGTH = 4
"""Shorter words are too easily another real word to correct."""
LONG_WORD = 8
"""From this length two edits are tolerated, below it one."""

_PHRASE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, PHRASES), key=len)[::-1]) + r")\b")
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


_CONCEPTS: dict[str, tuple[str, ...]] = {
    **{stem(word): concepts for word, concepts in SYNONYMS.items()},
    **SYNONYMS,
}


def concepts(word: str) -> tuple[str, ...]:
    """The concepts a (correctly spelled) word stands for; stopwords stand for none."""
    if word in STOPWORDS:
        return ()
    found = _CONCEPTS.get(word)
    if found is not None:
        return found
    stemmed = stem(word)
    return _CONCEPTS.get(stemmed, (stemmed,))


@cache
def common_words() -> frozenset[str]:
    """Real English words (``common_words.txt``): never typos, whatever they resemble."""
    text = files(__package__).joinpath("common_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


class Analyzer:
    """Turns text into terms, correcting typos toward a known vocabulary."""

    def __init__(self, known_texts: Iterable[str]) -> None:
        vocabulary = set(STOPWORDS) | set(SYNONYMS)
        for phrase, replacement in PHRASES.items():
            vocabulary.update(phrase.split())
            vocabulary.update(replacement.split())
        for text in known_texts:
            vocabulary.update(normalise(text).split())
        self.vocabulary = frozenset(vocabulary)
        self._choices = sorted(w for w in vocabulary if w.isalpha() and len(w) >= 3)
        self._real = common_words()
        self.correct = lru_cache(maxsize=8192)(self._correct)

    def _correct(self, word: str) -> str:
        """The vocabulary word ``word`` misspells, or ``word`` itself.

        Only a word that is neither known to the FAQ nor a common English word is
        corrected: "week" one edit from "weak" is still a week.
        """
        if word in self.vocabulary or len(word) < MIN_TYPO_LENGTH or not word.isalpha():
            return word
        if word + "g" in self.vocabulary:
            return word + "g"  # "walkin", "hurtin": a dropped g, not another word
        if word in self._real:
            return word
        limit = 2 if len(word) >= LONG_WORD else 1
        best = process.extractOne(word, self._choices, scorer=OSA.distance, score_cutoff=limit)
        return best[0] if best is not None else word

    def terms(self, text: str) -> list[str]:
        """The message's terms, in order, duplicates kept."""
        corrected = " ".join(self.correct(w) for w in normalise(text).split())
        rewritten = _PHRASE.sub(lambda m: PHRASES[m.group(1)], corrected)
        found: list[str] = []
        denied = False
        for word in rewritten.split():
            if word == CLAUSE_MARK or word in DENYING:
                denied = word in DENYING
            elif not denied:
                found.extend(concepts(word))
        return found

"""A message read once: its sentences, the parts that ask, and their vectors.

People tell their story first and ask last, and a warning sign can sit in any
sentence of a long post. The whole message is embedded together with each of its
sentences and each asking passage (a question with the sentence before it, which
often names what "it" is), in one batch, and both the FAQ ranking and the
red-flag check read the same vectors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.core.semantic.encoder import DIMENSIONS, Vectors
from bot.core.semantic.vectors import MessageVectors, Wholes

MAX_SENTENCES = 24
"""Sentences read one by one, from the start and from the end of a very long message."""
MAX_ASKING = 6
"""Asking passages read, the last ones: a question is usually asked near the end."""
MIN_SENTENCE_WORDS = 3
"""Shorter fragments ("Thanks.", "Help!") say too little to compare on their own."""
QUESTION_WORDS = frozenset(
    {"how", "what", "which", "why", "when", "where", "who", "does", "do", "did", "is", "are",
     "can", "could", "should", "would", "will", "any", "anything", "whats", "hows", "shall"}
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.?!;])\s+|\n+|(?<=[.?!])(?=[A-Z])|\s+\.{3}\s+|\s+…\s*")
READING_RULES = f"{_SENTENCE_END.pattern} {MAX_SENTENCES} {MIN_SENTENCE_WORDS}"
"""How messages are split and kept: a cache of messages read by other rules is stale."""


def every_sentence(text: str) -> list[str]:
    """All the sentences of ``text``, however many."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


@lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of ``text``; a very long message keeps its first and last ones."""
    found = every_sentence(text)
    if len(found) > MAX_SENTENCES:
        half = MAX_SENTENCES // 2
        found = found[:half] + found[-half:]
    return tuple(found)


def weighted_sentences(text: str) -> tuple[tuple[str, ...], list[float]]:
    """The parts a message's whole vector is the mean of, and their weights: its
    sentences by their words, or the message itself when it is one sentence."""
    found = sentences(text)
    if len(found) <= 1:
        return (text,), [1.0]
    return found, [float(len(s.split())) for s in found]


REQUEST = re.compile(
    r"\b(i( a|')?m (looking|hoping|after)|looking for"
    r"|(i|we|she|he)( would|'d)? (want|need|like|love)s?"
    r"|(any|some) (advice|tips|suggestions|ideas|recommendations|pointers|thoughts)"
    r"|(please|pls|plz) (help|advise|suggest|recommend|tell|share)|recommend|suggestions?"
    r"|(find|found|figure) out (which|what|how|whether|if)|wondering (if|whether|what|which|how)"
    r"|(tell|show) (me|us) (which|what|how|why)|help me|appreciate (any|some|your))\b"
)
"""A request told as a statement, as forum posts ask: "I want something simple.", "She's
asked me to find out which are the three most worthwhile exercises"."""


def asks(sentence: str) -> bool:
    words = sentence.casefold().split()
    return sentence.rstrip().endswith("?") or (bool(words) and words[0] in QUESTION_WORDS)


def requests(sentence: str) -> bool:
    """Whether the sentence asks without a question: a request or a wish told."""
    return REQUEST.search(sentence.casefold()) is not None


@dataclass(frozen=True, slots=True)
class Reading:
    text: str
    parts: tuple[str, ...]
    """The whole message first, then its sentences, then its asking passages."""
    vectors: Vectors
    sentence_count: int
    """How many of ``parts`` (after the whole) are single sentences."""

    @property
    def whole(self) -> Vectors:
        return self.vectors[:1]

    @property
    def sentence_vectors(self) -> Vectors:
        return self.vectors[1 : 1 + self.sentence_count]

    @property
    def asking_vectors(self) -> Vectors:
        """The parts that ask: asking passages, or the last two sentences if none asks."""
        return self.vectors[1 + self.sentence_count :]


class Reader:
    """Reads messages with an embedding function (an :class:`Encoder`'s, or a cache's)."""

    def __init__(
        self, embed: Callable[[Sequence[str]], Vectors], messages: MessageVectors | None = None
    ) -> None:
        """``messages`` caches :meth:`wholes` for the content's learnt messages."""
        self.embed = embed
        self.messages = messages
        self.read = lru_cache(maxsize=256)(self._read)

    def _read(self, text: str) -> Reading:
        found, words = weighted_sentences(text)
        if len(found) == 1:
            vectors = np.array(self.embed([text]))
            vectors.setflags(write=False)
            return Reading(text, (text,), vectors, 0)
        kept_at = _kept(found)
        kept = [found[i] for i in kept_at]
        asking: list[tuple[int, ...]] = []
        for index, sentence in enumerate(found):
            if asks(sentence) or requests(sentence):
                asking.append((index,))
                if index:
                    asking.append((index - 1, index))
        asking = asking[-MAX_ASKING:] or [tuple(range(len(found)))[-2:]]
        # Each sentence is embedded once; the whole message and the passages of two
        # sentences are their word-weighted means. Embedding them again would read
        # every token two or three times for little gain (bench/faq_eval.py).
        vectors = self.embed(found)
        weights = np.array(words, dtype=np.float32)
        whole = _weighted_means(weights[None], vectors[None])
        kept_vectors = vectors[kept_at]
        asked = [_weighted_means(weights[None, span], vectors[None, span]) for span in asking]
        parts = (text, *kept, *(" ".join(found[i] for i in span) for span in asking))
        stacked = np.vstack([whole, kept_vectors, *asked])
        stacked.setflags(write=False)  # shared through the cache
        return Reading(text, parts, stacked, len(kept))

    def wholes(self, texts: Sequence[str], *, sentences: bool = True) -> tuple[Vectors, Vectors]:
        """The vectors :meth:`read` gives as ``whole`` for each text (one row each, in
        order), and every text's ``sentence_vectors`` stacked: the meaning reader reads
        thousands of learnt messages at every start. They come from the message cache
        where there is one; the others' sentences are looked up with one call to
        ``embed`` and summed per message at once. ``sentences=False``: the whole vectors
        only (the sentences come back empty), and the cache keeps none for these."""
        read = self.read_all(texts, sentences=sentences)
        return read.whole, read.kept if sentences else read.kept[:0]

    def read_all(self, texts: Sequence[str], *, sentences: bool = True) -> Wholes:
        """:meth:`wholes` with each text's count of sentences, from the message cache
        where there is one (see :meth:`wholes` for ``sentences``)."""
        if self.messages is not None:
            return self.messages.wholes(texts, self.read_wholes, sentences=sentences)
        return self.read_wholes(texts)

    def read_wholes(self, texts: Sequence[str]) -> Wholes:
        split = [weighted_sentences(text) for text in texts]
        unique = list(dict.fromkeys(part for found, _ in split for part in found))
        if not unique:
            empty = np.empty((0, DIMENSIONS), np.float32)
            return Wholes(empty, empty, np.zeros(0, dtype=np.int64))
        row = {part: index for index, part in enumerate(unique)}
        vectors = self.embed(unique)
        wholes = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
        by_count: dict[int, list[int]] = {}
        for index, (found, _) in enumerate(split):
            by_count.setdefault(len(found), []).append(index)
        for indices in by_count.values():  # a few dozen sums, not thousands
            rows = [[row[part] for part in split[i][0]] for i in indices]
            weights = np.array([split[i][1] for i in indices], dtype=np.float32)
            wholes[indices] = _weighted_means(weights, vectors[rows])
        kept_at = [_kept(found) if len(found) > 1 else [] for found, _ in split]
        kept = [row[found[i]] for (found, _), at in zip(split, kept_at, strict=True) for i in at]
        counts = np.array([len(at) for at in kept_at], dtype=np.int64)
        return Wholes(wholes, vectors[kept], counts)


def _kept(found: Sequence[str]) -> list[int]:
    """The sentences long enough to be compared on their own."""
    return [i for i, sentence in enumerate(found) if len(sentence.split()) >= MIN_SENTENCE_WORDS]


def _weighted_means(weights: Vectors, vectors: Vectors) -> Vectors:
    """Unit vectors of word-weighted means: row ``t`` weighs ``vectors[t]``'s sentences by
    ``weights[t]`` (a message's whole vector, or an asking passage's)."""
    means: Vectors = np.einsum("ts,tsd->td", weights, vectors)
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-9)
    return means

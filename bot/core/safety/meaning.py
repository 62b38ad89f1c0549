"""Warning signs found by their meaning: "peeing is hard" names no pattern's words.

Every sentence of a message (and the message as a whole) is compared with the
examples of each sign in ``content/understanding.yaml`` and with counter-examples:
every FAQ question, phrasing and example and every out-of-scope message, whole and
sentence by sentence. A part counts as a sign only when it is close to a sign's
example *and* clearly closer to it than to anything that is not a sign. A plain
similarity threshold would follow the topic rather than the sign, since nearly
every message here is about back pain; the contrast is what keeps "my back aches
after gardening" from looking like "my back aches and I can't pee".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.content import Content
from bot.core.semantic.reading import MIN_SENTENCE_WORDS, Reading, sentences
from bot.core.semantic.vectors import ContentVectors


@dataclass(frozen=True, slots=True)
class SignThresholds:
    similar: float
    """The least cosine with a sign's example for a part to count."""
    margin: float
    """How much closer to the sign's example than to any counter-example it must be."""


class SignMeaning:
    def __init__(
        self, content: Content, vectors: ContentVectors, thresholds: SignThresholds
    ) -> None:
        examples = content.understanding.signs
        self._signs = [sign for sign in examples for _ in examples[sign]]
        self._examples = vectors.of([text for sign in examples for text in examples[sign]])
        self._counter = vectors.of(_counter_examples(content))
        self.thresholds = thresholds

    def find(self, reading: Reading) -> str | None:
        """The sign whose example the closest qualifying part resembles, if any."""
        if not self._signs:
            return None
        parts = np.vstack([reading.whole, reading.sentence_vectors])
        to_signs = parts @ self._examples.T
        closest = to_signs.argmax(axis=1)
        sign_similarity = to_signs[np.arange(len(parts)), closest]
        counter_similarity = (parts @ self._counter.T).max(axis=1)
        qualifies = (sign_similarity >= self.thresholds.similar) & (
            sign_similarity - counter_similarity >= self.thresholds.margin
        )
        if not qualifies.any():
            return None
        best = int(np.argmax(np.where(qualifies, sign_similarity, -1.0)))
        return self._signs[int(closest[best])]


def _counter_examples(content: Content) -> list[str]:
    """Everything that is not a sign: whole messages, and the sentences of long ones."""
    whole: list[str] = []
    for entry in content.faq.entries:
        whole.extend((entry.question, *entry.phrasings))
    for examples in content.understanding.faq.values():
        whole.extend(examples)
    whole.extend(content.understanding.out_of_scope)
    parts = list(whole)
    for text in whole:
        found = [s for s in sentences(text) if len(s.split()) >= MIN_SENTENCE_WORDS]
        if len(found) > 1:
            parts.extend(found)
    return parts

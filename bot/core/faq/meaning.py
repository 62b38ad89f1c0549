"""How close a message is in meaning to each FAQ entry, and to what no entry answers.

Each entry is described by its question, its phrasings and the examples of
``content/understanding.yaml``; a message part's similarity to an entry is its
cosine with the closest of those texts (nearest neighbour, so one good example
is enough). Messages no heading answers are described the same way, as one more
"entry": the ranking weighs them against the FAQ instead of trusting a fixed
threshold alone.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from bot.content import Content
from bot.core.semantic.encoder import Vectors
from bot.core.semantic.vectors import ContentVectors

Scores = npt.NDArray[np.float32]


class FaqMeaning:
    def __init__(self, content: Content, vectors: ContentVectors) -> None:
        examples = content.understanding.faq
        texts: list[str] = []
        starts: list[int] = []
        for entry in content.faq.entries:
            starts.append(len(texts))
            texts.extend((entry.question, *entry.phrasings, *examples.get(entry.id, ())))
        self._matrix = vectors.of(texts)
        self._starts = np.array(starts)
        outside = content.understanding.out_of_scope
        self._outside = vectors.of(outside) if outside else None

    def entries(self, parts: Vectors) -> Scores:
        """Parts × entries: each part's cosine with each entry's closest text."""
        similarity = parts @ self._matrix.T
        return np.maximum.reduceat(similarity, self._starts, axis=1)

    def outside(self, parts: Vectors) -> Scores:
        """Each part's cosine with the closest message no entry answers (0 if none known)."""
        if self._outside is None:
            return np.zeros(len(parts), dtype=np.float32)
        return (parts @ self._outside.T).max(axis=1)

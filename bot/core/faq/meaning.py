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
from bot.core.semantic.reading import Reader

Scores = npt.NDArray[np.float32]


class FaqMeaning:
    def __init__(self, content: Content, reader: Reader) -> None:
        """``reader`` embeds the content's texts through the vector cache. An example is
        embedded whole: measured against embedding it sentence by sentence, as a message
        is, whole examples ranked long messages better (docs/understanding.md)."""
        examples = content.understanding.faq
        texts: list[str] = []
        starts: list[int] = []
        for entry in content.faq.entries:
            starts.append(len(texts))
            texts.extend((entry.question, *entry.phrasings, *examples.get(entry.id, ())))
        self._matrix = reader.embed(texts)
        self._starts = np.array(starts)
        self._rows = _rows_of(texts)
        outside = content.understanding.out_of_scope
        self._outside = reader.embed(outside) if outside else None
        self._outside_rows = _rows_of(outside)

    def entries(self, parts: Vectors, without: str | None = None) -> Scores:
        """Parts × entries: each part's cosine with each entry's closest text.

        ``without`` leaves one example out, so that calibration sees an example as
        the bot sees a new message (see :mod:`bot.core.faq.calibrate`).
        """
        similarity = parts @ self._matrix.T
        if without is not None:
            similarity[:, self._rows.get(without, [])] = -1.0
        return np.maximum.reduceat(similarity, self._starts, axis=1)

    def outside(self, parts: Vectors, without: str | None = None) -> Scores:
        """Each part's cosine with the closest message no entry answers (0 if none known)."""
        if self._outside is None:
            return np.zeros(len(parts), dtype=np.float32)
        similarity = parts @ self._outside.T
        if without is not None:
            similarity[:, self._outside_rows.get(without, [])] = -1.0
        closest: Scores = similarity.max(axis=1)
        return closest


def _rows_of(texts: list[str] | tuple[str, ...]) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        rows.setdefault(text, []).append(index)
    return rows

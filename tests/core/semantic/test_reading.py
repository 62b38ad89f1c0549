"""Many messages read at once give what reading each one gives."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from bot.core.semantic.encoder import Vectors
from bot.core.semantic.reading import Reader


def _embed(texts: Sequence[str]) -> Vectors:
    """A stand-in model: a fixed unit vector per text, whatever it is batched with."""
    rows = []
    for text in texts:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        row = np.random.default_rng(seed).standard_normal(8).astype(np.float32)
        rows.append(row / np.linalg.norm(row))
    return np.array(rows, dtype=np.float32)


def test_reading_many_messages_at_once_gives_what_reading_each_gives() -> None:
    texts = [
        "is walking good for a sore back?",
        "I lift at the gym. My back hurts after deadlifts. Thanks! Which stretch helps?",
        "Story first.\nThen more story, quite a lot of it.\nOk. And finally: can I walk?",
        "Help!",
        "I lift at the gym. Another message sharing a sentence with the second one.",
    ]
    reader = Reader(_embed)
    wholes, sentences = reader.wholes(texts)
    readings = [reader.read(text) for text in texts]
    np.testing.assert_allclose(wholes, np.vstack([r.whole for r in readings]), atol=1e-6)
    assert np.array_equal(sentences, np.vstack([r.sentence_vectors for r in readings]))


def test_each_message_gets_back_its_own_sentences() -> None:
    texts = [
        "I lift at the gym. My back hurts after deadlifts. Which stretch helps?",
        "Help!",
        "Story first, with words enough.\nOk. And finally: can I walk every day?",
    ]
    reader = Reader(_embed)
    by_message = reader.read_all(texts).sentences_by_message()
    assert [len(rows) for rows in by_message] == [3, 0, 2]
    for text, rows in zip(texts, by_message, strict=True):
        assert np.array_equal(rows, reader.read(text).sentence_vectors)
    assert Reader(_embed).read_all([]).sentences_by_message() == []


def test_a_request_told_as_a_statement_is_an_asking_part() -> None:
    """Forum posts often ask without a question mark: "I want three exercises ...", "she
    asked me to find out which ...". The ranking leans on the asking parts of a long
    story, so such a sentence must be one of them, not the last two sentences by default."""
    story = (
        "I stand behind a coffee machine eight hours a day. My back is cooked by the end of "
        "a shift. I want three simple exercises that strengthen the back. My mate says lift "
        "heavy. He is no role model. Thanks for reading all this."
    )
    reading = Reader(_embed).read(story)
    asking = reading.parts[1 + reading.sentence_count :]
    assert any("I want three simple exercises" in part for part in asking), asking
    assert not any("coffee machine" in part for part in asking), asking

"""The content's vector cache: small enough to ship, faithful enough to change no answer."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.core.semantic.encoder import shipped_encoder
from bot.core.semantic.reading import READING_RULES, Reader
from bot.core.semantic.vectors import (
    UNITS_BLOCK,
    ContentVectors,
    MessageVectors,
    _units,
    model_id,
    quantised,
    text_key,
)

TEXTS = [
    "my back aches after gardening",
    "my back aches and I can't pee",
    "which stretches help a stiff lower back",
    "is walking good for a weak back",
]


COSINE_TOLERANCE = 3e-3
"""Well below the margins the readers decide by (the warning signs' is 0.055)."""


def test_a_quantised_vector_keeps_its_cosines_within_a_tenth_of_any_margin() -> None:
    vectors = shipped_encoder().embed(TEXTS)
    codes, scales = quantised(vectors)
    assert codes.dtype == np.int8 and codes.nbytes == vectors.nbytes // 4
    restored = codes.astype(np.float32) * scales
    restored /= np.linalg.norm(restored, axis=1, keepdims=True)
    assert np.abs(restored @ restored.T - vectors @ vectors.T).max() < COSINE_TOLERANCE


def test_a_saved_cache_gives_back_what_it_was_given(tmp_path: Path) -> None:
    written = ContentVectors(shipped_encoder(), tmp_path)
    fresh = written.of(TEXTS)
    written.save()
    read = ContentVectors(shipped_encoder(), tmp_path)
    again = read.of(TEXTS)
    assert read.missing == 0  # nothing embedded anew
    assert np.abs(again @ again.T - fresh @ fresh.T).max() < COSINE_TOLERANCE


def test_a_cache_in_an_older_format_is_ignored_and_the_texts_embedded_again(
    tmp_path: Path,
) -> None:
    old = shipped_encoder().embed(TEXTS[:1]).astype(np.float16)  # before round 9: float16
    np.savez_compressed(
        tmp_path / "vectors.npz",
        model=np.array(model_id()),
        keys=np.array([text_key(TEXTS[0])]),
        vectors=old,
    )
    vectors = ContentVectors(shipped_encoder(), tmp_path)
    vectors.of(TEXTS[:1])
    assert vectors.missing == 1


MESSAGES = [
    "my back aches after gardening. Which stretch helps? Thanks!",
    "Long story. I lift at the gym and my back hurts after deadlifts. Can I still walk?",
    "is walking good for a weak back",
]


def test_learnt_messages_read_from_their_cache_are_read_as_the_reader_reads_them(
    tmp_path: Path,
) -> None:
    """The meaning reader's arrays come from the cache at every start: they must be the
    ones reading each message gives, and a message the cache lacks is read at load."""
    embed = ContentVectors(shipped_encoder(), tmp_path).of
    written = MessageVectors(tmp_path, READING_RULES)
    fresh = Reader(embed, written).wholes(MESSAGES[:2])
    written.save()
    cached = MessageVectors(tmp_path, READING_RULES)
    whole, kept = Reader(embed, cached).wholes(MESSAGES)
    assert cached.missing == 1  # only the message the cache did not hold was read
    plain_whole, plain_kept = Reader(embed).wholes(MESSAGES)
    assert whole.shape == plain_whole.shape and kept.shape == plain_kept.shape
    assert np.abs(whole @ plain_whole.T - plain_whole @ plain_whole.T).max() < COSINE_TOLERANCE
    assert np.abs(kept @ plain_kept.T - plain_kept @ plain_kept.T).max() < COSINE_TOLERANCE
    assert np.abs(fresh[0] - plain_whole[:2]).max() < 1e-5


def test_learnt_messages_cached_under_other_reading_rules_are_read_again(tmp_path: Path) -> None:
    embed = ContentVectors(shipped_encoder(), tmp_path).of
    written = MessageVectors(tmp_path, READING_RULES)
    Reader(embed, written).wholes(MESSAGES)
    written.save()
    other_rules = MessageVectors(tmp_path, READING_RULES + " and sentences of two words")
    Reader(embed, other_rules).wholes(MESSAGES)
    assert other_rules.missing == len(MESSAGES)


def test_messages_read_whole_only_are_cached_without_their_sentences(tmp_path: Path) -> None:
    """The meaning reader compares a learnt warning sign as a whole: its sentences would
    take a third of the shipped cache. Asked for later, they are read at load."""
    embed = ContentVectors(shipped_encoder(), tmp_path).of
    written = MessageVectors(tmp_path, READING_RULES)
    reader = Reader(embed, written)
    reader.wholes(MESSAGES[:1])
    whole_only, none = reader.wholes(MESSAGES[1:], sentences=False)
    assert len(whole_only) == 2 and len(none) == 0
    written.save()
    with np.load(tmp_path / "messages.npz") as saved:
        assert sorted(saved["counts"].tolist()) == [-1, -1, 2]  # the first: two sentences
        assert len(saved["kept_codes"]) == 2
    cached = MessageVectors(tmp_path, READING_RULES)
    whole, _ = Reader(embed, cached).wholes(MESSAGES[1:], sentences=False)
    assert cached.missing == 0
    assert np.abs(whole @ whole_only.T - whole_only @ whole_only.T).max() < COSINE_TOLERANCE
    _, sentences = Reader(embed, cached).wholes(MESSAGES[1:])
    assert cached.missing == 2 and len(sentences) == 2  # not "Long story.", nor a one-liner


def test_cached_rows_come_back_as_the_unit_vectors_a_plain_division_gives() -> None:
    """The cache is normalised a block of rows at a time (a temporary of the whole cache
    cost 0.25 s per start); a row in the last, partial block is divided like the first."""
    rows = UNITS_BLOCK * 2 + 7
    codes = np.random.default_rng(7).integers(-127, 128, (rows, 384), dtype=np.int8)
    scales = np.random.default_rng(8).uniform(1e-3, 1e-2, (rows, 1)).astype(np.float32)
    plain = np.multiply(codes, scales, dtype=np.float32)
    plain /= np.linalg.norm(plain, axis=1, keepdims=True)
    assert np.array_equal(_units(codes, scales), plain)

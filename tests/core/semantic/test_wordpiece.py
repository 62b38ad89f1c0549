"""Our WordPiece reads text exactly as Hugging Face's tokenizer, the model's own, does."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tokenizers import BertWordPieceTokenizer

from bot.core.semantic.encoder import MAX_TOKENS, MODEL_DIR, VOCABULARY_FILE
from bot.core.semantic.wordpiece import WordPiece

VOCABULARY = MODEL_DIR / VOCABULARY_FILE


@pytest.fixture(scope="module")
def ours() -> WordPiece:
    return WordPiece(VOCABULARY.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def reference() -> BertWordPieceTokenizer:
    tokenizer = BertWordPieceTokenizer(str(VOCABULARY), lowercase=True)
    tokenizer.enable_truncation(MAX_TOKENS)
    return tokenizer


@pytest.mark.parametrize(
    "text",
    [
        "How do I strengthen my lower back at home?",
        "my back hurts when i walk, should i keep walking??",
        "Héllo — naïve café: lower-back “pain” isn't fun… 😀 #sciatica @doc",
        "deadlifts tweaked my L4/L5 bro, 3x10 @ 80kg??",
        "日本語のテキストと English mixed",
        "zero\u200bwidth and\u00a0no-break spaces\ttabs\nnewlines",
        "private\ue000use and \U000f0000 more",
        "supercalifragilisticexpialidocious " * 3,
        "a" * 150,
        "",
    ],
)
def test_known_texts_give_the_reference_ids(
    ours: WordPiece, reference: BertWordPieceTokenizer, text: str
) -> None:
    assert ours.encode(text, MAX_TOKENS) == reference.encode(text).ids


def test_a_long_text_is_cut_to_the_model_length_and_still_closed(ours: WordPiece) -> None:
    ids = ours.encode("back pain " * 500, MAX_TOKENS)
    assert len(ids) == MAX_TOKENS
    assert ids[0] == ours.start and ids[-1] == ours.end


SPECIAL = ("[CLS]", "[SEP]", "[PAD]", "[MASK]", "[UNK]")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="latin-1"), max_size=80))
def test_any_latin_text_gives_the_reference_ids(text: str) -> None:
    # The reference reads "[SEP]" typed in a message as the model's own marker; ours
    # reads it as the five characters someone typed (next test).
    assume(not any(token.casefold() in text.casefold() for token in SPECIAL))
    ours = WordPiece(VOCABULARY.read_text(encoding="utf-8").splitlines())
    reference = BertWordPieceTokenizer(str(VOCABULARY), lowercase=True)
    assert ours.encode(text, MAX_TOKENS) == reference.encode(text).ids


@pytest.mark.parametrize("token", SPECIAL)
def test_a_marker_typed_in_a_message_is_read_as_text(ours: WordPiece, token: str) -> None:
    """A user cannot end the model's input early or pad it by typing its markers."""
    ids = ours.encode(f"my back {token} hurts", MAX_TOKENS)
    assert ids[0] == ours.start and ids[-1] == ours.end
    assert ours.start not in ids[1:-1] and ours.end not in ids[1:-1]
    assert len(ids) > len(ours.encode("my back hurts", MAX_TOKENS)) + 1

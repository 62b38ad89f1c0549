"""People type in every style; the matcher and the red-flag check read one form."""

from __future__ import annotations

import pytest

from bot.core.faq import normalise, words


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Does WALKING help?!", "does walking help"),
        ("squats 🤔🤔 bad for my back??", "squats bad for my back"),
        ("I don’t have a fever", "i do not have a fever"),
        ("i cant feel my groin", "i cannot feel my groin"),
        ("whats up w/ my lower-back", "what up with my lower back"),
        ("is ur back ok", "is your back ok"),
        ("Café crème", "cafe creme"),
        ("lbp again", "lower back pain again"),
    ],
)
def test_messages_are_read_in_one_plain_form(typed: str, read: str) -> None:
    assert " ".join(words(typed)) == read


def test_clause_breaks_are_kept_for_negation_scope() -> None:
    assert normalise("No numbness. But my legs — weak!") == "no numbness , but my legs , weak"


def test_empty_and_symbol_only_text_has_no_words() -> None:
    assert words("👍 ... !!") == []

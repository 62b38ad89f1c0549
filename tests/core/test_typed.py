"""One cleaning and one number reader for everything people type (bot.core.typed)."""

from __future__ import annotations

import pytest

from bot.core.events import ButtonPress, Chat, Command, Sender, TextMessage
from bot.core.markup import MAX_ECHO_CHARS, quote
from bot.core.typed import (
    MAX_INPUT_CHARS,
    MAX_NAME_CHARS,
    action_number,
    clean_event,
    clean_text,
    read_number,
    without_controls,
)

KIM = Sender("console", "1", "Kim")
HERE = Chat("console:1")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("20", 20),
        (" 20 ", 20),
        ("２０", 20),  # full-width
        ("²⁰", 20),  # superscript
        ("①", 1),  # circled
        ("007", 7),
        ("0", None),  # below the range
        ("301", None),  # above it
        ("9" * 5000, None),  # int() would refuse it (and be slow long before)
        ("٢٠", None),  # Arabic-Indic digits are digits, but not ASCII ones
        ("-5", None),
        ("+5", None),
        ("5.0", None),
        ("", None),
        ("twenty", None),
    ],
)
def test_a_typed_number_is_read_through_nfkc_as_ascii_digits_in_range(
    typed: str, expected: int | None
) -> None:
    assert read_number(typed, 1, 300) == expected


@pytest.mark.parametrize("forged", ["²", "①", "２", " 2", "2 ", "-1", "9" * 5000, "2147483648"])
def test_button_data_is_only_our_own_ascii_digits(forged: str) -> None:
    assert action_number(forged) is None
    assert action_number("2") == 2


def test_cleaning_removes_escape_sequences_bidi_and_zero_width_characters() -> None:
    assert clean_text("\x1b[31mred\x1b[0m") == "red"
    assert clean_text("\x1b]0;title\x07hi") == "hi"
    assert clean_text("evil\u202egnp.exe") == "evilgnp.exe"
    assert clean_text("a\u200bb\u200dc\ufeff") == "abc"
    assert clean_text("  line one\r\nline two\u2028three  ") == "line one\nline two\nthree"


def test_the_console_prints_no_control_characters_but_keeps_lines() -> None:
    assert without_controls("a\x1b[2J\x07b\n\tc\x9b31m") == "ab\n\tc"


@pytest.mark.parametrize("typed", ["／start", "\x00/start", "\u200b/start", "/ＳＴＡＲＴ"])
def test_a_disguised_command_is_the_command(typed: str) -> None:
    event, cut = clean_event(TextMessage(KIM, HERE, typed))
    assert event == Command(KIM, HERE, "start", "")
    assert not cut


def test_command_words_and_options_are_cleaned_and_capped() -> None:
    event, cut = clean_event(
        Command(KIM, HERE, "timezone", "x" * 6000, {"name": "\u202eWalkers\u200b", "days": 3})
    )
    assert isinstance(event, Command)
    assert len(event.args) == MAX_INPUT_CHARS and cut
    assert event.options == {"name": "Walkers", "days": 3}


def test_display_names_are_one_short_line_without_invisible_characters() -> None:
    sender = Sender("discord", "7", "\u202eAna\u200b\n" + "a" * 200)
    event, _ = clean_event(ButtonPress(sender, HERE, "faq:x"))
    assert event.sender.display_name.startswith("Ana a")
    assert len(event.sender.display_name) == MAX_NAME_CHARS


def test_an_echo_is_one_line_and_short() -> None:
    assert quote("Europe/\nBerlin") == "Europe/ Berlin"
    echoed = quote("x" * 6000)
    assert len(echoed) == MAX_ECHO_CHARS and echoed.endswith("…")

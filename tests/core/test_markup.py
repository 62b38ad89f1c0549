"""The core's markup: content parsing and splitting for platform limits."""

from __future__ import annotations

from bot.core.markup import Markup, Span, fill, split_markup


def test_content_bold_is_parsed_and_the_rest_stays_plain() -> None:
    markup = Markup.from_content("Walk **10–15 minutes** twice a day")
    assert markup.spans == (
        Span("Walk "),
        Span("10–15 minutes", "bold"),
        Span(" twice a day"),
    )


def test_user_text_is_one_plain_span_whatever_it_contains() -> None:
    markup = Markup.plain("**<b>@everyone</b>**")
    assert markup.spans == (Span("**<b>@everyone</b>**"),)


def test_short_text_is_not_split() -> None:
    assert split_markup(Markup.plain("hello"), 10) == [Markup.plain("hello")]


def test_split_prefers_paragraph_breaks_and_keeps_styles() -> None:
    first = "a" * 30
    second = "b" * 30
    markup = Markup.bold(first) + "\n\n" + Markup.plain(second)
    parts = split_markup(markup, 40)
    assert [p.text for p in parts] == [first, second]
    assert parts[0].spans[0].style == "bold"


def test_split_falls_back_to_spaces_then_hard_cuts() -> None:
    words = split_markup(Markup.plain("one two three four"), 9)
    assert [p.text for p in words] == ["one two", "three", "four"]
    hard = split_markup(Markup.plain("x" * 25), 10)
    assert [len(p.text) for p in hard] == [10, 10, 5]
    assert all(len(p.text) <= 10 for p in words + hard)


def test_plurals_follow_the_count_and_names_stay_as_typed() -> None:
    template = "{name}: {days} {days?day|days}"
    assert fill(template, name="Ana", days=1).text == "Ana: 1 day"
    assert fill(template, name="Ana", days=14).text == "Ana: 14 days"
    assert fill(template, name="{days?x|y}", days=0).text == "{days?x|y}: 0 days"
    assert fill("({minutes} {minutes?minute|minutes})", minutes=1).text == "(1 minute)"

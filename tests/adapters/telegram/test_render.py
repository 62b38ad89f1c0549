"""Rendering our markup as Telegram HTML and message-sized parts."""

from __future__ import annotations

from bot.adapters.telegram.render import TEXT_LIMIT, text_parts, to_html, utf16_length
from bot.core.markup import Markup
from tests.fakes.telegram_html import parse_html


def test_every_span_is_escaped_and_styled_only_by_its_style() -> None:
    markup = Markup.bold("a<b>") + Markup.italic("&") + Markup.code("<i>") + " x > y"
    html = to_html(markup)
    assert html == "<b>a&lt;b&gt;</b><i>&amp;</i><code>&lt;i&gt;</code> x &gt; y"
    assert parse_html(html).text == markup.text


def test_a_multi_line_code_span_becomes_a_pre_block() -> None:
    assert to_html(Markup.code('{\n  "a": 1\n}')) == '<pre>{\n  "a": 1\n}</pre>'


def test_emoji_count_twice_toward_the_limit() -> None:
    text = Markup.plain("🚶" * 3000)  # 3000 characters, 6000 UTF-16 code units
    parts = text_parts(text)
    assert len(parts) == 2
    assert all(utf16_length(part.text) <= TEXT_LIMIT for part in parts)
    assert "".join(part.text for part in parts) == text.text

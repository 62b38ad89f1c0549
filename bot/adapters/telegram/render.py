"""Our neutral messages as Telegram HTML, inline keyboards and message-sized parts.

Every string is escaped with :func:`html.escape`, whatever its origin: user
text, content, labels. Styles come only from :class:`~bot.core.markup.Span`
styles, so nothing a person types can become a tag.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import CallbackQueryLimit, InlineKeyboardButtonLimit, MessageLimit

from bot.core.markup import Markup, Span, split_markup
from bot.core.messages import Button, OutboundMessage

TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH
CALLBACK_DATA_LIMIT = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
ALERT_LIMIT = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH

_TAGS = {"bold": "b", "italic": "i"}
RENDERED_KEPT = 1024
"""Renderings kept by what they render: most replies are a few answers sent again and
again (and a PTB keyboard is immutable, so one serves every message that has it)."""


@lru_cache(maxsize=RENDERED_KEPT)
def to_html(markup: Markup) -> str:
    return "".join(_span_html(span) for span in markup)


def _span_html(span: Span) -> str:
    text = html.escape(span.text, quote=False)
    if span.style == "code":
        # Telegram shows <code> inline; a multi-line block (an export) reads better as <pre>.
        block = "pre" if "\n" in span.text else "code"
        return f"<{block}>{text}</{block}>"
    tag = _TAGS.get(span.style)
    return f"<{tag}>{text}</{tag}>" if tag else text


def text_parts(markup: Markup, limit: int = TEXT_LIMIT) -> list[Markup]:
    """Cut ``markup`` into parts Telegram accepts, at paragraph breaks when possible.

    Telegram counts length in UTF-16 code units, where an emoji may count twice;
    a part that fits in characters but not in code units is halved again.
    """
    parts: list[Markup] = []
    for part in split_markup(markup, limit):
        if utf16_length(part.text) <= limit:
            parts.append(part)
        else:
            parts.extend(split_markup(part, limit // 2))
    return parts


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@lru_cache(maxsize=RENDERED_KEPT)
def keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    """Buttons as an inline keyboard; the action id travels as the callback data.

    :data:`bot.core.messages.MAX_ACTION_LENGTH` keeps every action id within
    :data:`CALLBACK_DATA_LIMIT`, so nothing needs a lookup table.
    """
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.action) for b in row] for row in rows]
    )


def alert_text(replies: Sequence[OutboundMessage]) -> str | None:
    """The alert a button press is answered with, when every reply is only for the presser.

    Telegram shows it over the chat to that person alone; anything else is sent
    as messages (``None``).
    """
    if not replies or any(reply.visibility != "ephemeral" for reply in replies):
        return None
    text = "\n".join(reply.plain_text for reply in replies)
    return text if len(text) <= ALERT_LIMIT else text[: ALERT_LIMIT - 1] + "…"

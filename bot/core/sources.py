"""Showing whose words a message holds: the article's, credited, or backcoach's, labelled.

The rule (see ``bot/content/sources.py``): the article is credited wherever its
words are shown, and backcoach's own wording never passes for the article's.
Beside the article's words it carries the editorial label ("backcoach's note:").
"""

from __future__ import annotations

from bot.content import Messages, Sourced
from bot.core.markup import Markup, fill


def shown(messages: Messages, sourced: Sourced, **fields: object) -> Markup:
    """The text (a template when ``fields`` are given), labelled when it is backcoach's."""
    text = fill(sourced.text, **fields)
    if sourced.editorial:
        return Markup.italic(messages.editorial_label) + " " + text
    return text


def shown_text(messages: Messages, sourced: Sourced) -> str:
    """:func:`shown` as plain text, for lines a caller styles as a whole (an italic aside)."""
    return shown(messages, sourced).text


def credit(messages: Messages) -> Markup:
    """The attribution line that credits the article in a message quoting it."""
    return Markup.italic(messages.attribution)

"""Our neutral messages as Discord messages: escaped markdown, button grids, attachments.

Every limit is Discord's (https://discord.com/developers/docs/resources/message and
.../interactions/message-components); a message that would break one is split, or
its buttons re-flowed, never rejected by the API.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.adapters.discord.buttons import CoreButton
from bot.core.markup import Markup, Span, split_markup
from bot.core.messages import Attachment, Button, Image, OutboundMessage, Table

MESSAGE_LIMIT = 2000
"""Characters of content per message."""
EMBED_TITLE_LIMIT = 256
EMBED_DESCRIPTION_LIMIT = 4096
BUTTONS_PER_ROW = 5
ROWS_PER_MESSAGE = 5

_ANGLE_TOKEN = re.compile(r"<")
"""Every Discord token starts with ``<``: mentions ``<@id>``, channels ``<#id>``, roles
``<@&id>``, timestamps ``<t:0:R>``, commands ``</help:1>``, emoji ``<:x:id>``, and
``<https://…>`` links. A backslash before it shows it as typed."""
_LINK = re.compile(r"\b([a-z][a-z0-9+.-]*):(?=//)", re.IGNORECASE)
"""A URL's scheme: Discord links ``scheme://…`` by itself; an escaped colon stops it."""

Grid = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True, slots=True)
class DiscordMessage:
    """One API message: content within :data:`MESSAGE_LIMIT`, at most 5x5 buttons, a file."""

    content: str = ""
    buttons: Grid = ()
    image: Image | None = None
    table: Table | None = None
    attachment: Attachment | None = None

    def embed(self) -> discord.Embed | None:
        """A table as an embed: its rows as lines, the image (a chart) inside it."""
        if self.table is None:
            return None
        lines = "\n".join(_span(Span(row)) for row in self.table.rows)
        if len(lines) > EMBED_DESCRIPTION_LIMIT:
            lines = lines[: lines.rfind("\n", 0, EMBED_DESCRIPTION_LIMIT)]
        embed = discord.Embed(
            title=_span(Span(self.table.title))[:EMBED_TITLE_LIMIT], description=lines or None
        )
        if self.image is not None:
            embed.set_image(url=f"attachment://{self.image.filename}")
        return embed

    def view(self) -> discord.ui.View | None:
        """A persistent view (``timeout=None``) of :class:`CoreButton` items, or ``None``."""
        if not self.buttons:
            return None
        view = discord.ui.View(timeout=None)
        for row_index, row in enumerate(self.buttons):
            for button in row:
                view.add_item(CoreButton(button.action, button.label, row=row_index))
        return view

    def files(self) -> list[discord.File]:
        """The image and the attachment (an export), as uploads."""
        files = []
        if self.image is not None:
            files.append(
                discord.File(
                    io.BytesIO(self.image.data),
                    filename=self.image.filename,
                    description=self.image.description or None,
                )
            )
        if self.attachment is not None:
            files.append(
                discord.File(io.BytesIO(self.attachment.data), filename=self.attachment.filename)
            )
        return files


def render(message: OutboundMessage) -> list[DiscordMessage]:
    """The Discord messages that carry ``message``, in order.

    The image goes with the first part and the buttons with the last, so they
    read after the whole text; buttons beyond 25 follow in messages of their own.
    """
    texts = markdown_parts(message.text) or [""]
    grids = layout_buttons(message.buttons)
    parts = [DiscordMessage(content=text) for text in texts]
    parts[0] = DiscordMessage(
        parts[0].content, image=message.image, table=message.table, attachment=message.attachment
    )
    if grids:
        last = parts[-1]
        parts[-1] = DiscordMessage(last.content, grids[0], last.image, last.table, last.attachment)
        parts.extend(DiscordMessage(buttons=grid) for grid in grids[1:])
    return parts


def markdown_parts(markup: Markup, limit: int = MESSAGE_LIMIT) -> list[str]:
    """``markup`` as markdown parts that fit ``limit``: escaping and markers add length."""
    return _split(markup, limit, limit)


def _split(markup: Markup, text_limit: int, limit: int) -> list[str]:
    parts: list[str] = []
    for part in split_markup(markup, text_limit):
        rendered = to_markdown(part)
        if len(rendered) <= limit:
            parts.append(rendered)
            continue
        # Cut the text in proportion, with a margin; strictly shorter, so this ends.
        length = len(part.text)
        cut = max(1, min(length - 1, length * limit // len(rendered) - 8))
        parts.extend(_split(part, cut, limit))
    return parts


def to_markdown(markup: Markup) -> str:
    """Discord markdown in which only our own styling is live.

    Text is escaped for markdown and for mentions (``@everyone``, ``<@&role>``) so a
    person's words stay words; sends also carry ``AllowedMentions.none()``. Neighbouring
    spans of one style are escaped as one run of text, as Discord will read them: a
    value filled into a sentence ("15" then "-minute walk") is not a line of its own.
    """
    return "".join(_span(span) for span in _runs(markup))


def _runs(markup: Markup) -> list[Span]:
    runs: list[Span] = []
    for span in markup:
        if runs and runs[-1].style == span.style:
            runs[-1] = Span(runs[-1].text + span.text, span.style)
        elif span.text:
            runs.append(span)
    return runs


def _span(span: Span) -> str:
    if span.style == "code":
        return _code(span.text)
    text = neutral(span.text)
    if span.style == "plain" or not text.strip():
        return text
    marker = "**" if span.style == "bold" else "*"
    # Markdown markers must touch the text: keep surrounding whitespace outside them.
    core = text.strip()
    start = text.index(core)
    return f"{text[:start]}{marker}{core}{marker}{text[start + len(core) :]}"


def neutral(text: str) -> str:
    """``text`` as Discord shows it literally: markdown, mentions, every ``<…>`` token
    and links escaped. Every span goes through here, whoever wrote it."""
    text = escape_mentions(escape_markdown(text))
    return _LINK.sub(r"\1\\:", _ANGLE_TOKEN.sub(r"\\<", text))


def _code(text: str) -> str:
    if "\n" not in text and "`" not in text:
        return f"`{text}`"
    # A zero-width space keeps a fence inside the text from closing ours.
    return "```\n" + text.replace("```", "`\u200b`\u200b`") + "\n```"


def layout_buttons(rows: Grid) -> list[Grid]:
    """Button grids of at most :data:`ROWS_PER_MESSAGE` x :data:`BUTTONS_PER_ROW`.

    A grid that already fits keeps the core's rows; otherwise buttons are re-flowed
    in order, five to a row.
    """
    if not rows:
        return []
    if len(rows) <= ROWS_PER_MESSAGE and all(len(row) <= BUTTONS_PER_ROW for row in rows):
        return [rows]
    flat = [button for row in rows for button in row]
    packed = [tuple(flat[i : i + BUTTONS_PER_ROW]) for i in range(0, len(flat), BUTTONS_PER_ROW)]
    return [
        tuple(packed[i : i + ROWS_PER_MESSAGE]) for i in range(0, len(packed), ROWS_PER_MESSAGE)
    ]

"""A tiny markup that every platform can render safely.

Text travels from the core to the adapters as spans, never as platform markup,
so a user's ``<b>`` or ``@everyone`` is always a plain span that the adapter
escapes (and, on Discord, whose mentions, channel, timestamp and emoji tokens
and links it neutralises). Only trusted content strings are parsed (``**bold**``).
What a person typed is repeated only through :func:`quote`, so no echo is long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

Style = Literal["plain", "bold", "italic", "code"]

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)

MAX_ECHO_CHARS = 60
"""The most of what a person typed that a reply repeats ("I don't know the zone “…”")."""


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: Style = "plain"


@dataclass(frozen=True, slots=True)
class Markup:
    spans: tuple[Span, ...] = ()

    @classmethod
    def plain(cls, text: str) -> Markup:
        return cls((Span(text),)) if text else cls()

    @classmethod
    def bold(cls, text: str) -> Markup:
        return cls((Span(text, "bold"),)) if text else cls()

    @classmethod
    def italic(cls, text: str) -> Markup:
        return cls((Span(text, "italic"),)) if text else cls()

    @classmethod
    def code(cls, text: str) -> Markup:
        return cls((Span(text, "code"),)) if text else cls()

    @classmethod
    def from_content(cls, text: str) -> Markup:
        """Parse a trusted content string; ``**x**`` is bold, the rest is plain."""
        spans: list[Span] = []
        position = 0
        for match in _BOLD.finditer(text):
            if match.start() > position:
                spans.append(Span(text[position : match.start()]))
            spans.append(Span(match.group(1), "bold"))
            position = match.end()
        if position < len(text):
            spans.append(Span(text[position:]))
        return cls(tuple(spans))

    @classmethod
    def join(cls, parts: Iterable[Markup | str], separator: str = "\n") -> Markup:
        result = cls()
        for index, part in enumerate(parts):
            if index:
                result = result + separator
            result = result + part
        return result

    def __add__(self, other: Markup | str) -> Markup:
        if isinstance(other, str):
            other = Markup.plain(other)
        return Markup(self.spans + other.spans)

    def __radd__(self, other: str) -> Markup:
        return Markup.plain(other) + self

    def __iter__(self) -> Iterator[Span]:
        return iter(self.spans)

    def __bool__(self) -> bool:
        return any(span.text for span in self.spans)

    @property
    def text(self) -> str:
        """The text without styling, as a console or a log shows it."""
        return "".join(span.text for span in self.spans)

    def strip(self) -> Markup:
        """Drop leading and trailing whitespace across spans."""
        spans = [s for s in self.spans if s.text]
        if not spans:
            return Markup()
        spans[0] = Span(spans[0].text.lstrip(), spans[0].style)
        spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].style)
        return Markup(tuple(s for s in spans if s.text))


def split_markup(markup: Markup, limit: int) -> list[Markup]:
    """Cut a message into parts of at most ``limit`` characters of text.

    Cuts fall at paragraph breaks when possible, then at line breaks, then at
    spaces, and only as a last resort inside a word; styles survive the cut.
    Adapters call this with their platform's limit (Telegram 4096, Discord 2000).
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    text = markup.text
    if len(text) <= limit:
        return [markup] if markup else []
    cuts: list[int] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit + 1]
        cut = -1
        for separator in ("\n\n", "\n", " "):
            position = window.rfind(separator, 0, limit + 1)
            if position > 0:
                cut = start + position
                break
        if cut <= start:
            cut = start + limit
        cuts.append(cut)
        start = cut
    bounds = [0, *cuts, len(text)]
    parts = [_slice(markup, a, b).strip() for a, b in pairwise(bounds)]
    return [part for part in parts if part]


def _slice(markup: Markup, start: int, end: int) -> Markup:
    spans: list[Span] = []
    offset = 0
    for span in markup.spans:
        span_start, span_end = offset, offset + len(span.text)
        offset = span_end
        low, high = max(start, span_start), min(end, span_end)
        if low < high:
            spans.append(Span(span.text[low - span_start : high - span_start], span.style))
    return Markup(tuple(spans))


_FIELD = re.compile(r"\*\*\{(\w+)\}\*\*|\{(\w+)\}")


_PLURAL = re.compile(r"\{(\w+)\?([^|{}]*)\|([^{}]*)\}")


def with_plurals(template: str, fields: Mapping[str, object]) -> str:
    """Choose each ``{count?day|days}``: the first word when ``count`` is 1, else the second.

    Content writes ``{days} {days?day|days}``, so "1 day" and "14 days" both read right.
    """
    return _PLURAL.sub(lambda m: m.group(2) if fields[m.group(1)] == 1 else m.group(3), template)


def fill(template: str, **fields: object) -> Markup:
    """A trusted content template (``**bold**``) with each ``{field}`` as its own span.

    Field values stay plain (or bold, when the template writes ``**{field}**``)
    whatever they contain, so a name a person chose can never add formatting.
    Plurals are chosen as in :func:`with_plurals`.
    """
    template = with_plurals(template, fields)
    parts: list[Markup] = []
    position = 0
    for match in _FIELD.finditer(template):
        parts.append(Markup.from_content(template[position : match.start()]))
        bold, plain = match.group(1), match.group(2)
        value = str(fields[bold or plain])
        parts.append(Markup.bold(value) if bold else Markup.plain(value))
        position = match.end()
    parts.append(Markup.from_content(template[position:]))
    return Markup.join(parts, "")


def quote(typed: str) -> str:
    """What a person typed, as a reply may repeat it: one line, at most
    :data:`MAX_ECHO_CHARS` characters (cut with an ellipsis). Insert it as a plain
    field (``fill``); it is never parsed as markup."""
    line = " ".join(typed.split())
    return line if len(line) <= MAX_ECHO_CHARS else line[: MAX_ECHO_CHARS - 1].rstrip() + "…"

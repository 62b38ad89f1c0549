"""Telegram's HTML parse mode, parsed the way the Bot API does, for the fake server.

Only the tags Telegram supports are accepted; any other ``<`` that starts a
tag is refused with the server's "can't parse entities" error, so a renderer
that forgets to escape fails loudly in tests. Entities come back as
``(style, text)`` pairs to let tests check what was bold.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

SUPPORTED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "blockquote",
    }
)
_TOKEN = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>|<|&(#\d+|#x[0-9A-Fa-f]+|lt|gt|amp|quot);"
)


class HtmlError(ValueError):
    """The text the real server would refuse, with its description."""


@dataclass
class ParsedHtml:
    text: str
    entities: list[tuple[str, str]] = field(default_factory=list)
    """``(tag, enclosed text)`` for every tag, outermost first."""


def parse_html(source: str) -> ParsedHtml:
    out: list[str] = []
    open_tags: list[tuple[str, int]] = []
    entities: list[tuple[str, str]] = []
    position = 0
    for match in _TOKEN.finditer(source):
        out.append(source[position : match.start()])
        position = match.end()
        offset = len(source[: match.start()].encode())
        token = match.group(0)
        if token == "<":
            raise HtmlError(f"Can't parse entities: unclosed start tag at byte offset {offset}")
        if token.startswith("&"):
            out.append(html.unescape(token))
            continue
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in SUPPORTED_TAGS:
            kind = "end" if closing else "start"
            raise HtmlError(
                f'Can\'t parse entities: unsupported {kind} tag "{name}" at byte offset {offset}'
            )
        if not closing:
            open_tags.append((name, len("".join(out))))
            continue
        if not open_tags or open_tags[-1][0] != name:
            raise HtmlError(
                f"Can't parse entities: unmatched end tag at byte offset {offset}, expected \"</"
                f'{open_tags[-1][0] if open_tags else ""}>", found "</{name}>"'
            )
        tag, start = open_tags.pop()
        entities.append((tag, "".join(out)[start:]))
    if open_tags:
        tag = open_tags[-1][0]
        raise HtmlError(f"Can't parse entities: can't find end tag for start tag \"{tag}\"")
    out.append(source[position:])
    return ParsedHtml("".join(out), entities)

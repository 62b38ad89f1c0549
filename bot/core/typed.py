"""What people type, read one way: one cleaning for every text a person controls,
and one reader for the numbers that come back from them or from our buttons.

Every event passes :func:`clean_event` before any handler sees it, so typed
messages, command words, slash-command options and display names (which end up
in challenge boards and button labels) share the same rules: NFC, no terminal
escape sequences, no control, format (bidi overrides, zero-width) or unassigned
characters, and a bounded length. A full-width ``／start`` or a ``\\x00/start``
is the command ``/start``.

Numbers go through :func:`read_number` (typed by a person: NFKC, so ``２０`` and
``²⁰`` read as 20) or :func:`action_number` (data we put on a button, never
normalised: anything but our own ASCII digits is forged or stale). Both refuse
non-ASCII digits, more than :data:`MAX_NUMBER_DIGITS` digits (``int()`` would
refuse 4,300 and be slow long before) and values out of range: the caller
answers with its usage message instead of crashing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from bot.core.events import ButtonPress, Command, Event, TextMessage, parse_command

MAX_INPUT_CHARS = 2000
"""Longer command arguments and options are cut here: no command needs more, and it
bounds the work (and any echo) per command."""
MAX_MESSAGE_CHARS = 20_000
"""Longer free-text messages are cut here. Far above any platform's own limit (Telegram
4,096, Discord 4,000), so a story a person sends is always read whole: a warning sign
in its last sentence must not be cut off. The answerer bounds its own work per message."""
MAX_NAME_CHARS = 64
"""Display names and nicknames are cut here; boards and labels have no room for more."""
MAX_ACTION_CHARS = 100
"""Button data longer than any platform allows (Discord's ``custom_id``) is cut here."""
MAX_NUMBER_DIGITS = 12
"""Digits a number may have, leading zeros included; far beyond any value we accept."""
MAX_ROW_ID = 2**31 - 1
"""The largest id a row of ours can have (PostgreSQL ``integer``); larger ids are forged."""

_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[\x20-/]*[@-~]              # CSI: cursor keys, colours (ESC [ ... final)
    | \x9b[0-?]*[\x20-/]*[@-~]              # the same with the 8-bit CSI
    | \x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, DCS... strings up to BEL or ST
    | \x1b[\x20-/]*[0-~]                    # two-character sequences (ESC 7, ESC ( B...)
    """,
    re.VERBOSE,
)
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
"""Control, format (bidi overrides, zero-width), surrogate, private-use, unassigned."""
_LINE_BREAKS = {"\u2028": "\n", "\u2029": "\n", "\r": ""}


def clean_text(text: str) -> str:
    """What a person typed, safe to store, match and echo: NFC, :func:`without_controls`,
    trimmed."""
    if text.isascii() and text.isprintable():
        # Most messages: NFC leaves printable ASCII as it is and it has nothing to drop.
        return text.strip()
    return without_controls(unicodedata.normalize("NFC", text)).strip()


def without_controls(text: str) -> str:
    """``text`` without terminal escape sequences and control, format (bidi, zero-width)
    or unassigned characters; line breaks and tabs stay. A terminal prints it as it reads."""
    kept = (
        _LINE_BREAKS.get(ch, ch)
        for ch in _ESCAPE_SEQUENCE.sub("", text)
        if ch in "\n\t" or ch in _LINE_BREAKS or unicodedata.category(ch) not in _DROPPED_CATEGORIES
    )
    return "".join(kept)


def clean_line(text: str, limit: int) -> str:
    """:func:`clean_text` on one line (runs of whitespace become one space), at most
    ``limit`` characters: for names and labels. Empty if nothing visible was left."""
    return " ".join(clean_text(text).split())[:limit].rstrip()


def clean_event(event: Event) -> tuple[Event, bool]:
    """``event`` with every text a person controls cleaned; ``True`` if something was cut.

    A typed message that reads as a command once cleaned (``／start``,
    ``\\x00/start``) becomes that :class:`Command`.
    """
    name = clean_line(event.sender.display_name, MAX_NAME_CHARS)
    sender = replace(event.sender, display_name=name)
    if isinstance(event, ButtonPress):
        # Forged data may hold anything, a lone surrogate included, which no database
        # can store or compare: only what a button of ours could carry is kept.
        action = without_controls(event.action[:MAX_ACTION_CHARS])
        return replace(event, sender=sender, action=action), False
    if isinstance(event, TextMessage):
        text, cut = _bounded(clean_text(event.text), MAX_MESSAGE_CHARS)
        command = as_command(text)
        if command is not None:
            return Command(sender, event.chat, *command), cut
        return replace(event, sender=sender, text=text), cut
    args, cut = _bounded(clean_text(event.args))
    options: dict[str, str | int] = {}
    for key, value in event.options.items():
        if isinstance(value, str):
            value, cut_here = _bounded(clean_text(value))
            cut = cut or cut_here
        options[key] = value
    command_name = unicodedata.normalize("NFKC", event.name).casefold()
    return replace(event, sender=sender, name=command_name, args=args, options=options), cut


def as_command(text: str) -> tuple[str, str] | None:
    """``("name", "args")`` if ``text`` starts with a command, its slash and name read
    through NFKC (a full-width ``／ｓｔａｒｔ`` is ``/start``); ``None`` otherwise."""
    head, *rest = text.split(maxsplit=1) or [""]
    if not head:
        return None
    return parse_command(" ".join([unicodedata.normalize("NFKC", head), *rest]))


def read_number(typed: str, low: int, high: int) -> int | None:
    """A number a person typed, from ``low`` to ``high``; ``None`` for anything else.

    NFKC first, so full-width and superscript digits read as the digits they show.
    """
    return _number(unicodedata.normalize("NFKC", typed).strip(), low, high)


def action_number(data: str, low: int = 1, high: int = MAX_ROW_ID) -> int | None:
    """A number we put in a button's data (an id, a position, minutes); ``None`` if the
    data is not exactly our own ASCII digits in range, i.e. forged or corrupted."""
    return _number(data, low, high)


def _number(text: str, low: int, high: int) -> int | None:
    if not (0 < len(text) <= MAX_NUMBER_DIGITS and text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if low <= value <= high else None


def _bounded(text: str, limit: int = MAX_INPUT_CHARS) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    return text[:limit].rstrip(), True

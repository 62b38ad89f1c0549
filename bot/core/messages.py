"""What the core sends: platform-neutral messages with buttons and images."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.core.markup import Markup, fill

MAX_ACTION_LENGTH = 48
"""Action ids must fit platform callback limits (Telegram: 64 bytes) with room to spare."""


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    action: str
    """Opaque id routed back to the core when pressed, e.g. ``faq:weak-back-effects``."""

    def __post_init__(self) -> None:
        if len(self.action.encode()) > MAX_ACTION_LENGTH:
            raise ValueError(f"action id too long: {self.action!r}")


@dataclass(frozen=True, slots=True)
class Image:
    data: bytes
    filename: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file to keep rather than a message to read (an export): Telegram sends it as a
    document, Discord as an attachment, the console prints it."""

    data: bytes
    filename: str


Visibility = Literal["chat", "private", "ephemeral"]
"""``chat``: for the chat it was asked in. ``private``: about one person, so it belongs in
their one-to-one chat (a group gets a note saying where it went). ``ephemeral``: a word
for the person who pressed a button only, left off the chat where the platform can
(a Telegram callback alert, a Discord ephemeral reply); the pressed message stays as it is."""


@dataclass(frozen=True, slots=True)
class Table:
    """Ranked rows that read best as a card (Discord draws an embed).

    Rows are plain text, never markup: they hold names people chose. Adapters
    without cards show :meth:`as_markup` after the message text (``plain_text``
    already does).
    """

    title: str
    rows: tuple[str, ...]

    def as_markup(self) -> Markup:
        return Markup.join([Markup.bold(self.title), *(Markup.plain(r) for r in self.rows)])


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    text: Markup
    buttons: tuple[tuple[Button, ...], ...] = ()
    image: Image | None = None
    attachment: Attachment | None = None
    table: Table | None = None
    visibility: Visibility = "chat"
    """See :data:`Visibility`: ``private`` for stats and exports, ``ephemeral`` for
    "that's someone else's button"."""
    follow_up_in: float | None = None
    """The core will push a follow-up in about this many seconds (a timed hold), so a
    platform may show that the bot is busy ("typing…") meanwhile."""
    meta: dict[str, object] = field(default_factory=dict, compare=False)
    """Structured facts about the reply for machine clients (``ask --json``)."""

    @property
    def plain_text(self) -> str:
        """The whole message as text, its table included."""
        if self.table is None:
            return self.text.text
        return Markup.join([m for m in (self.text, self.table.as_markup()) if m]).text


def buttons_in_rows(buttons: Iterable[Button], per_row: int = 1) -> tuple[tuple[Button, ...], ...]:
    items = list(buttons)
    return tuple(tuple(items[i : i + per_row]) for i in range(0, len(items), per_row))


def message(
    text: Markup | str,
    *,
    buttons: Sequence[Sequence[Button]] = (),
    image: Image | None = None,
    attachment: Attachment | None = None,
    table: Table | None = None,
    visibility: Visibility = "chat",
    follow_up_in: float | None = None,
    meta: dict[str, object] | None = None,
) -> OutboundMessage:
    if isinstance(text, str):
        text = Markup.plain(text)
    return OutboundMessage(
        text=text,
        buttons=tuple(tuple(row) for row in buttons if row),
        image=image,
        attachment=attachment,
        table=table,
        visibility=visibility,
        follow_up_in=follow_up_in,
        meta=meta or {},
    )


def say(template: str, **fields: object) -> OutboundMessage:
    """A content template as a message, the one way templates are filled: ``**bold**``
    in the template is bold, and every field is its own plain span, whatever it holds
    (:func:`~bot.core.markup.fill`)."""
    return message(fill(template, **fields))


Reply = list[OutboundMessage]

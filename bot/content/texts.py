"""The bot's own wording, one key per message."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bot.content.sources import Sourced


class Words(BaseModel):
    """The small words sentences are built with: dates, times, lists."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weekdays: tuple[str, ...] = Field(min_length=7, max_length=7)
    """Monday first, as short as they read on a chart's axis."""
    months: tuple[str, ...] = Field(min_length=12, max_length=12)
    moment: str = Field(min_length=1)
    """A date and time: ``{weekday}``, ``{day}``, ``{month}``, ``{time}``."""
    no_time: str = Field(min_length=1)
    """Where a time would be shown and there is none (no next reminder)."""
    list_and: str = Field(min_length=1)
    """Between the last two items of a list: "07:30, 12:00 and 18:00"."""


class Messages(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    welcome: str = Field(min_length=1)
    help: str = Field(min_length=1)
    disclaimer: Sourced
    """Not medical advice: said on first contact, with the first exercise, and in /help."""
    attribution: str = Field(min_length=1)
    """Credits the article wherever its words are shown."""
    editorial_answer: str = Field(min_length=1)
    """Before the attribution under an FAQ answer backcoach composed from the article."""
    editorial_label: str = Field(min_length=1)
    """Marks backcoach's own note where it sits beside the article's words."""
    faq_intro: str = Field(min_length=1)
    not_sure: str = Field(min_length=1)
    not_sure_no_topics: str = Field(min_length=1)
    unread: str = Field(min_length=1)
    """To a message written mostly in a script the bot cannot read."""
    unknown_command: str = Field(min_length=1)
    empty_message: str = Field(min_length=1)
    too_long: str = Field(min_length=1)
    stale_button: str = Field(min_length=1)
    apology: str = Field(min_length=1, pattern=r"\{incident\}")
    """Said when something failed on our side; ``{incident}`` is the id in the log."""
    privacy: str = Field(min_length=1)
    forget_confirm: str = Field(min_length=1)
    forget_yes: str = Field(min_length=1)
    forget_no: str = Field(min_length=1)
    forget_done: str = Field(min_length=1)
    forget_cancelled: str = Field(min_length=1)
    forget_expired: str = Field(min_length=1)
    """A "Yes" whose confirmation was used, expired or is not the person's own."""
    choice_expired: str = Field(min_length=1)
    """A typed number that no button of the latest message has."""
    nothing_waiting: str = Field(min_length=1)
    not_your_button: str = Field(min_length=1)
    """Someone pressed a button on a message meant for another person."""
    export_intro: str = Field(min_length=1)
    smalltalk_greeting: str = Field(min_length=1)
    smalltalk_thanks: str = Field(min_length=1)
    smalltalk_goodbye: str = Field(min_length=1)
    sent_privately: str = Field(min_length=1)
    """Said in a group when a private reply (stats, export) went to the person's own chat."""
    sent_to_direct_messages: str = Field(min_length=1)
    """Said in a server channel when a private reply went to the person's DMs."""
    open_private_chat: str = Field(min_length=1)
    """Said in a group when a private reply could not be delivered: no private chat yet."""
    private_reply_failed: str = Field(min_length=1)
    """Said in a server channel when a private reply could not reach the person's DMs."""
    guide_me: str = Field(min_length=1, pattern=r"\{name\}")
    """The button under an answer that describes an exercise or a routine."""
    words: Words

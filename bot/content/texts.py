"""The bot's own wording, one key per message."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Messages(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    welcome: str = Field(min_length=1)
    help: str = Field(min_length=1)
    disclaimer: str = Field(min_length=1)
    attribution: str = Field(min_length=1)
    faq_intro: str = Field(min_length=1)
    not_sure: str = Field(min_length=1)
    not_sure_no_topics: str = Field(min_length=1)
    unknown_command: str = Field(min_length=1)
    empty_message: str = Field(min_length=1)
    too_long: str = Field(min_length=1)
    stale_button: str = Field(min_length=1)
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


class RedFlagSign(BaseModel):
    """One warning sign and the ways people describe it (regular expressions)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    about: str = Field(min_length=1)
    patterns: tuple[str, ...] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {pattern!r}: {exc}") from None
        return patterns


class Safety(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    red_flag_advice: str = Field(min_length=1)
    """Sent when a message describes a warning sign: get care now, no exercise."""
    warning_signs: str = Field(min_length=1)
    """Sent with ordinary pain during exercise: which signs would need a doctor."""
    typo_targets: tuple[str, ...] = ()
    """Words a misspelling is corrected toward before the signs are looked for."""
    signs: tuple[RedFlagSign, ...] = Field(min_length=1)

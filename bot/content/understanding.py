"""How people really write: examples the meaning checks compare messages with.

None of this is ever shown to anyone. Each FAQ entry and each warning sign gets
examples in many voices (short, slang, non-native, long stories that ask last), and
``out_of_scope`` holds messages no heading answers. The loader checks every id.
"""

from __future__ import annotations

from collections.abc import Collection

from pydantic import BaseModel, ConfigDict, Field


class Understanding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    faq: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    """FAQ entry id -> messages that entry answers."""
    out_of_scope: tuple[str, ...] = ()
    """Messages about backs, health or anything else that no FAQ entry answers."""
    signs: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    """Warning-sign id -> messages describing that sign. Every other message here, and
    every FAQ question and phrasing, is a counter-example: look-alikes that use a
    sign's words without describing one (a child's fever, a diet) belong with the FAQ
    entry or the out-of-scope messages they really are."""


OUT_OF_SCOPE = "OUT_OF_SCOPE"
RED_FLAG = "RED_FLAG"
LOOK_ALIKE = "LOOK_ALIKE"
"""A message that sounds like a sign (``sign``) and is none, with no FAQ label: a crisis
set's "this plank is killing me" or "won't be here tomorrow, flying out"."""


class LearntMessage(BaseModel):
    """One message of an earlier round's benchmark set, as its writer labelled it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    text: str = Field(min_length=1)
    label: str
    """An FAQ question word for word, ``OUT_OF_SCOPE``, ``RED_FLAG`` or ``LOOK_ALIKE``."""
    sign: str | None = None
    """For ``RED_FLAG``: the warning sign it describes, which picks the advice's tier; for
    ``LOOK_ALIKE``, the sign it sounds like."""


class Learnt(BaseModel):
    """Messages strangers wrote, learnt from: ``content/learnt/*.jsonl``.

    Each file was a blind set once: written by someone who never saw the matcher,
    frozen, scored once at the end of its round, then studied and kept. They teach
    the meaning reader what warning signs and their look-alikes sound like in
    voices the team's own examples lack (long stories, slang, relatives, non-native
    English). The newest sets stay in ``bench/data/`` and are never learnt from.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    messages: tuple[LearntMessage, ...] = ()

    @property
    def signs(self) -> dict[str, tuple[str, ...]]:
        """Warning-sign id -> the messages describing it."""
        found: dict[str, list[str]] = {}
        for message in self.messages:
            if message.label == RED_FLAG and message.sign is not None:
                found.setdefault(message.sign, []).append(message.text)
        return {sign: tuple(texts) for sign, texts in found.items()}

    @property
    def told_signs(self) -> tuple[str, ...]:
        """Every message that describes a warning sign, whether or not it names which:
        what the sign head learns from (``content/training/`` names none)."""
        return self.told_signs_but(())

    def told_signs_but(self, signs: Collection[str]) -> tuple[str, ...]:
        """:attr:`told_signs` without the messages that describe one of ``signs``."""
        return tuple(m.text for m in self.messages if m.label == RED_FLAG and m.sign not in signs)

    @property
    def no_sign(self) -> tuple[str, ...]:
        """Every message that describes no warning sign and has an FAQ label or
        ``OUT_OF_SCOPE``: look-alikes labelled so included, what the heads learn from."""
        return tuple(m.text for m in self.messages if m.label not in (RED_FLAG, LOOK_ALIKE))

    @property
    def look_alikes(self) -> tuple[str, ...]:
        """The ``LOOK_ALIKE`` messages: only the meaning reader contrasts a message with
        them. No head learns them: unlabelled for the FAQ, and learnt as the sign head's
        counter-examples a crisis set's look-alikes moved its reading of the back's own
        (docs/understanding.md, session 24)."""
        return tuple(m.text for m in self.messages if m.label == LOOK_ALIKE)

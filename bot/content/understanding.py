"""How people really write: examples the meaning checks compare messages with.

None of this is ever shown to anyone. Each FAQ entry and each warning sign gets
examples in many voices (short, slang, non-native, long stories that ask last), and
``out_of_scope`` holds messages no heading answers. The loader checks every id.
"""

from __future__ import annotations

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

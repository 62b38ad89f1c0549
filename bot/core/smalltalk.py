"""Greetings, thanks and goodbyes get a short friendly reply, not an FAQ answer.

A message is small talk only when nothing in it asks something: "hi!" and
"thanks so much 🙏" are, "hi, is walking good for my back?" is a question.
"""

from __future__ import annotations

from typing import Literal

from bot.core.faq.normalise import words

SmallTalk = Literal["greeting", "thanks", "goodbye"]

_OPENERS: dict[SmallTalk, tuple[tuple[str, ...], ...]] = {
    "thanks": (
        ("thanks",),
        ("thank",),
        ("thankyou",),
        ("cheers",),
        ("much", "appreciated"),
        ("appreciate",),
        ("that", "helps"),
        ("that", "helped"),
        ("great",),
        ("perfect",),
        ("awesome",),
    ),
    "goodbye": (
        ("bye",),
        ("byebye",),
        ("goodbye",),
        ("good", "night"),
        ("goodnight",),
        ("night",),
        ("see", "you"),
        ("see", "ya"),
        ("later",),
        ("take", "care"),
    ),
    "greeting": (
        ("hi",),
        ("hii",),
        ("hello",),
        ("helo",),
        ("hey",),
        ("heya",),
        ("hiya",),
        ("yo",),
        ("howdy",),
        ("greetings",),
        ("good", "morning"),
        ("good", "afternoon"),
        ("good", "evening"),
        ("morning",),
    ),
}
_FILLER = frozenset(
    " ".join(
        [
            "you so much very a lot again there all bot coach backcoach buddy mate friend man",
            "for the help helped helps it that this was is really super helpful useful",
            "great nice good and have day night everyone folks guys oh ok okay well how",
            "are doing today too as always then now i will try out thanks thank bye see",
            "soon later",
        ]
    ).split()
)
"""Words that may follow an opener without turning the message into a question."""


def detect(text: str) -> SmallTalk | None:
    said = words(text)
    if not said:
        return None
    for kind, openers in _OPENERS.items():
        for opener in openers:
            if tuple(said[: len(opener)]) == opener and all(
                word in _FILLER for word in said[len(opener) :]
            ):
                return kind
    return None

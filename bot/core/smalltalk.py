"""Greetings and thanks get a short friendly reply, not an FAQ answer."""

from __future__ import annotations

import re
from typing import Literal

SmallTalk = Literal["greeting", "thanks"]

_GREETING = re.compile(
    r"^\W*(hi+|hello+|hey+|hiya|yo|good (morning|afternoon|evening)|howdy)\b[\W\w]{0,20}$",
    re.IGNORECASE,
)
_THANKS = re.compile(r"^\W*(thanks?|thank you|thx|ty|cheers)\b[\W\w]{0,30}$", re.IGNORECASE)


def detect(text: str) -> SmallTalk | None:
    if _THANKS.match(text):
        return "thanks"
    if _GREETING.match(text):
        return "greeting"
    return None

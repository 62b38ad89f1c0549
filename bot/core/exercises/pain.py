"""Does a message typed during a session say that something hurts?

Deliberately broad: during an exercise a false alarm costs one restart, a
missed one costs an injury. Plain negations ("no pain", "doesn't hurt") are
not alarms. Red flags are :class:`bot.core.safety.RedFlagCheck`'s job.
"""

from __future__ import annotations

import re

_PAIN = re.compile(
    r"\b(hurts?|hurting|hurt|pain\w*|ouch|ow+|owie|sore|aches?|aching|agony|sharp|stabbing"
    r"|shooting|burning|twinge\w*|pinch\w*|tingl\w*|numb\w*|spasm\w*|cramp\w*|pulled|tweaked"
    r"|killing me)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(no|not|don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|without|never|zero)\s+(\w+\s+)?$",
    re.IGNORECASE,
)


def mentions_pain(text: str) -> bool:
    text = text.replace("’", "'")
    return any(not _NEGATED.search(text[: match.start()]) for match in _PAIN.finditer(text))

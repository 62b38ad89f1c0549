"""Red-flag triage: warning signs that need a doctor, never an exercise.

Runs before any FAQ matching, on every free-text message (however long) and on
pain reports during exercises. Two readers look for a sign: its words
(:mod:`bot.core.safety.signs`, the patterns in ``content/safety.yaml``) and its
meaning (:mod:`bot.core.safety.meaning`, sentences compared with examples of the
sign and with look-alikes). Recall comes first, but a sign's words in a question
about something else ("which diet makes you lose weight fastest") are not a sign.
"""

from bot.core.safety.check import RedFlagCheck, check, is_red_flag
from bot.core.safety.signs import RedFlag

__all__ = ["RedFlag", "RedFlagCheck", "check", "is_red_flag"]

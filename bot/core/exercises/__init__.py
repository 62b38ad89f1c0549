"""Guided exercise sessions, one message at a time.

Other features offer exercises through the start actions built by
:func:`start_action` (``ex:start:<exercise-id>``) and :func:`routine_action`
(``ex:routine:<routine-id>``); everything else here is wired in
:mod:`bot.core.routes`.
"""

from bot.core.exercises.render import EXERCISE, routine_action, start_action
from bot.core.exercises.session import HOLD_TIMER

__all__ = ["EXERCISE", "HOLD_TIMER", "routine_action", "start_action"]

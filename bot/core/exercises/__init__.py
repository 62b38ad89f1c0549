"""Guided exercise sessions, one message at a time.

Other features offer exercises through the start actions built by
:func:`start_action` (``ex:start:<exercise-id>``) and :func:`routine_action`
(``ex:routine:<routine-id>``); everything else here is wired in
:mod:`bot.core.routes`.
"""

from bot.core.exercises.render import EXERCISE, routine_action, start_action

# The session (and its storage) is not imported here: answering a question offers
# exercises without loading the database layer (`backcoach ask` starts faster).
__all__ = ["EXERCISE", "routine_action", "start_action"]

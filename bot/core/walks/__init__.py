"""Walking: the walk log every feature shares, and /walk and /stats.

Reminders log a walk when "Done" is pressed and challenges count the same walks;
they use the log's API, re-exported here. The commands live in
:mod:`bot.core.walks.commands`.
"""

from bot.core.walks.log import (
    MAX_WALK_MINUTES,
    WalkDay,
    log_walk,
    streak_days,
    undo_last_walk,
    walk_for_slot,
    walks_between,
)

__all__ = [
    "MAX_WALK_MINUTES",
    "WalkDay",
    "log_walk",
    "streak_days",
    "undo_last_walk",
    "walk_for_slot",
    "walks_between",
]

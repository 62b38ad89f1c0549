"""Walking: the walk log (:mod:`bot.core.walks.log`) and /walk and /stats
(:mod:`bot.core.walks.commands`).

A reminder's "Done" logs its walk through the commands' ``walk`` action; challenges
count the same walks from the table. The log's API is re-exported here.
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

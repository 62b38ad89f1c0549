"""Reviewed content (FAQ, exercises, routines, messages, safety text), validated when loaded.

Code refers to content by id or key; the text itself lives in ``content/``.
"""

from bot.content.coaching import Coaching
from bot.content.exercises import (
    AvoidItem,
    AvoidList,
    Exercise,
    ExerciseBook,
    ExerciseStep,
    Routine,
    RoutineBook,
    RoutineItem,
)
from bot.content.faq import FaqBook, FaqEntry
from bot.content.loader import (
    Content,
    ContentError,
    default_content_dir,
    load_content,
    load_training,
)
from bot.content.safety import Safety
from bot.content.sources import Source, Sourced
from bot.content.texts import Messages

__all__ = [
    "AvoidItem",
    "AvoidList",
    "Coaching",
    "Content",
    "ContentError",
    "Exercise",
    "ExerciseBook",
    "ExerciseStep",
    "FaqBook",
    "FaqEntry",
    "Messages",
    "Routine",
    "RoutineBook",
    "RoutineItem",
    "Safety",
    "Source",
    "Sourced",
    "default_content_dir",
    "load_content",
    "load_training",
]

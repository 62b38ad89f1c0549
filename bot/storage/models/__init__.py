"""Every table, imported here so ``Base.metadata`` knows them all.

Tables that hold a person's data carry a ``person_id`` column: /export and
/forget find them through it, so a new table is covered without new code.
"""

from bot.storage.base import Base
from bot.storage.models.challenges import Challenge, ChallengeMember
from bot.storage.models.events import HandledEvent
from bot.storage.models.exercise import ExerciseSession
from bot.storage.models.person import Account, Person
from bot.storage.models.reminders import ReminderDelivery, ReminderSubscription
from bot.storage.models.timer import Timer
from bot.storage.models.walks import Walk

__all__ = [
    "Account",
    "Base",
    "Challenge",
    "ChallengeMember",
    "ExerciseSession",
    "HandledEvent",
    "Person",
    "ReminderDelivery",
    "ReminderSubscription",
    "Timer",
    "Walk",
]

"""What the scheduler hands the core when a row falls due: the same way for every kind.

The scheduler owns only the mechanics of due rows: claiming them (a lease, or a
chunk advanced and committed before anything is sent) and calling ``handle`` on
the core's side of that kind of row with each one. What a due row means is the
core's, in the feature it belongs to:

* a durable timer: :class:`bot.core.timers.TimerFiring` runs its handler in a turn
  and pushes the replies;
* a reminder slot: :class:`bot.core.reminders.sending.ReminderSending` plans which
  slots go out (:func:`bot.core.reminders.slots.plan`) and pushes the card;
* a challenge's day: :class:`bot.core.challenges.lifecycle.ChallengePosting` posts
  the progress or the summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from bot.core.events import Recipient
from bot.core.ports import SendResult

T = TypeVar("T", contravariant=True)


class DueWork(Protocol[T]):
    async def handle(self, due: T) -> SendResult | None:
        """Do what the row asks; ``None`` when nothing was sent (gone, or nothing to say)."""
        ...


@dataclass(frozen=True, slots=True)
class DueReminder:
    """One person's reminder for one slot, its advance already committed."""

    subscription_id: int
    recipient: Recipient
    slot: datetime


@dataclass(frozen=True, slots=True)
class DueChallenge:
    """A challenge whose daily post (or summary) is due, claimed with a lease."""

    challenge_id: int

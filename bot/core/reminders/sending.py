"""The core's side of the reminder sweep: which slots go out, and the card for each.

The sweep (``scheduler/reminders.py``) takes due subscriptions, asks :meth:`plan`
once per distinct schedule, commits the advance, and then hands every reminder
to send to :meth:`handle`, which pushes the card through the delivery (a refused
private chat pauses the person there, as for any push).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.content.reminders import ReminderTexts
from bot.core.delivery import Delivery
from bot.core.due import DueReminder
from bot.core.messages import OutboundMessage
from bot.core.ports import SendResult
from bot.core.reminders.card import reminder_message
from bot.core.reminders.slots import Schedule, SlotPlan, plan

RENDERED_SLOTS = 256
"""Reminder cards kept rendered, one per slot instant (a sweep sees a handful)."""


class ReminderSending:
    def __init__(self, texts: ReminderTexts, delivery: Delivery, *, grace: timedelta) -> None:
        self.texts = texts
        self.delivery = delivery
        self.grace = grace
        """How late a slot missed while the bot was down is still sent."""
        self._cards: dict[datetime, OutboundMessage] = {}

    def plan(self, schedule: Schedule, now: datetime) -> SlotPlan:
        return plan(schedule, now, self.grace)

    async def handle(self, due: DueReminder) -> SendResult:
        return await self.delivery.push(due.recipient, [self._card(due.slot)])

    def _card(self, slot: datetime) -> OutboundMessage:
        """A slot's card is the same for everyone it is due to: rendered once.

        Its buttons name the slot, not the person (the press says who pressed, and
        reminders only go to private chats), so one message object serves them all.
        """
        card = self._cards.get(slot)
        if card is None:
            if len(self._cards) >= RENDERED_SLOTS:
                self._cards.clear()
            card = self._cards[slot] = reminder_message(self.texts, slot)
        return card

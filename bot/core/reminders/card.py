"""The reminder message itself, built from the article's advice, and what its buttons carry."""

from __future__ import annotations

from datetime import datetime

from bot.content.reminders import ReminderTexts
from bot.core.actions import Action
from bot.core.markup import Markup
from bot.core.messages import Button, OutboundMessage, message
from bot.core.reminders.slots import slot_token
from bot.core.walks.commands import WALK

REMIND = Action("remind")
"""``remind:on``, ``remind:off`` (under /remind's status), and the card's
``remind:snooze:<slot>``, ``remind:skip:<slot>`` (answered by
:func:`bot.core.reminders.commands.remind_button`)."""


def why_of_the_day(texts: ReminderTexts, slot_at: datetime) -> int:
    """Which "why" line a slot's reminder shows: one a day, in turn."""
    return slot_at.toordinal() % len(texts.reminder.why)


def reminder_message(texts: ReminderTexts, slot_at: datetime) -> OutboundMessage:
    """The reminder for the slot at ``slot_at``; the "why" line changes from day to day.

    The why and the suggestion are the article's words, so the card credits it.

    The buttons name the slot, not the person (the press itself says who pressed,
    and reminders only go to private chats), so one message object serves every
    subscriber of a slot: the sweep renders it once per slot.
    """
    card = texts.reminder
    why = card.why[why_of_the_day(texts, slot_at)]
    lines = [Markup.from_content(card.title), Markup.from_content(why.text)]
    lines += [Markup.plain(card.suggestion.text), Markup.italic(card.credit)]
    text = Markup.join(lines)
    slot = slot_token(slot_at)
    return message(
        text,
        buttons=[
            [Button(card.done_button, WALK.id("done", slot))],
            [
                Button(card.snooze_button, REMIND.id("snooze", slot)),
                Button(card.skip_button, REMIND.id("skip", slot)),
            ],
        ],
    )

"""The reminder message itself, built from the article's advice."""

from __future__ import annotations

from datetime import datetime

from bot.content.reminders import ReminderTexts
from bot.core.markup import Markup
from bot.core.messages import Button, OutboundMessage, message

DONE_ACTION = "walk:done"
SNOOZE_ACTION = "remind:snooze"
SKIP_ACTION = "remind:skip"


def why_of_the_day(texts: ReminderTexts, slot_at: datetime) -> int:
    """Which "why" line a slot's reminder shows: one a day, in turn."""
    return slot_at.toordinal() % len(texts.reminder.why)


def reminder_message(texts: ReminderTexts, slot_at: datetime) -> OutboundMessage:
    """The reminder for the slot at ``slot_at``; the "why" line changes from day to day.

    The why and the suggestion are the article's words, so the card credits it.

    The buttons carry no per-person data (the press itself says who pressed), so
    one message object serves a whole slot: the sweep renders once per day's text.
    """
    card = texts.reminder
    why = card.why[why_of_the_day(texts, slot_at)]
    lines = [Markup.from_content(card.title), Markup.from_content(why.text)]
    lines += [Markup.plain(card.suggestion.text), Markup.italic(card.credit)]
    text = Markup.join(lines)
    return message(
        text,
        buttons=[
            [Button(card.done_button, DONE_ACTION)],
            [Button(card.snooze_button, SNOOZE_ACTION), Button(card.skip_button, SKIP_ACTION)],
        ],
    )

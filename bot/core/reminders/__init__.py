"""Walking reminders: subscribing, the reminder message, and the schedule rules.

The sweep that sends them lives in ``scheduler.reminders``; logged walks in
``bot.core.walks``.
"""

from bot.core.reminders.card import reminder_message
from bot.core.reminders.schedule import (
    DEFAULT_SLOTS,
    QuietHours,
    local_instant,
    next_slot_after,
    quiet_from_columns,
    slots_from_text,
)
from bot.core.reminders.times import TimeInputError, parse_time, parse_times
from bot.core.reminders.zones import resolve_zone

__all__ = [
    "DEFAULT_SLOTS",
    "QuietHours",
    "TimeInputError",
    "local_instant",
    "next_slot_after",
    "parse_time",
    "parse_times",
    "quiet_from_columns",
    "reminder_message",
    "resolve_zone",
    "slots_from_text",
]

"""Every word a person reads is content: a translator changes the files, never the code."""

from __future__ import annotations

from dataclasses import replace

from bot.app import build_app
from bot.config import Settings
from bot.content import load_content
from bot.core.clock import ManualClock
from bot.storage.database import Database
from tests.conftest import ConsoleUser


async def test_dates_lists_and_labels_read_in_the_contents_words(
    settings: Settings, sqlite_db: Database, clock: ManualClock
) -> None:
    english = load_content()
    words = english.messages.words.model_copy(
        update={
            "weekdays": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
            "months": (
                "Jan",
                "Feb",
                "Mär",
                "Apr",
                "Mai",
                "Jun",
                "Jul",
                "Aug",
                "Sep",
                "Okt",
                "Nov",
                "Dez",
            ),
            "moment": "{weekday}, {day}. {month} um {time}",
            "list_and": "und",
        }
    )
    messages = english.messages.model_copy(update={"words": words, "guide_me": "▶ Los: {name}"})
    reminders = english.reminders.model_copy(update={"walk_minute_button": "{minutes} Min."})
    content = replace(english, messages=messages, reminders=reminders)
    user = ConsoleUser(build_app(settings, clock=clock, content=content, database=sqlite_db))
    confirmed = await user.says("/remind on")  # Monday 5 January, 07:00 UTC
    assert "08:00 und 18:00" in confirmed and "Mo, 5. Jan um 08:00" in confirmed
    assert "[1] 10 Min." in await user.says("/walk 20")
    assert "▶ Los: " in await user.says("How Can I Strengthen My Lower Back Muscles At Home?")

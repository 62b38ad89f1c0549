"""The reminder quotes the article: every day's "why" comes with its credit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.content import load_content
from bot.core.reminders.card import reminder_message

TEXTS = load_content().reminders


def test_every_days_why_is_the_articles_and_credited() -> None:
    monday = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    shown = set()
    for day in range(len(TEXTS.reminder.why)):
        card = reminder_message(TEXTS, monday + timedelta(days=day)).text.text
        assert "Ten to fifteen minutes of walking twice a day will help ease lower back pain." in (
            card
        )
        assert card.endswith(
            "From “How Can I Strengthen My Lower Back Muscles At Home?” by Kim Nguyen."
        )
        shown |= {why.text for why in TEXTS.reminder.why if why.text in card}
    assert shown == {why.text for why in TEXTS.reminder.why}
    assert all(why.source == "article" for why in TEXTS.reminder.why)


def test_the_card_says_no_more_than_the_article() -> None:
    words = " ".join(why.text for why in TEXTS.reminder.why) + TEXTS.reminder.suggestion.text
    for overclaim in ("is enough", "gentlest", "reduce low back pain"):
        assert overclaim not in words
    assert "reduce the incidence of low back pain" in words

"""Below the confidence threshold the bot says it does not know and offers topics."""

from __future__ import annotations

import pytest

from bot.content import load_content
from bot.core.answers import Answerer
from tests.conftest import ConsoleUser


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_content())


@pytest.mark.parametrize(
    "text",
    [
        "what's a good mattress for a side sleeper",
        "how do I train for a marathon",
        "exercises for a sore wrist",
        "who painted the mona lisa",
        "best protein powder",
    ],
)
def test_off_topic_questions_get_no_faq_answer(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind == "out_of_scope", (answer.entry, answer.score)
    assert answer.entry is None


def test_closest_topics_are_offered_once_per_group(answerer: Answerer) -> None:
    answer = answerer.answer("walking shoes for a long hike")
    assert answer.kind == "out_of_scope"
    assert len({e.group_key for e in answer.related}) == len(answer.related) <= 3


async def test_the_bot_says_it_is_not_sure_and_shows_closest_topics(user: ConsoleUser) -> None:
    reply = await user.says("which mattress is best for lower back pain")
    assert "not sure" in reply
    assert "[1] What is the best exercise for lower back pain?" in reply


async def test_with_no_close_topic_the_bot_points_to_the_list(user: ConsoleUser) -> None:
    reply = await user.says("which mattress should I buy")
    assert "not sure" in reply
    assert "/faq" in reply
    assert "[1]" not in reply


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hi!", "greeting"),
        ("Hello there 👋", "greeting"),
        ("thanks so much!!", "thanks"),
        ("thank u, that helped", "thanks"),
        ("good night", "goodbye"),
    ],
)
def test_greetings_and_thanks_are_small_talk(answerer: Answerer, text: str, kind: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind == "smalltalk"
    assert answer.smalltalk == kind


def test_a_greeting_before_a_question_is_still_the_question(answerer: Answerer) -> None:
    answer = answerer.answer("hi, do squats work the lower back?")
    assert answer.kind == "faq"
    assert answer.entry is not None and answer.entry.id == "squats"


async def test_thanks_gets_a_short_friendly_reply(user: ConsoleUser) -> None:
    reply = await user.says("thanks!")
    assert "welcome" in reply
    assert "Source" not in reply

"""The ranking fuses what a message says (its words) with what it means (its vector)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.content import load_content
from bot.core.answers import Answerer
from bot.core.faq.ranking import FEATURES, OUTSIDE_FEATURES


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_content())


def lexical_best(answerer: Answerer, text: str) -> str | None:
    ranked = answerer.matcher.rank(text, limit=1)
    return ranked[0].entry.id if ranked and ranked[0].score >= 0.5 else None


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("my spine feels flimsy, how do I beef it up without a gym membership",
         "strengthen-at-home"),
        ("is pottering about on foot wise with an aching lumbar", "walking-with-back-pain"),
    ],
)  # fmt: skip
def test_a_question_sharing_few_words_with_the_faq_is_answered_by_its_meaning(
    answerer: Answerer, text: str, group: str
) -> None:
    lexical = lexical_best(answerer, text)
    assert lexical is None or answerer.content.faq.get(lexical).group_key != group  # type: ignore[union-attr]
    answer = answerer.answer(text)
    assert answer.kind == "faq" and answer.entry is not None
    assert answer.entry.group_key == group


def test_both_kinds_of_evidence_count_in_the_fitted_weights(answerer: Answerer) -> None:
    weights = answerer.content.calibration.faq.weights
    assert set(weights) == {*FEATURES, *OUTSIDE_FEATURES}
    assert weights["lexical"] > 0 and weights["meaning"] > 0
    assert weights["asking_lexical"] > 0 and weights["asking_meaning"] > 0


def test_the_ranking_is_a_distribution_over_entries_and_no_entry(answerer: Answerer) -> None:
    ranking = answerer.ranking.rank(answerer.reader.read("do squats work the lower back"))
    total = sum(m.score for m in ranking.matches) + ranking.outside
    assert np.isclose(total, 1.0)
    assert ranking.matches[0].entry.id == "squats" and ranking.confident


def test_a_story_that_asks_last_is_answered_by_its_question(answerer: Answerer) -> None:
    story = (
        "I started a new job in a warehouse in the spring. The first weeks were fine, but "
        "lately I come home with a tired, achy lower back most evenings. My partner thinks I "
        "need a better mattress and my brother says I should just rest at weekends. I have "
        "never really done any exercise apart from walking the dog. Which exercises should a "
        "complete beginner start with to make the lower back stronger?"
    )
    answer = answerer.answer(story)
    assert answer.kind == "faq" and answer.entry is not None
    assert answer.entry.id == "beginners"


def test_a_story_with_no_question_mark_still_gets_its_answer(answerer: Answerer) -> None:
    story = (
        "Been doing deadlifts for two years now and my lower back always gives out before my "
        "legs do. Thinking I should add some squats but worried they just load the back even "
        "more. Wondering if squats actually work the lower back or just the legs"
    )
    answer = answerer.answer(story)
    assert answer.kind == "faq" and answer.entry is not None
    assert answer.entry.id == "squats"


def test_a_long_story_about_something_else_is_declined(answerer: Answerer) -> None:
    story = (
        "My back has been much better since I started walking every morning, so thank you "
        "for that. Today I have a different problem. My laptop screen is very bright and my "
        "eyes feel dry and tired by lunchtime. Which screen settings or glasses would help?"
    )
    assert answerer.answer(story).kind == "out_of_scope"

"""The matcher finds the article's question behind people's own wording."""

from __future__ import annotations

import pytest

from bot.content import load_content
from bot.core.answers import Answerer


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_content())


def asked(answerer: Answerer, text: str) -> str | None:
    answer = answerer.answer(text)
    assert answer.kind == "faq", (text, answer.kind, answer.score)
    assert answer.entry is not None
    return answer.entry.id


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("do squats hit my lumbar muscles", "squats"),
        ("Should I avoid crunches when my low back aches?", "exercises-to-avoid"),
        ("rehabilitation routine for my lower back", "rehab"),
        ("what can a weak low back cause", "weak-back-effects"),
        ("what are bird dogs", "three-core-exercises"),
    ],
)
def test_own_wording_finds_the_question(answerer: Answerer, text: str, entry_id: str) -> None:
    assert asked(answerer, text) == entry_id


@pytest.mark.parametrize(
    "text",
    [
        "dose walkng strenghten ur back",
        "DOES WALKING STRENGTHEN YOUR BACK?!?! 🚶",
        "does walkin make the spine stronger",
    ],
)
def test_typos_casing_and_emoji_do_not_matter(answerer: Answerer, text: str) -> None:
    assert asked(answerer, text) == "walking-strengthens"


def test_context_around_the_question_does_not_hide_it(answerer: Answerer) -> None:
    text = (
        "my lower back aches every evening after work. how can I strengthen it at home, "
        "without any equipment?"
    )
    assert asked(answerer, text) == "strengthen-at-home"


def test_either_near_duplicate_heading_is_a_right_answer(answerer: Answerer) -> None:
    content = answerer.content
    answer = answerer.answer("my back is sore, is a walk a good idea?")
    assert answer.entry is not None
    walk_sore = content.faq.get("walk-sore-back")
    assert walk_sore is not None
    assert content.faq.same_group(answer.entry, walk_sore)


def test_related_buttons_never_repeat_a_near_duplicate(answerer: Answerer) -> None:
    faq = answerer.content.faq
    for entry in faq.entries:
        answer = answerer.answer(entry.question)
        assert answer.entry is not None and faq.same_group(answer.entry, entry)
        shown = [answer.entry, *answer.related]
        assert len({e.group_key for e in shown}) == len(shown), entry.id
        assert len(answer.related) <= 3
        from_button = answerer.related_to(entry)
        assert all(not faq.same_group(e, entry) for e in from_button)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("week", "week"),  # not "weak"
        ("talk", "talk"),  # not "walk"
        ("store", "store"),  # not "sore"
        ("stregthen", "strengthen"),
        ("exersise", "exercise"),
        ("walkin", "walking"),
    ],
)
def test_real_words_are_never_corrected_into_others(
    answerer: Answerer, typed: str, read_as: str
) -> None:
    assert answerer.matcher.analyzer.correct(typed) == read_as


def test_a_story_before_the_question_does_not_hide_it(answerer: Answerer) -> None:
    text = (
        "Last spring I changed jobs and now I drive two hours a day and sit at a desk "
        "the rest of it. My partner runs marathons and keeps teasing me about it. "
        "Does walking actually strengthen your back?"
    )
    assert asked(answerer, text) == "walking-strengthens"


def test_the_asking_clause_of_a_long_sentence_is_found(answerer: Answerer) -> None:
    text = (
        "I spent the whole weekend painting the fence and carrying ladders around, "
        "so my lower back is sore today, should I still go for my usual walk?"
    )
    assert asked(answerer, text) in {"walk-sore-back", "walk-back-hurts"}


def test_a_long_message_about_something_else_is_not_answered(answerer: Answerer) -> None:
    text = (
        "My back has been fine for a while, thanks for the walking tips last week. "
        "My question today is about my eyes. Which glasses are best for reading "
        "on a screen all day?"
    )
    assert answerer.answer(text).kind == "out_of_scope"


@pytest.mark.parametrize("text", ["my knee hurts when I walk", "best stretches for a sore hip"])
def test_another_body_part_is_another_subject(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).kind == "out_of_scope"


def test_an_exercise_named_after_a_knee_is_still_ours(answerer: Answerer) -> None:
    answer = answerer.answer("how do I do the knee to chest stretch")
    assert answer.kind == "faq" and answer.entry is not None
    assert "Knee to chest" in answer.entry.answer


@pytest.mark.parametrize(
    "text",
    [
        "Ten weeks after my knee operation it still swells after physio. When can I go back to "
        "running, and should I be backing off the step-ups?",
        "My back's fine for once, it's just my calves: tight and sore after every run. Should I "
        "stretch before or after running?",
    ],
)
def test_a_back_that_means_again_or_is_fine_leaves_the_other_part_the_subject(
    answerer: Answerer, text: str
) -> None:
    """ "Go back to running", "backing off" and a back said to be fine name no back in
    trouble: beside a knee or the calves, the message is about them."""
    answer = answerer.answer(text)
    assert answer.kind == "out_of_scope", (answer.kind, answer.entry)

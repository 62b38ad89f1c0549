"""What a person reads shows whose words it is: the article's, credited, or backcoach's."""

from __future__ import annotations

from bot.content import load_content
from tests.conftest import ConsoleUser

CREDIT = "Source: “How Can I Strengthen My Lower Back Muscles At Home?” by Kim Nguyen"
CUT_SHORT = "The article cuts this description short: the first step is its wording"
NAME_ONLY = "The article names this exercise without describing it"


async def test_a_cut_short_description_says_so_once_under_its_first_step(
    user: ConsoleUser,
) -> None:
    first = await user.says("/exercise planks")
    assert "Start in a push up position" in first and first.count(CUT_SHORT) == 1
    assert NAME_ONLY not in first
    second = await user.says("Next")
    assert "Keep your body in a straight line" in second
    assert CUT_SHORT not in second and "backcoach's wording" not in second


async def test_an_exercise_the_article_only_names_says_the_steps_are_ours(
    user: ConsoleUser,
) -> None:
    reply = await user.says("/exercise child's pose")
    assert reply.count(NAME_ONLY) == 1 and CUT_SHORT not in reply


async def test_the_articles_own_exercise_has_no_footnote(user: ConsoleUser) -> None:
    reply = await user.says("/exercise side lying leg raise")
    assert NAME_ONLY not in reply and CUT_SHORT not in reply
    assert "backcoach's wording" not in reply


async def test_in_a_routine_each_exercise_gets_its_own_footnote_once(user: ConsoleUser) -> None:
    reply = await user.says("/routine core")  # planks first: cut short by the article
    assert reply.count(CUT_SHORT) == 1
    for _ in range(2 * 3 - 1):  # through both sets of planks, 3 steps each, holds included
        reply = await user.says("Next")
        assert CUT_SHORT not in reply
    assert "Exercise 2 of 3: Bird dog" in await user.says("Next")


async def test_exercise_and_routine_intros_credit_the_article(user: ConsoleUser) -> None:
    exercise = await user.says("/exercise bridges")
    assert "Bridges, or bridging, is a strength exercise" in exercise and CREDIT in exercise
    assert "Take care (backcoach's advice):" in exercise
    routine = await user.says("/routine relieve")
    assert CREDIT in routine


async def test_an_exercise_to_avoid_labels_backcoachs_reason(user: ConsoleUser) -> None:
    reply = await user.says("/exercise running")
    assert "The article lists Running among the exercises to avoid" in reply
    assert "backcoach's note: Running is high-impact" in reply
    assert CREDIT in reply


async def test_partial_crunches_are_explained_wherever_they_appear(user: ConsoleUser) -> None:
    """The article says "Avoid: Crunches" and lists "Partial Crunches": our reading, said."""
    places = {
        "/exercise partial crunches": "backcoach's note: Partial crunches are our reading",
        "/exercise crunches": "backcoach's note: Partial crunches are our reading",
        "/routine rehab": "8. Partial crunches (backcoach's note: our reading",
        "how do I rehab my lower back": "we read partial crunches as the “modified sit-ups”",
    }
    for typed, reading in places.items():
        reply = await user.says(typed)
        assert reading in reply, typed
        assert "Skip them if they hurt" in reply or "skip them if they hurt" in reply, typed
    content = load_content()
    mentions = [
        step.text
        for exercise in content.exercises.exercises
        if exercise.id != "partial-crunches"
        for step in exercise.steps
        if "crunch" in step.text.casefold()
    ]
    assert mentions == [], "no other exercise offers crunches without the note"


async def test_stopping_for_pain_attributes_only_what_the_article_says(user: ConsoleUser) -> None:
    await user.says("/exercise bird dog")
    reply = await user.says("It hurts")
    assert "The article suggests core exercises if your lower back pain is more of a general" in (
        reply
    )
    assert "sharp or growing" not in reply
    assert "spreads down a leg" in reply


async def test_a_question_about_results_gets_no_promise(user: ConsoleUser) -> None:
    reply = await user.says("How long does it take to strengthen weak back muscles?")
    assert "one to several days" in reply
    assert "backcoach's note: The article gives no time frame for getting stronger" in reply

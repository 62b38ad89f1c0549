"""Exercise content keeps the article's doses, its cautions, and its editorial labels true."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content import Content, ContentError, default_content_dir, load_content
from bot.core.exercises.catalogue import exercise_index
from bot.core.exercises.plan import plan_for

HINGES_AND_ROTATIONS = ("bend-over", "back-extension", "wood-chop", "wide-dumbbell-bent-over-row")


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(default_content_dir(), target)
    return target


def test_the_beginner_routine_keeps_the_articles_leg_raise_dose(content: Content) -> None:
    """ "Hold for 2 seconds at the top. Repeat 10 times. … Perform 3 sets on each side." """
    plan = plan_for(content, "routine", "beginner")
    assert plan is not None
    leg_raise = [s for s in plan.steps if s.exercise.id == "side-lying-leg-raise"]
    assert {s.sets for s in leg_raise} == {3}
    passes = {(s.set_number, s.side) for s in leg_raise}
    assert passes == {(n, side) for n in (1, 2, 3) for side in ("left side", "right side")}
    assert {(s.hold_seconds, s.reps) for s in leg_raise if s.reps} == {(2, 10)}


def test_every_step_that_names_its_sets_is_walked_that_many_times(content: Content) -> None:
    for routine in content.routines.routines:
        plan = plan_for(content, "routine", routine.id)
        assert plan is not None
        for planned in plan.steps:
            if "Perform 3 sets" in planned.step.text:
                assert planned.sets == 3, (routine.id, planned.exercise.id)


def test_a_routine_may_change_an_article_dose_only_saying_why(content_copy: Path) -> None:
    routines = content_copy / "routines.yaml"
    original = routines.read_text(encoding="utf-8")
    lowered = original.replace(
        "      - exercise: side-lying-leg-raise\n",
        "      - exercise: side-lying-leg-raise\n        sets: 1\n",
    )
    routines.write_text(lowered, encoding="utf-8")
    with pytest.raises(
        ContentError, match=r"routines\[beginner\]\.items\[2\]: changes the article's dose"
    ):
        load_content(content_copy)
    explained = lowered.replace(
        "        sets: 1\n",
        "        sets: 1\n        note:\n          text: one set of three to start\n"
        "          source: editorial\n",
    )
    routines.write_text(explained, encoding="utf-8")
    load_content(content_copy)


@pytest.mark.parametrize("exercise_id", [*HINGES_AND_ROTATIONS, "good-morning"])
def test_hinges_and_rotations_stop_when_pain_spreads_and_come_up_gently(
    content: Content, exercise_id: str
) -> None:
    exercise = content.exercises.get(exercise_id)
    assert exercise is not None
    assert any("pain spreads" in c.text and "leg" in c.text for c in exercise.cautions)
    last_step = exercise.steps[-1].text
    assert "slowly" in last_step and ("up" in last_step or "down" in last_step), last_step


def test_the_good_morning_is_guided_without_weight(content: Content) -> None:
    good_morning = content.exercises.get("good-morning")
    assert good_morning is not None
    assert good_morning.equipment == ()
    assert any(c.text.startswith("Always without weight") for c in good_morning.cautions)
    assert not any("bar" in s.text or "band" in s.text for s in good_morning.steps)


def test_hamstring_stretches_are_the_supine_one_everywhere(content: Content) -> None:
    """The seated version loads a bending lower back; lying down keeps it on the floor."""
    routine = content.routines.get("relieve-lower-back-pain")
    assert routine is not None
    assert [i.exercise for i in routine.items if "hamstring" in i.exercise] == [
        "supine-hamstring-stretch"
    ]
    assert all(e.position != "sitting" for e in content.exercises.exercises if "hamstring" in e.id)
    found = exercise_index(content).lookup("hamstring stretches").found
    assert found is not None and found.id == "supine-hamstring-stretch"


def test_article_text_must_match_whose_steps_they_are(content_copy: Path) -> None:
    path = content_copy / "exercises" / "03-core.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "article_text: cut-short", "article_text: full", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        ContentError, match=r"03-core\.yaml: exercises\[planks\]: .*article_text full"
    ):
        load_content(content_copy)


def test_a_caution_cannot_pass_for_the_articles(content_copy: Path) -> None:
    path = content_copy / "exercises" / "03-core.yaml"
    text = path.read_text(encoding="utf-8")
    caution = "drop to your knees if you can't hold the line.\"\n        source: editorial"
    path.write_text(
        text.replace(caution, caution.replace("editorial", "article")), encoding="utf-8"
    )
    with pytest.raises(ContentError, match=r"exercises\[planks\]: .*cautions are backcoach's"):
        load_content(content_copy)


def test_a_health_text_without_its_source_names_file_and_field(content_copy: Path) -> None:
    path = content_copy / "reminders.yaml"
    text = path.read_text(encoding="utf-8")
    marked = "      source: article\n  credit:"
    path.write_text(text.replace(marked, "  credit:", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"reminders\.yaml: reminder\.why\[3\]\.source"):
        load_content(content_copy)

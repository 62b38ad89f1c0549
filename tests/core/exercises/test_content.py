"""Exercise content: every file valid, every article exercise present, every reference resolving."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content import Content, ContentError, load_content
from bot.content.coaching import Coaching
from bot.content.exercises import AvoidList, ExerciseFile, RoutineBook
from bot.content.loader import read_yaml, validate
from bot.core.exercises.catalogue import exercise_index, routine_index
from bot.core.exercises.plan import plan_for
from bot.core.exercises.render import routine_action, start_action
from bot.core.messages import Button

ARTICLE_EXERCISES = {
    # "5 exercises to relieve lower back pain"
    "Bridges": "bridges",
    "Lower Back Twists": "lower-back-twists",
    "Cat-Cow Movements": "cat-cow",
    "Hamstring Stretches": "supine-hamstring-stretch",  # the one that keeps the back down
    "Aerobic Exercises": "walking",
    # "3 exercises that strengthen your back"
    "Supine Hamstring Stretch": "supine-hamstring-stretch",
    "Knee to Chest": "knee-to-chest",
    "Piriformis Stretch": "piriformis-stretch",
    "Prone Quadriceps Stretch": "prone-quadriceps-stretch",
    "Calf stretch": "calf-stretch",
    # "Which 3 core exercises target your lower back?"
    "Planks": "planks",
    "Bird dog": "bird-dog",
    "Mad cat": "mad-cat",
    # "How do you build back strength?"
    "Resistance band pull-apart": "resistance-band-pull-apart",
    "Lat pulldown": "lat-pulldown",
    "Back extension": "back-extension",
    "Suspended row": "suspended-row",
    "Wood chop": "wood-chop",
    "Good morning": "good-morning",
    "Quadruped single-arm dumbbell row": "quadruped-single-arm-dumbbell-row",
    "Wide dumbbell bent-over row": "wide-dumbbell-bent-over-row",
    # "Try this instead"
    "Modified sit-ups": "partial-crunches",
    "Walking": "walking",
    # "What is the best exercise for lower back pain?"
    "Child’s Pose": "childs-pose",
    "Knee-to-chest": "knee-to-chest",
    "Piriformis stretch": "piriformis-stretch",
    "Seated spinal twist": "seated-spinal-twist",
    "Pelvic tilt": "pelvic-tilt",
    "Cat-Cow": "cat-cow",
    "Sphinx stretch": "sphinx-stretch",
    # "How do I rehab my lower back?"
    "Pelvic Lift": "pelvic-lift",
    "Leg Slides": "leg-slides",
    "Hip Bridge": "hip-bridge",
    "Upper-Body Lifts": "upper-body-lifts",
    "Bend Over": "bend-over",
    "Bird Dog": "bird-dog",
    "Partial Crunches": "partial-crunches",
}
ARTICLE_AVOID = {
    "Crunches": "crunches",
    "High-impact activities": "high-impact-activities",
    "Running": "running",
    "Biking off road": "off-road-biking",
}


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def test_every_exercise_file_matches_the_schema(repo_root: Path) -> None:
    files = sorted((repo_root / "content" / "exercises").glob("*.yaml"))
    assert files
    for path in files:
        validate(path, read_yaml(path), ExerciseFile)


@pytest.mark.parametrize(
    ("name", "model"),
    [("routines.yaml", RoutineBook), ("avoid.yaml", AvoidList), ("coaching.yaml", Coaching)],
)
def test_routine_avoid_and_coaching_files_match_the_schema(
    repo_root: Path, name: str, model: type[RoutineBook | AvoidList | Coaching]
) -> None:
    path = repo_root / "content" / name
    validate(path, read_yaml(path), model)


@pytest.mark.parametrize(("name", "exercise_id"), sorted(ARTICLE_EXERCISES.items()))
def test_every_exercise_the_article_names_resolves(
    content: Content, name: str, exercise_id: str
) -> None:
    found = exercise_index(content).lookup(name).found
    assert found is not None and found.id == exercise_id


@pytest.mark.parametrize(("name", "avoid_id"), sorted(ARTICLE_AVOID.items()))
def test_every_exercise_to_avoid_resolves_to_its_explanation(
    content: Content, name: str, avoid_id: str
) -> None:
    found = exercise_index(content).lookup(name).found
    assert found is not None and found.id == avoid_id
    assert content.avoid.get(avoid_id) is not None


def test_the_side_lying_leg_raise_has_the_articles_exact_five_steps(content: Content) -> None:
    exercise = content.exercises.get("side-lying-leg-raise")
    assert exercise is not None
    assert [s.text for s in exercise.steps] == [
        "Lie on one side, keeping your lower leg slightly bent on the ground.",
        "Engage your core by drawing your belly button in toward your spine.",
        "Raise your top leg without moving the rest of your body.",
        "Hold for 2 seconds at the top. Repeat 10 times.",
        "Repeat on other side. Perform 3 sets on each side.",
    ]
    assert {s.source for s in exercise.steps} == {"article"}
    assert (exercise.sets, len(exercise.sides)) == (3, 2)
    assert (exercise.steps[3].hold_seconds, exercise.steps[3].reps) == (2, 10)


def test_completions_of_cut_descriptions_are_marked_editorial(content: Content) -> None:
    planks = content.exercises.get("planks")
    assert planks is not None
    assert planks.steps[0].source == "article"
    assert all(step.source == "editorial" for step in planks.steps[1:])


def test_the_articles_routines_have_its_exercises_in_order(content: Content) -> None:
    def ids(routine_id: str) -> list[str]:
        routine = content.routines.get(routine_id)
        assert routine is not None
        return [item.exercise for item in routine.items]

    assert ids("relieve-lower-back-pain") == [
        "bridges", "lower-back-twists", "cat-cow", "supine-hamstring-stretch", "walking",
    ]  # fmt: skip
    assert ids("core-for-lower-back") == ["planks", "bird-dog", "mad-cat"]
    assert ids("build-back-strength")[0] == "resistance-band-pull-apart"
    assert ids("build-back-strength")[-1] == "wide-dumbbell-bent-over-row"
    assert len(ids("build-back-strength")) == 8
    assert len(ids("rehab-lower-back")) == 8
    assert len(ids("best-for-lower-back-pain")) == 7
    assert ids("beginner")


def test_every_routine_expands_and_every_start_action_fits_a_button(content: Content) -> None:
    for routine in content.routines.routines:
        plan = plan_for(content, "routine", routine.id)
        assert plan is not None and plan.steps
        Button(routine.name, routine_action(routine.id))
        assert routine_index(content).lookup(routine.name).found == routine
    for exercise in content.exercises.exercises:
        Button(exercise.name, start_action(exercise.id))


def test_faq_references_to_exercises_and_routines_resolve(content: Content) -> None:
    referenced = [e for e in content.faq.entries if e.exercise or e.routine]
    assert referenced
    for entry in referenced:
        if entry.exercise:
            assert content.exercises.get(entry.exercise) is not None
        if entry.routine:
            assert content.routines.get(entry.routine) is not None


@pytest.fixture
def content_copy(repo_root: Path, tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(repo_root / "content", target)
    return target


def test_an_faq_reference_to_a_missing_routine_names_file_and_field(content_copy: Path) -> None:
    faq = content_copy / "faq.yaml"
    faq.write_text(faq.read_text().replace("routine: beginner", "routine: no-such-routine"))
    with pytest.raises(ContentError, match=r"faq\.yaml: entries\[beginners\]\.routine"):
        load_content(content_copy)


def test_a_routine_naming_a_missing_exercise_names_file_and_field(content_copy: Path) -> None:
    routines = content_copy / "routines.yaml"
    routines.write_text(routines.read_text().replace("exercise: mad-cat", "exercise: mad-dog"))
    with pytest.raises(
        ContentError, match=r"routines\.yaml: routines\[core-for-lower-back\]\.items\[2\]\.exercise"
    ):
        load_content(content_copy)


def test_a_step_without_a_source_names_file_and_exercise(content_copy: Path) -> None:
    path = content_copy / "exercises" / "03-core.yaml"
    text = path.read_text().replace(
        '"Position yourself with your hands and knees on floor."\n        source: article',
        '"Position yourself with your hands and knees on floor."',
    )
    path.write_text(text)
    with pytest.raises(
        ContentError, match=r"03-core\.yaml: exercises\[mad-cat\]\.steps\[0\]\.source"
    ):
        load_content(content_copy)


def test_an_exercise_id_used_twice_across_files_is_refused(content_copy: Path) -> None:
    path = content_copy / "exercises" / "07-extra.yaml"
    path.write_text(
        "exercises:\n  - id: planks\n    name: Other planks\n    kind: strength\n"
        "    muscle_groups: [core]\n    position: standing\n    article_text: name-only\n"
        "    steps:\n      - text: Stand.\n        source: editorial\n"
    )
    with pytest.raises(ContentError, match=r"07-extra\.yaml: exercises\[planks\]\.id"):
        load_content(content_copy)


def test_a_name_shared_by_two_exercises_is_refused(content_copy: Path) -> None:
    path = content_copy / "exercises" / "03-core.yaml"
    path.write_text(path.read_text().replace('aliases: ["plank",', 'aliases: ["birddog",'))
    with pytest.raises(ContentError, match="'birddog' also names"):
        load_content(content_copy)


def test_an_unknown_placeholder_in_coaching_is_refused(content_copy: Path) -> None:
    path = content_copy / "coaching.yaml"
    path.write_text(path.read_text().replace("{reps} repetitions at", "{rep} repetitions at"))
    with pytest.raises(ContentError, match=r"coaching\.yaml.*reps_prompt: unknown placeholder"):
        load_content(content_copy)

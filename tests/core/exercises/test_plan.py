"""How exercises and routines expand into the steps a session walks."""

from __future__ import annotations

from bot.content import load_content
from bot.core.exercises.plan import plan_for

CONTENT = load_content()


def test_sides_alternate_within_each_set_as_the_article_prescribes() -> None:
    plan = plan_for(CONTENT, "exercise", "side-lying-leg-raise")
    assert plan is not None
    assert len(plan.steps) == 5 * 3 * 2
    passes = [(s.set_number, s.side) for s in plan.steps if s.step_number == 1]
    assert passes == [
        (1, "left side"), (1, "right side"),
        (2, "left side"), (2, "right side"),
        (3, "left side"), (3, "right side"),
    ]  # fmt: skip
    hold_steps = [s for s in plan.steps if s.hold_seconds]
    assert len(hold_steps) == 6 and all((s.hold_seconds, s.reps) == (2, 10) for s in hold_steps)


def test_a_routine_dose_overrides_the_exercises_own() -> None:
    plan = plan_for(CONTENT, "routine", "beginner")
    assert plan is not None
    bridges = [s for s in plan.steps if s.exercise.id == "bridges"]
    assert {s.sets for s in bridges} == {1}
    assert [s.reps for s in bridges if s.reps] == [8]
    leg_raise = [s for s in plan.steps if s.exercise.id == "side-lying-leg-raise"]
    assert len(leg_raise) == 5 * 3 * 2, "the article's own dose is kept"
    numbers = {(s.exercise.id, s.exercise_number, s.exercises) for s in plan.steps}
    assert ("walking", 4, 4) in numbers


def test_a_missing_target_has_no_plan() -> None:
    assert plan_for(CONTENT, "exercise", "moonwalk") is None
    assert plan_for(CONTENT, "routine", "moonwalk") is None

"""Expanding an exercise or a routine into the ordered steps a session walks.

The plan is computed from content whenever it is needed, never stored: a
session row keeps only its position in it. Within an exercise the order is
set by set, side by side, step by step ("Repeat on other side. Perform 3 sets
on each side."), so a two-sided exercise alternates sides within each set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.content import Content, Exercise, ExerciseStep, RoutineItem

Target = Literal["exercise", "routine"]


@dataclass(frozen=True, slots=True)
class PlannedStep:
    exercise: Exercise
    step: ExerciseStep
    step_number: int
    steps: int
    set_number: int
    sets: int
    side: str | None
    reps: int | None
    hold_seconds: int | None
    exercise_number: int = 1
    exercises: int = 1
    """Position of the exercise within its routine (1 of 1 outside a routine)."""

    @property
    def opens_exercise(self) -> bool:
        """The exercise's first step of its first set (and first side): said once per exercise."""
        sides = self.exercise.sides
        return (
            self.step_number == 1 and self.set_number == 1 and (not sides or self.side == sides[0])
        )


@dataclass(frozen=True, slots=True)
class Plan:
    target: Target
    target_id: str
    name: str
    steps: tuple[PlannedStep, ...]

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return tuple(dict.fromkeys(s.exercise for s in self.steps))


def plan_for(content: Content, target: Target, target_id: str) -> Plan | None:
    """The plan of an exercise or routine by id; ``None`` if the content no longer has it."""
    if target == "exercise":
        exercise = content.exercises.get(target_id)
        if exercise is None:
            return None
        return Plan(target, target_id, exercise.name, expand(exercise))
    routine = content.routines.get(target_id)
    if routine is None:
        return None
    steps: list[PlannedStep] = []
    for number, item in enumerate(routine.items, start=1):
        exercise = content.exercises.get(item.exercise)
        if exercise is None:  # the loader's reference check makes this unreachable
            return None
        steps += expand(exercise, item, number=number, of=len(routine.items))
    return Plan(target, target_id, routine.name, tuple(steps))


def expand(
    exercise: Exercise, dose: RoutineItem | None = None, *, number: int = 1, of: int = 1
) -> tuple[PlannedStep, ...]:
    sets = dose.sets if dose and dose.sets else exercise.sets
    sides: tuple[str | None, ...] = exercise.sides or (None,)
    dose_reps = dose.reps if dose else None
    dose_hold = dose.hold_seconds if dose else None
    planned: list[PlannedStep] = []
    for set_number in range(1, sets + 1):
        for side in sides:
            for step_number, step in enumerate(exercise.steps, start=1):
                planned.append(
                    PlannedStep(
                        exercise=exercise,
                        step=step,
                        step_number=step_number,
                        steps=len(exercise.steps),
                        set_number=set_number,
                        sets=sets,
                        side=side,
                        reps=(dose_reps or step.reps) if step.reps else None,
                        hold_seconds=(dose_hold or step.hold_seconds)
                        if step.hold_seconds
                        else None,
                        exercise_number=number,
                        exercises=of,
                    )
                )
    return tuple(planned)

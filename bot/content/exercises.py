"""Exercises, routines and the exercises to avoid, as data.

Every step says whether its words are the article's (``source: article``) or
ours (``editorial``), and every exercise says how much of it the article gives
(``article_text``), which picks the one footnote shown under its first step.
Doses (reps, hold seconds, sets, sides) are data too, so the session engine
walks any exercise without knowing it; ``dose_source`` says whose they are.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.content.sources import Source, Sourced

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MAX_ID_LENGTH = 36
"""Keeps start actions (``ex:routine:<id>``) inside the platforms' button limits."""

MuscleGroup = Literal["core", "lower-back", "glutes", "hips", "legs", "upper-back", "shoulders"]
ExerciseKind = Literal["strength", "stretch", "mobility", "aerobic"]
"""Only ``strength`` work needs a rest day for its muscle groups (the article's advice)."""
ArticleText = Literal["full", "cut-short", "name-only"]
"""How much of an exercise the article gives.

``full``: every step is the article's. ``cut-short``: the article's description
stops ("…") after its first step, the rest is ours. ``name-only``: the article
names the exercise without describing it, every step is ours.
"""
Position = Literal[
    "lying on your back",
    "lying on your side",
    "lying on your stomach",
    "on all fours",
    "on your forearms and toes",
    "kneeling",
    "sitting",
    "standing",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExerciseStep(_Strict):
    text: str = Field(min_length=3)
    source: Source
    reps: int | None = Field(default=None, ge=1, le=100)
    """Repetitions the person does at their own pace, then presses Done."""
    hold_seconds: int | None = Field(default=None, ge=1, le=3600)
    """A hold the bot counts; with ``reps`` the bot counts the first hold to set the pace."""
    after_hold: str | None = None
    """What to say when the hold is over, instead of the usual "Hold done – release"."""

    @model_validator(mode="after")
    def _after_hold_needs_hold(self) -> ExerciseStep:
        if self.after_hold is not None and self.hold_seconds is None:
            raise ValueError("after_hold needs hold_seconds")
        return self


class Exercise(_Strict):
    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)
    name: str = Field(min_length=3)
    aliases: tuple[str, ...] = ()
    """Other names people type, e.g. ``birddog``; matched loosely by the catalogue."""
    kind: ExerciseKind
    muscle_groups: tuple[MuscleGroup, ...] = Field(min_length=1)
    equipment: tuple[str, ...] = ()
    position: Position
    sets: int = Field(default=1, ge=1, le=10)
    sides: tuple[str, ...] = ()
    """Labels of the sides walked in turn within each set, e.g. ``left side``; empty for none."""
    steps: tuple[ExerciseStep, ...] = Field(min_length=1)
    article_text: ArticleText
    dose_source: Source = "editorial"
    """Whose sets, reps and holds these are: ``article`` when the article gives them
    (the leg raise's 3 sets of 10, walking's ten to fifteen minutes). A routine may
    change an article dose only with a note saying why."""
    cautions: tuple[Sourced, ...] = ()
    """Backcoach's advice, shown under a heading that says so: ``source: editorial`` only
    (the article's own words belong in ``about`` or the steps)."""
    about: Sourced | None = None
    """Why the exercise is here: the article's line about it, or backcoach's note."""

    @model_validator(mode="after")
    def _cautions_are_ours(self) -> Exercise:
        if any(caution.source != "editorial" for caution in self.cautions):
            raise ValueError("cautions are backcoach's advice: source must be editorial")
        return self

    @model_validator(mode="after")
    def _steps_match_article_text(self) -> Exercise:
        """The footnote chosen by ``article_text`` must be true of the steps' sources."""
        sources = [step.source for step in self.steps]
        ours = ["editorial"] * (len(sources) - 1)
        expected = {
            "full": ["article"] * len(sources),
            "cut-short": ["article", *ours],
            "name-only": ["editorial"] * len(sources),
        }[self.article_text]
        if sources != expected or (self.article_text == "cut-short" and not ours):
            raise ValueError(
                f"article_text {self.article_text} needs step sources {expected} "
                f"(at least two for cut-short), not {sources}"
            )
        return self


class ExerciseFile(_Strict):
    """One file under ``content/exercises/``."""

    exercises: tuple[Exercise, ...] = Field(min_length=1)


class ExerciseBook(_Strict):
    """Every exercise; ``loader._load_exercises`` refuses duplicate ids, naming both files."""

    exercises: tuple[Exercise, ...] = Field(min_length=1)

    def get(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)


class RoutineItem(_Strict):
    """One exercise of a routine with the routine's dose, overriding the exercise's own."""

    exercise: str = Field(pattern=ID_PATTERN)
    sets: int | None = Field(default=None, ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=100)
    hold_seconds: int | None = Field(default=None, ge=1, le=3600)
    note: Sourced | None = None
    """Shown when the routine is introduced, e.g. how an article item maps to this exercise,
    or why the routine changes the article's dose."""

    @property
    def changes_dose(self) -> bool:
        return any(v is not None for v in (self.sets, self.reps, self.hold_seconds))


class Routine(_Strict):
    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)
    name: str = Field(min_length=3)
    aliases: tuple[str, ...] = ()
    source: Source
    about: str = Field(min_length=3)
    items: tuple[RoutineItem, ...] = Field(min_length=1)


class RoutineBook(_Strict):
    routines: tuple[Routine, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique(self) -> RoutineBook:
        seen: set[str] = set()
        for routine in self.routines:
            if routine.id in seen:
                raise ValueError(f"duplicate routine id {routine.id!r}")
            seen.add(routine.id)
        return self

    def get(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)


class Alternative(_Strict):
    text: str = Field(min_length=3)
    """The article's "Try this instead", e.g. "Modified sit-ups"."""
    exercise: str | None = Field(default=None, pattern=ID_PATTERN)
    """The exercise to offer with a start button, when we have one."""
    note: Sourced | None = None
    """How backcoach reads the alternative, e.g. modified sit-ups as partial crunches."""


class AvoidItem(_Strict):
    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)
    name: str = Field(min_length=3)
    aliases: tuple[str, ...] = ()
    why: Sourced
    instead: Alternative


class AvoidList(_Strict):
    avoid: tuple[AvoidItem, ...] = Field(min_length=1)

    def get(self, item_id: str) -> AvoidItem | None:
        return next((a for a in self.avoid if a.id == item_id), None)


def name_key(name: str) -> str:
    """What two names must share to be the same name: case, quotes, dashes and spaces ignored.

    "Child’s pose", "childs pose" and "CHILD'S-POSE" share a key; the catalogue
    and the loader's uniqueness check both use it.
    """
    kept = (ch for ch in name.casefold() if ch.isalnum())
    return "".join(kept)

"""Finds, parses and validates the content files at start-up.

A mistake in a content file must stop the bot with one line that names the
file and the field, never surface later as a wrong answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from bot.content.calibration import Calibration
from bot.content.challenges import ChallengeTexts
from bot.content.coaching import Coaching
from bot.content.commands import CommandTexts
from bot.content.exercises import (
    AvoidList,
    Exercise,
    ExerciseBook,
    ExerciseFile,
    RoutineBook,
    name_key,
)
from bot.content.faq import FaqBook
from bot.content.reminders import ReminderTexts
from bot.content.safety import Safety
from bot.content.texts import Messages
from bot.content.understanding import (
    LOOK_ALIKE,
    OUT_OF_SCOPE,
    RED_FLAG,
    Learnt,
    LearntMessage,
    Understanding,
)

M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """A content file is missing, unreadable or invalid."""


@dataclass(frozen=True, slots=True)
class Content:
    faq: FaqBook
    messages: Messages
    safety: Safety
    exercises: ExerciseBook
    routines: RoutineBook
    avoid: AvoidList
    coaching: Coaching
    reminders: ReminderTexts
    challenges: ChallengeTexts
    commands: CommandTexts
    understanding: Understanding
    learnt: Learnt
    calibration: Calibration
    root: Path | None = None
    """Where the files were read from (derived data, such as cached vectors, lives there)."""


def default_content_dir() -> Path:
    """The content shipped with the installed package, or the repo's ``content/``.

    A wheel carries the files as ``bot/_content`` (see pyproject.toml); an
    editable install or a source checkout reads ``content/`` beside ``bot/``.
    """
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "_content"
    if installed.is_dir():
        return installed
    return package_dir.parent / "content"


def load_content(root: Path | None = None) -> Content:
    root = root or default_content_dir()
    if not root.is_dir():
        raise ContentError(f"content directory not found: {root}")
    content = Content(
        faq=_load(root / "faq.yaml", FaqBook),
        messages=_load(root / "messages.yaml", Messages),
        safety=_load(root / "safety.yaml", Safety),
        exercises=_load_exercises(root / "exercises"),
        routines=_load(root / "routines.yaml", RoutineBook),
        avoid=_load(root / "avoid.yaml", AvoidList),
        coaching=_load(root / "coaching.yaml", Coaching),
        reminders=_load(root / "reminders.yaml", ReminderTexts),
        challenges=_load(root / "challenges.yaml", ChallengeTexts),
        commands=_load(root / "commands.yaml", CommandTexts),
        understanding=_load(root / "understanding.yaml", Understanding),
        learnt=load_learnt(root / "learnt"),
        calibration=_load(root / "calibration.yaml", Calibration),
        root=root,
    )
    _check_references(root, content)
    return content


def _load_exercises(folder: Path) -> ExerciseBook:
    """Every ``*.yaml`` under ``content/exercises/``, in name order; ids unique across files."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ContentError(f"{folder}: no exercise files (*.yaml) found")
    seen: dict[str, Path] = {}
    exercises: list[Exercise] = []
    for path in files:
        for exercise in _load(path, ExerciseFile).exercises:
            if exercise.id in seen:
                raise ContentError(
                    f"{path}: exercises[{exercise.id}].id: already used in {seen[exercise.id]}"
                )
            seen[exercise.id] = path
            exercises.append(exercise)
    return ExerciseBook(exercises=tuple(exercises))


def load_learnt(folder: Path) -> Learnt:
    """Every ``*.jsonl`` in ``folder`` (``content/learnt/``), in name order: one message
    per line."""
    messages: list[LearntMessage] = []
    for path in sorted(folder.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        filled = [line for line in lines if line.strip()]
        try:  # 14,000 lines at every start: pydantic parses and checks a file at once
            read = _LEARNT_FILE.validate_json(f"[{','.join(filled)}]")
        except ValidationError:
            read = []
        if len(read) != len(filled):  # a line refused, or one line holding two messages
            read = [_learnt_line(path, n, line) for n, line in enumerate(lines, 1) if line.strip()]
        messages += read
    return Learnt(messages=tuple(messages))


TRAINING = "training"
"""The folder of ``content/`` whose sets only the sign head learns from."""


def load_training(root: Path) -> Learnt:
    """``content/training/``: earlier rounds' sets that only the trained sign head learns
    from. They are read when a head is trained or checked, never at start-up, and are
    not the meaning reader's neighbours: comparing every message with 13,800 more rows
    would slow it, and as neighbours such sets gave nothing (docs/understanding.md)."""
    return load_learnt(root / TRAINING)


_LEARNT_FILE = TypeAdapter(list[LearntMessage])


def _learnt_line(path: Path, number: int, line: str) -> LearntMessage:
    """A line of a learnt file pydantic refused, read on its own to say where and why."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise ContentError(f"{path}:{number}: not valid JSON: {error.msg}") from None
    return validate(Path(f"{path}:{number}"), row, LearntMessage)


def _check_references(root: Path, content: Content) -> None:
    """Every id one file uses must exist in another; names must not collide when typed."""
    book = content.exercises
    problems: list[str] = []
    for routine in content.routines.routines:
        for index, item in enumerate(routine.items):
            field = f"{root / 'routines.yaml'}: routines[{routine.id}].items[{index}]"
            exercise = book.get(item.exercise)
            if exercise is None:
                problems.append(f"{field}.exercise: unknown exercise {item.exercise!r}")
                continue
            if item.reps is not None and not any(s.reps for s in exercise.steps):
                problems.append(f"{field}.reps: {exercise.id} has no step with reps")
            if item.hold_seconds is not None and not any(s.hold_seconds for s in exercise.steps):
                problems.append(f"{field}.hold_seconds: {exercise.id} has no step with a hold")
            if exercise.dose_source == "article" and item.changes_dose and item.note is None:
                problems.append(
                    f"{field}: changes the article's dose of {exercise.id}; "
                    "keep it, or add a note saying why"
                )
    for avoid in content.avoid.avoid:
        target = avoid.instead.exercise
        if target is not None and book.get(target) is None:
            problems.append(
                f"{root / 'avoid.yaml'}: avoid[{avoid.id}].instead.exercise: "
                f"unknown exercise {target!r}"
            )
    for suggestion in content.coaching.rest_day_suggestions:
        if book.get(suggestion) is None:
            problems.append(
                f"{root / 'coaching.yaml'}: rest_day_suggestions: unknown exercise {suggestion!r}"
            )
    for entry in content.faq.entries:
        field = f"{root / 'faq.yaml'}: entries[{entry.id}]"
        if entry.exercise is not None and book.get(entry.exercise) is None:
            problems.append(f"{field}.exercise: unknown exercise {entry.exercise!r}")
        if entry.routine is not None and content.routines.get(entry.routine) is None:
            problems.append(f"{field}.routine: unknown routine {entry.routine!r}")
    faq_ids = {entry.id for entry in content.faq.entries}
    sign_ids = {sign.id for sign in content.safety.signs}
    for key in content.understanding.faq.keys() - faq_ids:
        problems.append(f"{root / 'understanding.yaml'}: faq.{key}: unknown FAQ entry")
    for key in content.understanding.signs.keys() - sign_ids:
        problems.append(f"{root / 'understanding.yaml'}: signs.{key}: unknown warning sign")
    questions = {entry.question for entry in content.faq.entries}
    for message in content.learnt.messages:  # 14,000 of them: a place is named only when wrong
        if message.label in (RED_FLAG, LOOK_ALIKE):
            if message.sign not in sign_ids:
                problems.append(
                    f"{_learnt(root, message)}: sign: unknown warning sign {message.sign!r}"
                )
        elif message.label != OUT_OF_SCOPE and message.label not in questions:
            problems.append(
                f"{_learnt(root, message)}: label: unknown FAQ question {message.label!r}"
            )
    problems += _name_clashes(root, content)
    if problems:
        raise ContentError("; ".join(problems))


def _learnt(root: Path, message: LearntMessage) -> str:
    return f"{root / 'learnt'}: {message.text[:40]!r}"


def _name_clashes(root: Path, content: Content) -> list[str]:
    """A typed name must lead to one exercise (or one thing to avoid), and one routine."""
    problems: list[str] = []
    owners: dict[str, str] = {}
    named = [(e.id, "exercises", (e.id, e.name, *e.aliases)) for e in content.exercises.exercises]
    named += [(a.id, "avoid.yaml", (a.id, a.name, *a.aliases)) for a in content.avoid.avoid]
    for owner, where, names in named:
        for name in names:
            key = name_key(name)
            if owners.setdefault(key, owner) != owner:
                problems.append(f"{root / where}: [{owner}] name {name!r} also names {owners[key]}")
    owners.clear()
    for routine in content.routines.routines:
        for name in (routine.id, routine.name, *routine.aliases):
            key = name_key(name)
            if owners.setdefault(key, routine.id) != routine.id:
                problems.append(
                    f"{root / 'routines.yaml'}: routines[{routine.id}] name {name!r} "
                    f"also names {owners[key]}"
                )
    return problems


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it: the examples file alone takes 0.3 s in pure Python."""


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_SafeLoader)
    except FileNotFoundError:
        raise ContentError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from None


def _load(path: Path, model: type[M]) -> M:
    return validate(path, read_yaml(path), model)


def validate(path: Path, data: Any, model: type[M]) -> M:
    """Validate parsed data, turning pydantic's report into file + field lines."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{_field_path(data, err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ContentError(f"{path}: {problems}") from None


def _field_path(data: Any, loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location, naming list items by their id when they have one."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            item = node[key]
            ident = item.get("id") if isinstance(item, dict) else None
            parts.append(f"[{ident}]" if ident else f"[{key}]")
            node = item
        else:
            parts.append(f".{key}" if parts else str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"

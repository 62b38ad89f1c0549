"""Turning a planned step into the message a person sees, with its buttons.

Buttons carry the session id and the step's position (``ex:next:<session>:<position>``),
so a press is always checked against the session's state before it does anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.content import AvoidItem, Coaching, Content, Exercise, Routine, Sourced
from bot.content.texts import Words
from bot.core.actions import Action
from bot.core.exercises.plan import PlannedStep
from bot.core.markup import Markup, fill, quote
from bot.core.messages import Button, OutboundMessage, buttons_in_rows, message
from bot.core.sources import credit, shown, shown_text
from bot.core.times.local import join_list

EXERCISE = Action("ex")
"""Every exercise button: ``ex:start:<exercise-id>``, ``ex:routine:<routine-id>``, and a
step's controls ``ex:<verb>:<session>:<position>`` (answered by
:func:`bot.core.exercises.handlers.exercise_action`)."""
START = "start"
ROUTINE = "routine"
MENU_COLUMNS = 2


def start_action(exercise_id: str) -> str:
    """The action that starts an exercise (or explains an item to avoid): ``ex:start:<id>``."""
    return EXERCISE.id(START, exercise_id)


def routine_action(routine_id: str) -> str:
    """The action that starts a routine: ``ex:routine:<id>``."""
    return EXERCISE.id(ROUTINE, routine_id)


def control_action(verb: str, session_id: int, position: int) -> str:
    return EXERCISE.id(verb, session_id, position)


def said_about(template: str, typed: str) -> Markup:
    """A content template around what a person typed, which stays a plain (quoted) span."""
    return fill(template, query=quote(typed))


def duration(coaching: Coaching, seconds: int) -> str:
    """``1 minute``, ``90 seconds``: whole minutes when the time is whole minutes."""
    if seconds % 60 == 0:
        return fill(coaching.duration_minutes, minutes=seconds // 60).text
    return fill(coaching.duration_seconds, seconds=seconds).text


def listing(items: Iterable[str], words: Words) -> str:
    """``a``, ``a and b``, ``a, b and c`` of content ids (``lower-back`` reads as words)."""
    return join_list([item.replace("-", " ") for item in items], words)


def progress(coaching: Coaching, planned: PlannedStep) -> str:
    parts = [fill(coaching.progress_step, step=planned.step_number, steps=planned.steps).text]
    if planned.sets > 1:
        parts.append(fill(coaching.progress_set, set=planned.set_number, sets=planned.sets).text)
    if planned.side:
        parts.append(planned.side)
    return " · ".join(parts)


def step_message(
    coaching: Coaching, planned: PlannedStep, session_id: int, position: int, phase: str
) -> OutboundMessage:
    """One step: title, progress, the instruction, what the bot will do, and the controls.

    The exercise's first step carries the footnote that says how much of it is the
    article's: once per exercise, not under every step.
    """
    exercise = planned.exercise
    if planned.exercises > 1:
        title = fill(
            coaching.progress_exercise,
            number=planned.exercise_number,
            count=planned.exercises,
            name=exercise.name,
        ).text
    else:
        title = exercise.name
    lines = [Markup.bold(title), Markup.plain(progress(coaching, planned)), Markup.plain("")]
    lines.append(Markup.plain(planned.step.text))
    lines += _dose_lines(coaching, planned, phase)
    footnote = _footnote(coaching, planned)
    if footnote:
        lines += [Markup.plain(""), Markup.italic(footnote)]
    hold = planned.hold_seconds if phase == "hold" else None
    return message(
        Markup.join(lines),
        buttons=controls(coaching, session_id, position, phase),
        follow_up_in=float(hold) if hold else None,
    )


def _footnote(coaching: Coaching, planned: PlannedStep) -> str | None:
    if not planned.opens_exercise:
        return None
    return {
        "cut-short": coaching.footnote_cut_short,
        "name-only": coaching.footnote_name_only,
    }.get(planned.exercise.article_text)


def _dose_lines(coaching: Coaching, planned: PlannedStep, phase: str) -> list[Markup]:
    hold, reps = planned.hold_seconds, planned.reps
    if phase == "hold" and hold is not None:
        template = coaching.hold_first_rep if reps else coaching.hold_started
        return [Markup.plain(""), fill(template, duration=duration(coaching, hold))]
    if phase == "reps" and reps is not None:
        return [Markup.plain(""), fill(coaching.reps_prompt, reps=reps)]
    return []


def controls(coaching: Coaching, session_id: int, position: int, phase: str) -> list[list[Button]]:
    labels = coaching.buttons
    forward = Button(labels.done, control_action("done", session_id, position))
    if phase != "reps":
        forward = Button(labels.next, control_action("next", session_id, position))
    middle = [Button(labels.repeat, control_action("repeat", session_id, position))]
    if position > 0:
        middle.append(Button(labels.back, control_action("back", session_id, position)))
    return [
        [forward],
        middle,
        [
            Button(labels.stop, control_action("stop", session_id, position)),
            Button(labels.hurts, control_action("hurt", session_id, position)),
        ],
    ]


def hold_over_message(
    coaching: Coaching, planned: PlannedStep, session_id: int, position: int
) -> OutboundMessage:
    """The push when a hold of a step with reps is over: release, then the Done prompt."""
    text = Markup.join(
        [
            Markup.plain(coaching.hold_done),
            fill(coaching.reps_after_hold, reps=planned.reps),
        ]
    )
    return message(text, buttons=controls(coaching, session_id, position, "reps"))


def exercise_intro(
    content: Content, exercise: Exercise, *, credit_article: bool = True
) -> list[Markup]:
    """What to know before the first step: why, equipment, backcoach's cautions, the credit.

    Every exercise is from the article's lists, so the intro credits it; within a
    routine the routine's own intro already has (``credit_article=False``).
    """
    coaching, messages = content.coaching, content.messages
    lines: list[Markup] = []
    if exercise.about:
        lines.append(Markup.italic(shown_text(messages, exercise.about)))
    if exercise.equipment:
        equipment = listing(exercise.equipment, messages.words)
        lines.append(fill(coaching.equipment, equipment=equipment))
    if exercise.cautions:
        lines.append(Markup.bold(coaching.cautions_title))
        lines += [Markup.plain(f"• {caution.text}") for caution in exercise.cautions]
    if credit_article:
        lines.append(credit(messages))
    return lines


def routine_intro(content: Content, routine: Routine) -> OutboundMessage:
    """The routine's name, what it is (labelled when backcoach composed it), its exercises
    with their notes, and the article's credit."""
    coaching, messages = content.coaching, content.messages
    lines = [fill(coaching.routine_intro, name=routine.name, count=len(routine.items))]
    about = Sourced(text=routine.about, source=routine.source)
    lines.append(Markup.italic(shown_text(messages, about)))
    for number, item in enumerate(routine.items, start=1):
        exercise = content.exercises.get(item.exercise)
        name = exercise.name if exercise else item.exercise
        line = Markup.plain(f"{number}. {name}")
        if item.note:
            line = line + Markup.italic(f" ({shown_text(messages, item.note)})")
        lines.append(line)
    lines.append(credit(messages))
    return message(Markup.join(lines))


def exercise_menu(content: Content, intro: Markup) -> OutboundMessage:
    buttons = (Button(e.name, start_action(e.id)) for e in content.exercises.exercises)
    return message(intro, buttons=buttons_in_rows(buttons, MENU_COLUMNS))


def routine_menu(content: Content, intro: Markup) -> OutboundMessage:
    buttons = (Button(r.name, routine_action(r.id)) for r in content.routines.routines)
    return message(intro, buttons=buttons_in_rows(buttons))


def avoid_message(content: Content, item: AvoidItem) -> OutboundMessage:
    """That the article says to avoid it, why (backcoach's note, labelled as such), its
    "try this instead" with a start button, and the article's credit."""
    coaching, messages = content.coaching, content.messages
    lines = [
        shown(messages, coaching.avoid_intro, name=item.name),
        shown(messages, item.why),
        fill(coaching.avoid_instead, instead=item.instead.text),
    ]
    if item.instead.note is not None:
        lines.append(shown(messages, item.instead.note))
    text = Markup.join([*lines, credit(messages)])
    alternative = content.exercises.get(item.instead.exercise or "")
    buttons: list[list[Button]] = []
    if alternative is not None:
        label = fill(coaching.start_label, name=alternative.name).text
        buttons.append([Button(label, start_action(alternative.id))])
    return message(text, buttons=buttons)


def start_buttons(coaching: Coaching, exercises: Iterable[Exercise]) -> list[list[Button]]:
    return [
        [Button(fill(coaching.start_label, name=e.name).text, start_action(e.id))]
        for e in exercises
    ]

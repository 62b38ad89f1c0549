"""The session state machine: start, step forward and back, count holds, finish, stop.

The :class:`~bot.storage.models.ExerciseSession` row is the whole state, read
and written inside the turn's transaction; the plan comes from content each
time. A hold is a durable timer (kind :data:`HOLD_TIMER`, key = session id):
no handler ever sleeps, and a restarted bot fires the hold where it left off.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import BindParameter, ColumnElement, and_, select

from bot.core.disclaimer import with_disclaimer_line
from bot.core.exercises.history import finished_reply, strength_groups, yesterday_notice
from bot.core.exercises.plan import Plan, plan_for
from bot.core.exercises.render import (
    exercise_intro,
    hold_over_message,
    routine_intro,
    step_message,
)
from bot.core.markup import Markup, fill
from bot.core.messages import OutboundMessage, Reply, message
from bot.core.timers import cancel_timer, set_timer
from bot.core.turn import Turn
from bot.storage.models import ExerciseSession

HOLD_TIMER = "exercise-hold"
"""Timer kind of a counted hold; its data names the session and the step position."""


def in_progress_in(platform: str, chat_id: str) -> ColumnElement[bool]:
    """Sessions in progress in one chat: the condition every "is one running?" shares."""
    return and_(in_progress_on(platform), ExerciseSession.chat_id == chat_id)


def in_progress_on(platform: str | BindParameter[str]) -> ColumnElement[bool]:
    """Sessions in progress on a platform, in whichever chat: with a condition on the
    chat, :func:`in_progress_in` for several chats at once."""
    return and_(ExerciseSession.platform == platform, ExerciseSession.status == "active")


async def active_sessions(turn: Turn) -> list[ExerciseSession]:
    """This person's sessions in progress in this chat, newest first (normally none or one)."""
    result = await turn.session.execute(
        select(ExerciseSession)
        .where(
            ExerciseSession.person_id == turn.person.id,
            in_progress_in(turn.sender.platform, turn.chat.id),
        )
        .order_by(ExerciseSession.id.desc())
    )
    return list(result.scalars())


async def active_session(turn: Turn) -> ExerciseSession | None:
    """This person's session in this chat, if one is in progress."""
    return next(iter(await active_sessions(turn)), None)


def current_plan(turn: Turn, row: ExerciseSession) -> Plan | None:
    """The row's plan, or ``None`` if the content changed under it (the session cannot go on)."""
    plan = plan_for(
        turn.content, "routine" if row.target == "routine" else "exercise", row.target_id
    )
    if plan is None or len(plan.steps) != row.steps_total:
        return None
    return plan


async def start(turn: Turn, plan: Plan) -> Reply:
    """Begin ``plan`` here, replacing this person's unfinished session in this chat."""
    coaching = turn.content.coaching
    notes: Reply = []
    previous = await active_sessions(turn)
    for old in previous:  # two starts racing could have left two
        await end(turn, old, "replaced")
    if previous:
        notes.append(message(fill(coaching.replaced_notice, name=previous[0].name)))
    notes += await yesterday_notice(turn, plan)
    first_ever = not await _has_history(turn)
    now = turn.now
    row = ExerciseSession(
        person_id=turn.person.id,
        platform=turn.sender.platform,
        chat_id=turn.chat.id,
        private_chat=turn.chat.is_private,
        target=plan.target,
        target_id=plan.target_id,
        name=plan.name[:128],
        position=0,
        steps_total=len(plan.steps),
        phase="step",
        status="active",
        muscle_groups=strength_groups(plan),
        started_at=now,
        updated_at=now,
    )
    turn.session.add(row)
    await turn.session.flush()
    if plan.target == "routine":
        routine = turn.content.routines.get(plan.target_id)
        assert routine is not None  # plan_for found it
        intro = routine_intro(turn.content, routine)
    else:
        first = plan.steps[0].exercise
        lines = [fill(coaching.starting, name=first.name), *exercise_intro(turn.content, first)]
        intro = message(Markup.join(lines))
    if first_ever:  # the first exercise or routine a person starts comes with the disclaimer
        intro = with_disclaimer_line(intro, turn.content)
    return [*notes, intro, *await enter(turn, row, plan, introduce=plan.target == "routine")]


async def _has_history(turn: Turn) -> bool:
    """Whether this person has ever started a session (kept as history until /forget)."""
    found = await turn.session.execute(
        select(ExerciseSession.id).where(ExerciseSession.person_id == turn.person.id).limit(1)
    )
    return found.first() is not None


async def enter(turn: Turn, row: ExerciseSession, plan: Plan, *, introduce: bool = False) -> Reply:
    """Show the step at ``row.position`` and arm what it waits for (a hold timer, or Done)."""
    planned = plan.steps[row.position]
    row.hold_due_at = None
    row.updated_at = turn.now
    if planned.hold_seconds is not None:
        row.phase = "hold"
        row.hold_due_at = turn.now + timedelta(seconds=planned.hold_seconds)
        await set_timer(
            turn.session,
            kind=HOLD_TIMER,
            key=str(row.id),
            due_at=row.hold_due_at,
            person_id=turn.person.id,
            recipient=turn.recipient,
            private_chat=row.private_chat,
            data={"session": row.id, "position": row.position},
        )
    elif planned.reps is not None:
        row.phase = "reps"
    else:
        row.phase = "step"
    reply: Reply = []
    if introduce and plan.target == "routine" and planned.opens_exercise:
        lines = exercise_intro(turn.content, planned.exercise, credit_article=False)
        if lines:
            reply.append(message(Markup.join([Markup.bold(planned.exercise.name), *lines])))
    reply.append(show(turn, row, plan))
    return reply


def show(turn: Turn, row: ExerciseSession, plan: Plan) -> OutboundMessage:
    """The current step as it stands, without changing anything."""
    return step_message(
        turn.content.coaching, plan.steps[row.position], row.id, row.position, row.phase
    )


async def forward(turn: Turn, row: ExerciseSession, plan: Plan) -> Reply:
    """Next (or Done): the following step, or the end of the session."""
    if row.position + 1 >= len(plan.steps):
        await end(turn, row, "finished")
        return finished_reply(turn, plan)
    row.position += 1
    return await enter(turn, row, plan, introduce=True)


async def back(turn: Turn, row: ExerciseSession, plan: Plan) -> Reply:
    row.position = max(0, row.position - 1)
    return await enter(turn, row, plan)


async def hold_over(turn: Turn, row: ExerciseSession, plan: Plan) -> Reply:
    """The counted hold ended: release, then the Done prompt (reps) or the next step."""
    planned = plan.steps[row.position]
    row.hold_due_at = None
    row.updated_at = turn.now
    if planned.reps is not None:
        row.phase = "reps"
        return [hold_over_message(turn.content.coaching, planned, row.id, row.position)]
    release = message(planned.step.after_hold or turn.content.coaching.hold_done)
    return [release, *await forward(turn, row, plan)]


async def end(turn: Turn, row: ExerciseSession, status: str) -> None:
    """Close as ``finished``, ``stopped``, ``hurt`` or ``replaced``; the row stays as history."""
    await cancel_timer(turn.session, HOLD_TIMER, str(row.id))
    row.status = status
    row.hold_due_at = None
    row.ended_at = turn.now
    row.updated_at = turn.now

"""The commands, buttons, typed words and timers of guided exercise sessions.

Start actions other features may put on their own buttons:
``ex:start:<exercise-id>`` (an id from ``content/exercises/`` or ``content/avoid.yaml``)
and ``ex:routine:<routine-id>`` (from ``content/routines.yaml``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.answers import red_flag_message
from bot.core.events import Command, TextMessage
from bot.core.exercises import session as sessions
from bot.core.exercises.catalogue import NameIndex, exercise_index, routine_index
from bot.core.exercises.pain import mentions_pain
from bot.core.exercises.plan import plan_for
from bot.core.exercises.render import (
    ROUTINE,
    START,
    avoid_message,
    exercise_menu,
    routine_action,
    routine_menu,
    said_about,
    start_action,
)
from bot.core.markup import Markup
from bot.core.messages import Button, OutboundMessage, Reply, buttons_in_rows, message
from bot.core.turn import Services, Turn
from bot.core.typed import action_number
from bot.storage.models import Account, ExerciseSession


class Named(Protocol):
    """Anything a person can ask for by name: an exercise, an item to avoid, a routine."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)

NAVIGATION = frozenset({"next", "done", "repeat", "back"})
"""Controls that act on one step, so they must come from the current step's message."""


async def exercise_command(turn: Turn, command: Command) -> Reply:
    """``/exercise`` shows the menu; ``/exercise <name>`` starts it, explains it, or asks."""
    coaching = turn.content.coaching
    return await _by_name(
        turn,
        command.args,
        exercise_index(turn.content),
        menu=lambda intro: exercise_menu(turn.content, intro),
        menu_intro=coaching.menu_intro,
        unknown=coaching.unknown_exercise,
        start=start_exercise,
        action=start_action,
    )


async def routine_command(turn: Turn, command: Command) -> Reply:
    """``/routine`` shows the menu; ``/routine <name>`` starts it or asks."""
    coaching = turn.content.coaching
    return await _by_name(
        turn,
        command.args,
        routine_index(turn.content),
        menu=lambda intro: routine_menu(turn.content, intro),
        menu_intro=coaching.routine_menu_intro,
        unknown=coaching.unknown_routine,
        start=start_routine,
        action=routine_action,
    )


async def _by_name(
    turn: Turn,
    typed: str,
    index: NameIndex[N],
    *,
    menu: Callable[[Markup], OutboundMessage],
    menu_intro: str,
    unknown: str,
    start: Callable[[Turn, str], Awaitable[Reply]],
    action: Callable[[str], str],
) -> Reply:
    """The menu when nothing is typed; the match when one is found; else "did you mean"."""
    if not typed:
        return [menu(Markup.plain(menu_intro))]
    lookup = index.lookup(typed)
    if lookup.found is not None:
        return await start(turn, lookup.found.id)
    said = said_about(unknown, typed)
    if not lookup.suggestions:
        return [menu(said + "\n" + menu_intro)]
    buttons = (Button(item.name, action(item.id)) for item in lookup.suggestions)
    return [
        message(said + "\n" + turn.content.coaching.did_you_mean, buttons=buttons_in_rows(buttons))
    ]


async def start_exercise(turn: Turn, exercise_id: str) -> Reply:
    avoid = turn.content.avoid.get(exercise_id)
    if avoid is not None:
        return [avoid_message(turn.content, avoid)]
    plan = plan_for(turn.content, "exercise", exercise_id)
    if plan is None:
        return _ended(turn)
    return await sessions.start(turn, plan)


async def start_routine(turn: Turn, routine_id: str) -> Reply:
    plan = plan_for(turn.content, "routine", routine_id)
    if plan is None:
        return _ended(turn)
    return await sessions.start(turn, plan)


async def exercise_action(turn: Turn, rest: str) -> Reply:
    """Every ``ex:`` button: start actions, and the controls ``<verb>:<session>:<position>``.

    The row is locked (PostgreSQL) so two quick presses, or a press and a firing
    hold, are applied one after the other, each checked against the state the
    other left.
    """
    verb, _, tail = rest.partition(":")
    if verb == START:
        return await start_exercise(turn, tail)
    if verb == ROUTINE:
        return await start_routine(turn, tail)
    if verb == "hurt":
        return await _hurts(turn)
    session_text, _, position_text = tail.partition(":")
    session_id, position = action_number(session_text), action_number(position_text, 0)
    if session_id is None or position is None:
        return _ended(turn)
    row = await turn.session.get(ExerciseSession, session_id, with_for_update=True)
    if row is None or row.status != "active" or row.chat_id != turn.chat.id:
        return _ended(turn)
    if row.person_id != turn.person.id:
        return [message(turn.content.coaching.not_your_session, visibility="ephemeral")]
    plan = sessions.current_plan(turn, row)
    if plan is None:
        await sessions.end(turn, row, "stopped")
        return _ended(turn)
    if verb == "stop":
        await sessions.end(turn, row, "stopped")
        return [message(turn.content.coaching.stopped)]
    if verb not in NAVIGATION:
        return _ended(turn)
    if position != row.position:
        note = message(turn.content.coaching.earlier_step)
        return [note, sessions.show(turn, row, plan)]
    if verb == "back":
        return await sessions.back(turn, row, plan)
    if verb == "repeat":
        return await sessions.enter(turn, row, plan)
    return await sessions.forward(turn, row, plan)


async def hold_timer(turn: Turn, _key: str, data: dict[str, object]) -> Reply:
    """A counted hold is over; nothing is sent if the session moved on meanwhile."""
    session_id, position = data.get("session"), data.get("position")
    if not isinstance(session_id, int) or not isinstance(position, int):
        return []
    row = await turn.session.get(ExerciseSession, session_id, with_for_update=True)
    if (
        row is None
        or row.status != "active"
        or row.person_id != turn.person.id
        or row.position != position
        or row.phase != "hold"
    ):
        return []
    plan = sessions.current_plan(turn, row)
    if plan is None:
        await sessions.end(turn, row, "stopped")
        return _ended(turn)
    return await sessions.hold_over(turn, row, plan)


def could_stop_session(services: Services, text: TextMessage) -> bool:
    """Pain or red-flag words: only these make a running session's owner look it up."""
    return services.answerer.answer(text.text).red_flag is not None or mentions_pain(text.text)


_RUNNING = (
    select(Account.platform_user_id, ExerciseSession.chat_id)
    .join(Account, Account.person_id == ExerciseSession.person_id)
    .where(
        Account.platform == bindparam("platform"),
        Account.platform_user_id.in_(bindparam("user_ids", expanding=True)),
        sessions.in_progress_on(bindparam("platform")),
        ExerciseSession.chat_id.in_(bindparam("chat_ids", expanding=True)),
    )
)
"""Built once: asked for the messages with pain words, it is on the hot path."""


async def sessions_running(connection: AsyncConnection, texts: Sequence[TextMessage]) -> list[bool]:
    """Whether each sender has a session in progress in their message's chat: one light
    query for all, so pain words from people not exercising are answered like any
    question (no turn opened)."""
    running: set[tuple[str, str, str]] = set()
    for platform in sorted({text.sender.platform for text in texts}):
        on_it = [text for text in texts if text.sender.platform == platform]
        key = {
            "platform": platform,
            "user_ids": sorted({text.sender.user_id for text in on_it}),
            "chat_ids": sorted({text.chat.id for text in on_it}),
        }
        for user_id, chat_id in await connection.execute(_RUNNING, key):
            running.add((platform, user_id, chat_id))
    return [(text.sender.platform, text.sender.user_id, text.chat.id) in running for text in texts]


async def during_session(turn: Turn, text: TextMessage) -> Reply | None:
    """Typed pain or red-flag words stop a session at once; other text is answered as usual.

    Registered with :func:`could_stop_session`, so most messages never come here
    (nor touch the database).
    """
    red_flag = turn.services.answerer.answer(text.text).red_flag
    row = await sessions.active_session(turn)
    if row is None:
        return None  # no session: the FAQ's own triage answers (red flags included)
    await sessions.end(turn, row, "hurt")
    if red_flag is not None:
        coaching = turn.content.coaching
        return [message(coaching.red_flag_stop), message(red_flag_message(turn.content, red_flag))]
    return _hurt_guidance(turn)


async def _hurts(turn: Turn) -> Reply:
    """Stop this person's session here (if any) and give the guidance, even from an old button."""
    row = await sessions.active_session(turn)
    if row is not None:
        await sessions.end(turn, row, "hurt")
    return _hurt_guidance(turn)


def _hurt_guidance(turn: Turn) -> Reply:
    lines = turn.content.coaching.hurt_stop
    guidance = Markup.join(Markup.from_content(line.text) for line in lines)
    warning_signs = Markup.from_content(turn.content.safety.warning_signs.strip())
    return [message(guidance), message(warning_signs)]


def _ended(turn: Turn) -> Reply:
    return [message(turn.content.coaching.session_ended)]

"""Property-based tests: arbitrary Unicode, numbers and forged actions at every command
and button, through the core, the console and both platform fakes.

What must hold for any input: no exception escapes (and none is caught inside a
turn: no apology), every turn gets a reply, no reply breaks its platform's
limits, and no data changes except what the command promises. Examples are few
and unhurried (``deadline=None``) so the suite stays quick on two cores; the
regression corpus (test_hostile_corpus.py) covers the known cases in bulk.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from bot.adapters.discord.render import MESSAGE_LIMIT, render
from bot.adapters.telegram.render import TEXT_LIMIT, text_parts, utf16_length
from bot.app import App
from bot.core.events import ButtonPress, Chat, Command, Sender, TextMessage
from bot.core.messages import OutboundMessage
from tests.conftest import ConsoleUser

SORRY = "Sorry, something went wrong on my side"
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

FEW = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FEWER = settings(FEW, max_examples=25)
"""Through a platform fake, where each example is a round trip over HTTP."""

COMMANDS = (
    "start", "help", "faq", "privacy", "export", "exercise", "routine", "remind",
    "timezone", "walk", "stats", "challenge", "nosuchcommand",
)  # fmt: skip
ACTION_PREFIXES = ("faq", "forget", "ex", "remind", "walk", "challenge", "nonsense", "")

any_unicode = st.text(st.characters(exclude_categories=()), max_size=120)
digit_forms = st.text(st.sampled_from("0123456789²³¹⁰①⑳２０٣३𝟐½-+.e "), min_size=1, max_size=8)
numbers = st.one_of(st.integers().map(str), digit_forms, st.integers(4301, 5000).map("9".__mul__))
words = st.one_of(any_unicode, numbers, st.sampled_from(["log", "on", "off", "quiet", "undo"]))
arguments = st.lists(words, max_size=4).map(" ".join)
commands = st.builds(lambda name, args: f"/{name} {args}", st.sampled_from(COMMANDS), arguments)
typed_lines = st.one_of(any_unicode, numbers, commands)
forged_actions = st.builds(
    lambda prefix, parts: ":".join([prefix, *parts]),
    st.sampled_from(ACTION_PREFIXES),
    st.lists(st.one_of(words, st.sampled_from(["next", "min", "join", "start"])), max_size=3),
)

TABLES = (
    "persons", "walks", "reminder_subscriptions", "timers", "exercise_sessions",
    "challenges", "challenge_members",
)  # fmt: skip
PROMISED: Mapping[str, frozenset[str]] = {
    "walk": frozenset({"walks"}),
    "remind": frozenset({"reminder_subscriptions", "timers"}),
    "timezone": frozenset({"persons", "reminder_subscriptions"}),
    "exercise": frozenset({"exercise_sessions", "timers"}),
    "routine": frozenset({"exercise_sessions", "timers"}),
    "ex": frozenset({"exercise_sessions", "timers"}),
    "challenge": frozenset({"challenges", "challenge_members"}),
    "forget": frozenset(TABLES),
}
"""What each command or button prefix may change; anything else changes nothing.
(Free text may stop a running exercise session when it says something hurts.)"""


async def snapshot(app: App) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table a command may change, after Ana's first contact."""
    await app.conversation.handle(Command(ANA, HERE, "help"))
    async with app.database.engine.connect() as connection:
        return {
            table: [tuple(row) for row in await connection.execute(text(f"SELECT * FROM {table}"))]
            for table in TABLES
        }


async def changed_tables(app: App, before: dict[str, list[tuple[object, ...]]]) -> set[str]:
    after = await snapshot(app)
    return {
        table
        for table in TABLES
        if sorted(map(repr, before[table])) != sorted(map(repr, after[table]))
    }


def within_limits(reply: OutboundMessage) -> None:
    assert not reply.text.text.startswith(SORRY), "a turn failed inside"
    assert all(len(part.content) <= MESSAGE_LIMIT for part in render(reply))
    assert all(utf16_length(part.text) <= TEXT_LIMIT for part in text_parts(reply.text))


# The core ------------------------------------------------------------------------------

ANA = Sender("console", "ana", "Ana")
HERE = Chat("console:ana")


@FEW
@given(name=st.sampled_from(COMMANDS), args=arguments)
async def test_any_command_changes_only_what_it_promises(app: App, name: str, args: str) -> None:
    before = await snapshot(app)
    replies = await app.conversation.handle(Command(ANA, HERE, name, args))
    assert replies
    for reply in replies:
        within_limits(reply)
    assert await changed_tables(app, before) <= PROMISED.get(name, frozenset())


@FEW
@given(action=forged_actions)
@example(action="forget:yes:\ud9ad")  # a lone surrogate no database can store or compare
async def test_any_forged_button_is_answered_and_changes_only_what_its_kind_may(
    app: App, action: str
) -> None:
    before = await snapshot(app)
    replies = await app.conversation.handle(ButtonPress(ANA, HERE, action))
    assert replies
    for reply in replies:
        within_limits(reply)
    prefix = action.partition(":")[0]
    assert await changed_tables(app, before) <= PROMISED.get(prefix, frozenset())


@FEW
@given(typed=any_unicode, name=any_unicode)
async def test_any_message_from_anyone_is_answered_and_changes_nothing_it_should_not(
    app: App, typed: str, name: str
) -> None:
    before = await snapshot(app)
    replies = await app.conversation.handle(TextMessage(Sender("console", "bo", name), HERE, typed))
    assert replies
    for reply in replies:
        within_limits(reply)
    assert await changed_tables(app, before) <= {"persons", "exercise_sessions", "timers"}


# The console ---------------------------------------------------------------------------


@FEW
@given(line=typed_lines)
async def test_any_typed_line_gets_a_printable_answer_in_the_console(
    user: ConsoleUser, line: str
) -> None:
    start = user.out.tell()
    replies = await user.console.submit(line)
    printed = user.out.getvalue()[start:]
    assert replies or not line.strip()
    for reply in replies:
        within_limits(reply)
    assert not TERMINAL_CONTROL.search(printed)

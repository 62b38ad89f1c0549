"""Questions from people we know are answered from the content alone, without the database.

The first message of a person records them; while their name and chat stay the same,
their next questions need no write. Anything that may have changed goes back to the
database: a new name, pain words (a session may be running), blocking the bot, time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, func, select

from bot.app import App
from bot.core.clock import ManualClock
from bot.core.events import Blocked, Chat, Command, Sender, TextMessage
from bot.storage.models import Account, Person
from tests.conftest import ConsoleUser
from tests.together import all_at_once, text

QUESTION = "what happens if my lower back is weak"


@contextmanager
def statements(app: App) -> Iterator[list[str]]:
    """The SQL statements the app sends while the block runs."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    engine = app.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def people(app: App) -> int:
    async with app.database.session() as session:
        return (await session.execute(select(func.count()).select_from(Person))).scalar_one()


async def test_a_known_persons_question_is_answered_without_the_database(
    user: ConsoleUser, app: App
) -> None:
    with statements(app) as first:
        answer = await user.says(QUESTION)
    assert "weak core muscles" in answer
    assert first and await people(app) == 1  # the first message records the person

    with statements(app) as again:
        answer = await user.says("are squats bad for my lower back")
    assert "squat" in answer.lower()
    assert again == []


async def test_pain_words_and_commands_still_read_the_database(user: ConsoleUser, app: App) -> None:
    await user.says(QUESTION)
    with statements(app) as sore:
        await user.says("is swimming good for a sore back")
    assert sore  # a session may be running: pain words stop it
    with statements(app) as command:
        assert "08:00 and 18:00" in await user.says("/remind on")
    assert command


async def test_pain_words_from_someone_not_exercising_cost_one_read(
    user: ConsoleUser, app: App
) -> None:
    """Only a running session makes pain words a turn of their own; without one, a single
    light query says so and the question is answered like any other."""
    await user.says(QUESTION)
    with statements(app) as sore:
        answer = await user.says("is swimming good for a sore back")
    assert answer.strip()  # answered from the content, as any question
    assert len(sore) == 1 and "exercise_sessions" in sore[0]


async def test_a_new_name_is_recorded_even_for_a_known_person(app: App) -> None:
    chat = Chat("42")
    await app.conversation.handle(TextMessage(Sender("telegram", "42", "Kim"), chat, QUESTION))
    await app.conversation.handle(TextMessage(Sender("telegram", "42", "Kim L."), chat, QUESTION))
    async with app.database.session() as session:
        account = (await session.execute(select(Account))).scalar_one()
    assert account.display_name == "Kim L."


async def test_blocking_the_bot_is_not_forgotten_by_the_next_question(app: App) -> None:
    kim, chat = Sender("telegram", "42", "Kim"), Chat("42")
    await app.conversation.handle(TextMessage(kim, chat, QUESTION))
    await app.conversation.handle(Blocked("telegram", "42"))  # the adapter heard it
    await app.conversation.handle(TextMessage(kim, chat, QUESTION))
    async with app.database.session() as session:
        account = (await session.execute(select(Account))).scalar_one()
    assert account.reachable  # writing to us again undoes it (and resumes reminders)


async def test_after_a_minute_the_database_is_asked_again(
    user: ConsoleUser, app: App, clock: ManualClock
) -> None:
    """Another process may have changed the account meanwhile (e.g. found the bot blocked)."""
    await user.says(QUESTION)
    clock.advance(30)
    with statements(app) as soon:
        await user.says(QUESTION)
    clock.advance(31)
    with statements(app) as later:
        await user.says(QUESTION)
    assert soon == [] and later


async def test_pain_words_from_several_people_at_once_cost_one_read(app: App) -> None:
    """Looked up together, each sender still gets their own answer: the one exercising
    in this chat has their session stopped, the others are answered like any question."""
    exercising, chat = Sender("telegram", "41", "Ana"), Chat("41")
    await app.conversation.handle(Command(exercising, chat, "exercise", "bridges"))
    others = [Sender("telegram", str(n), f"user{n}") for n in (42, 43)]
    for sender in others:
        await app.conversation.handle(TextMessage(sender, Chat(sender.user_id), QUESTION))
    sore = "my back hurts"
    with statements(app) as read:
        stopped, *answered = await all_at_once(
            app,
            [TextMessage(sender, Chat(sender.user_id), sore) for sender in [exercising, *others]],
        )
    assert "stopped" in text(stopped).lower()
    assert all("stopped" not in text(reply).lower() for reply in answered)
    checks = [statement for statement in read if "exercise_sessions JOIN accounts" in statement]
    assert len(checks) == 1  # one look for all three (the stop then reads its session)

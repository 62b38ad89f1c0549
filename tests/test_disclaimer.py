"""The not-medical-advice line: on a first contact whatever it is, with the first exercise
or routine, under /help, and never twice in a row for the same person."""

from __future__ import annotations

from bot.app import App
from bot.core.events import ButtonPress, Chat, Command, Sender
from tests.conftest import ConsoleUser

NOT_ADVICE = "not medical advice"


async def test_a_first_question_gets_its_answer_and_the_disclaimer_once(user: ConsoleUser) -> None:
    first = await user.says("does walking strengthen your back")
    assert "Walking strengthens the muscles that support your spine" in first
    assert first.count(NOT_ADVICE) == 1
    assert first.index("Walking strengthens") < first.index(NOT_ADVICE), "the answer comes first"
    assert NOT_ADVICE not in await user.says("are squats bad for my lower back")


async def test_start_as_the_first_message_says_it_once(user: ConsoleUser) -> None:
    assert (await user.says("/start")).count(NOT_ADVICE) == 1


async def test_a_first_red_flag_keeps_the_urgent_advice_first(user: ConsoleUser) -> None:
    reply = await user.says("I can't control my bladder and my back hurts")
    assert "Call your local emergency number" in reply
    assert reply.index("Call your local emergency number") < reply.index(NOT_ADVICE)


async def test_help_always_says_it(user: ConsoleUser) -> None:
    await user.says("hello")
    assert NOT_ADVICE in await user.says("/help")
    assert NOT_ADVICE in await user.says("/help")


async def test_the_first_exercise_says_it_and_the_next_ones_do_not(user: ConsoleUser) -> None:
    await user.says("/start")
    first = await user.says("/exercise bird dog")
    assert "Let's do Bird dog" in first and NOT_ADVICE in first
    assert NOT_ADVICE not in await user.says("/exercise planks")
    assert NOT_ADVICE not in await user.says("/routine core")


async def test_a_first_routine_says_it(user: ConsoleUser) -> None:
    await user.says("/start")
    assert NOT_ADVICE in await user.says("/routine beginner")


async def test_an_exercise_as_the_very_first_message_says_it_once(user: ConsoleUser) -> None:
    assert (await user.says("/exercise bird dog")).count(NOT_ADVICE) == 1


async def test_a_button_from_a_challenge_announcement_as_first_contact(app: App) -> None:
    """Someone who never wrote to the bot joins from a server's announcement."""
    group = Chat("chan-walk", is_private=False, group_id="guild-1")
    ana = Sender("test", "u-ana", "Ana", can_manage_group=True)
    await app.conversation.handle(Command(ana, group, "challenge", "create Office walkers"))
    ben = Sender("test", "u-ben", "Ben")
    [joined] = await app.conversation.handle(ButtonPress(ben, group, "challenge:join:1"))
    assert "You're in" in joined.plain_text and NOT_ADVICE in joined.plain_text
    [again] = await app.conversation.handle(Command(ben, group, "challenge", "join"))
    assert NOT_ADVICE not in again.plain_text


async def test_after_forget_a_new_first_contact_says_it_again(user: ConsoleUser) -> None:
    await user.says("hello")
    await user.says("/forget")
    await user.says("Yes, delete everything")
    assert NOT_ADVICE in await user.says("hello")

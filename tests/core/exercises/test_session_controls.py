"""Moving through a session: menus, names, Next/Back/Repeat/Stop, and buttons from old messages."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.models import ExerciseSession
from tests.conftest import ConsoleUser
from tests.core.exercises.conversation import actions, press


async def test_exercise_without_a_name_shows_the_menu_and_a_button_starts_one(
    user: ConsoleUser,
) -> None:
    menu = await user.says("/exercise")
    assert "Which exercise shall we do?" in menu
    assert "Side-lying leg raise" in menu and "Wide dumbbell bent-over row" in menu
    shown = await user.says("Bird dog")
    assert "Let's do Bird dog" in shown
    assert "Step 1 of 3 · Set 1 of 2 · right arm and left leg" in shown


async def test_names_are_found_loosely(user: ConsoleUser) -> None:
    assert "Let's do Bird dog" in await user.says("/exercise birddog")
    assert "Let's do Cat-cow" in await user.says("/exercise cat cow")
    assert "Let's do Child's pose" in await user.says("/exercise childs pose")
    assert "Let's do Bridges" in await user.says("/exercise brdges")


async def test_an_unknown_name_asks_did_you_mean_with_start_buttons(user: ConsoleUser) -> None:
    reply = await user.says("/exercise brid dog")
    assert "I don't know an exercise called “brid dog”." in reply
    assert "Did you mean one of these?" in reply
    assert "Bird dog" in reply
    assert "Let's do Bird dog" in await user.says("Bird dog")


async def test_a_name_with_nothing_close_shows_the_whole_menu(user: ConsoleUser) -> None:
    reply = await user.says("/exercise zumba marathon")
    assert "I don't know an exercise called “zumba marathon”." in reply
    assert "Which exercise shall we do?" in reply
    assert "Side-lying leg raise" in reply


async def test_typed_markup_in_an_unknown_name_stays_plain(user: ConsoleUser) -> None:
    from bot.core.events import Command

    replies = await user.app.conversation.handle(
        Command(user.console.sender, user.console.chat, "exercise", "**<b>@everyone</b>**")
    )
    assert all(
        span.style == "plain" for r in replies for span in r.text if "@everyone" in span.text
    )


async def test_back_goes_one_step_back_and_repeat_shows_the_step_again(user: ConsoleUser) -> None:
    await user.says("/exercise knee to chest")
    shown = await user.says("Next")
    assert "Step 2 of 3 · left knee" in shown
    assert "Hold for 20 seconds" in shown
    assert "Step 1 of 3 · left knee" in await user.says("Back")
    assert "Step 1 of 3 · left knee" in await user.says("Repeat")
    assert "Step 2 of 3 · left knee" in await user.says("Next")


async def test_repeat_during_a_hold_counts_it_again_from_the_start(user: ConsoleUser) -> None:
    await user.says("/exercise knee to chest")
    await user.says("Next")
    assert await user.waits(15) == ""
    assert "Hold for 20 seconds" in await user.says("Repeat")
    assert await user.waits(15) == "", "the repeated hold starts again at 20 seconds"
    pushed = await user.waits(5)
    assert "Hold done – release." in pushed
    assert "Step 3 of 3 · left knee" in pushed


async def test_next_during_a_hold_skips_it_and_the_old_timer_stays_quiet(
    user: ConsoleUser,
) -> None:
    await user.says("/exercise knee to chest")
    await user.says("Next")
    assert "Step 3 of 3 · left knee" in await user.says("Next")
    assert await user.waits(60) == ""


async def test_a_button_from_an_earlier_step_shows_where_you_are(user: ConsoleUser) -> None:
    await user.says("/exercise cat-cow")
    first_next = actions(user)["Next"]
    await user.says("Next")
    reply = await press(user, first_next)
    assert "That button is from an earlier step. Here's where you are:" in reply
    assert "Step 2 of 4" in reply
    assert "Step 3 of 4" not in reply


async def test_buttons_of_a_finished_session_say_it_has_ended(user: ConsoleUser) -> None:
    await user.says("/exercise walking")
    old_next = actions(user)["Next"]
    await user.says("Next")
    await user.waits(600)
    assert "is finished" in await user.says("Next")
    for verb in ("Next", "Back", "Repeat", "Stop"):
        action = old_next.replace(":next:", f":{verb.lower()}:")
        assert "That session has ended." in await press(user, action)


async def test_buttons_of_a_replaced_session_say_it_has_ended(user: ConsoleUser) -> None:
    await user.says("/exercise planks")
    old = actions(user)
    reply = await user.says("/exercise bird dog")
    assert "I've ended your unfinished session (Planks) to start this one." in reply
    assert "That session has ended." in await press(user, old["Next"])
    assert "Step 2 of 3 · Set 1 of 2" in await user.says("Next"), "the new session goes on"


async def test_a_forged_or_broken_control_action_is_a_friendly_end(user: ConsoleUser) -> None:
    for action in ("ex:next:999:0", "ex:next:x:y", "ex:jump:1:0", "ex:start:no-such-thing"):
        assert "That session has ended." in await press(user, action)


async def test_stop_ends_the_session_and_keeps_it_as_history(user: ConsoleUser) -> None:
    await user.says("/exercise planks")
    await user.says("Next")
    assert "Stopped." in await user.says("Stop")
    assert await user.waits(60) == "", "the hold of a stopped session never fires"
    async with user.app.database.session() as session:
        row = (await session.execute(select(ExerciseSession))).scalar_one()
        assert row.status == "stopped" and row.ended_at is not None


async def test_a_routine_walks_exercise_after_exercise(user: ConsoleUser) -> None:
    menu = await user.says("/routine")
    assert "3 core exercises for your lower back" in menu
    shown = await user.says("/routine core")
    assert "1. Planks\n2. Bird dog\n3. Mad cat" in shown
    assert "Exercise 1 of 3: Planks" in shown
    steps = 1
    while "is finished" not in shown:
        if "⏱" in shown and "Done" not in actions(user):
            shown = await user.waits(30)
        elif "Done" in actions(user):
            shown = await user.says("Done")
        else:
            shown = await user.says("Next")
        steps += 1
        assert steps < 100
    assert "Exercise 2 of 3: Bird dog" in user.out.getvalue()
    assert "Exercise 3 of 3: Mad cat" in user.out.getvalue()
    assert "Well done, 3 core exercises for your lower back is finished" in shown
    assert "Give your core, shoulders, lower back and glutes a rest tomorrow." in shown


async def test_an_unknown_routine_suggests_close_ones(user: ConsoleUser) -> None:
    reply = await user.says("/routine rehabb")
    assert "Rehab your lower back" in reply
    assert "Exercise 1 of 8: Pelvic lift" in await user.says("/routine rehab")


async def test_start_actions_other_features_can_put_on_buttons(user: ConsoleUser) -> None:
    assert "Let's do Side-lying leg raise" in await press(user, "ex:start:side-lying-leg-raise")
    assert "Exercise 1 of 4: Cat-cow" in await press(user, "ex:routine:beginner")

"""The article's side-lying leg raise, walked through in the console with a hand-moved clock.

5 steps × 3 sets × 2 sides: the bot counts the 2-second hold of step 4 and
waits for Done for the 10 repetitions, then finishes and records the session.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.app import build_app
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.storage.database import Database
from bot.storage.models import ExerciseSession, Timer
from tests.conftest import ConsoleUser

SIDES = ("left side", "right side")
ARTICLE_STEPS = (
    "Lie on one side, keeping your lower leg slightly bent on the ground.",
    "Engage your core by drawing your belly button in toward your spine.",
    "Raise your top leg without moving the rest of your body.",
    "Hold for 2 seconds at the top. Repeat 10 times.",
    "Repeat on other side. Perform 3 sets on each side.",
)


async def do_one_side(user: ConsoleUser, set_number: int, side: str, first: str) -> str:
    """Steps 1–5 of one set on one side; ``first`` is the reply that showed step 1."""
    shown = first
    for step in (1, 2, 3):
        assert f"Step {step} of 5 · Set {set_number} of 3 · {side}" in shown
        assert ARTICLE_STEPS[step - 1] in shown
        shown = await user.says("Next")
    assert f"Step 4 of 5 · Set {set_number} of 3 · {side}" in shown
    assert ARTICLE_STEPS[3] in shown
    assert "I'll count the first hold (2 seconds)" in shown
    assert await user.waits(1) == "", "the hold is not over after 1 of 2 seconds"
    released = await user.waits(1)
    assert "Hold done – release." in released
    assert "Do the rest of the 10 repetitions the same way, then press Done." in released
    shown = await user.says("Done")
    assert f"Step 5 of 5 · Set {set_number} of 3 · {side}" in shown
    assert ARTICLE_STEPS[4] in shown
    return await user.says("Next")


async def test_the_whole_side_lying_leg_raise_with_counted_holds(user: ConsoleUser) -> None:
    shown = await user.says("/exercise side-lying leg raise")
    assert "Let's do Side-lying leg raise" in shown
    for set_number in (1, 2, 3):
        for side in SIDES:
            shown = await do_one_side(user, set_number, side, shown)
    assert "Well done, Side-lying leg raise is finished" in shown
    assert "same muscle group on back-to-back days" in shown
    assert "Start Walking" in shown

    async with user.app.database.session() as session:
        row = (await session.execute(select(ExerciseSession))).scalar_one()
        assert (row.status, row.position, row.steps_total) == ("finished", 29, 30)
        assert (await session.execute(select(Timer))).first() is None


async def test_the_article_steps_are_marked_as_the_articles(user: ConsoleUser) -> None:
    shown = await user.says("/exercise leg raise")
    assert "backcoach's wording" not in shown


async def test_a_restart_in_the_middle_of_a_hold_resumes_and_finishes(
    user: ConsoleUser, settings: Settings, clock: ManualClock
) -> None:
    shown = await user.says("/exercise side lying leg raise")
    for _ in range(3):
        shown = await user.says("Next")
    assert "Step 4 of 5 · Set 1 of 3 · left side" in shown
    assert await user.waits(1) == ""

    # The bot restarts: a new process on the same database file, nothing kept in memory.
    database = Database(settings.database_url)
    restarted = ConsoleUser(build_app(settings, clock=clock, database=database))
    try:
        released = await restarted.waits(1)
        assert "Hold done – release." in released
        shown = await restarted.says("Done")
        assert "Step 5 of 5 · Set 1 of 3 · left side" in shown
        shown = await restarted.says("Next")
        assert "Step 1 of 5 · Set 1 of 3 · right side" in shown
        for set_number in (1, 2, 3):
            for side in SIDES:
                if (set_number, side) == (1, "left side"):
                    continue
                shown = await do_one_side(restarted, set_number, side, shown)
        assert "Well done, Side-lying leg raise is finished" in shown
        # The old process's console printed nothing after the restart.
        assert "Hold done" not in user.out.getvalue().split("Step 4 of 5 · Set 1 of 3")[-1]
    finally:
        await database.dispose()


async def test_a_restart_while_waiting_for_next_continues_from_the_old_message(
    user: ConsoleUser, settings: Settings, clock: ManualClock
) -> None:
    await user.says("/exercise side lying leg raise")
    await user.says("Next")
    old_buttons = user.console._with_buttons[-1]
    next_action = old_buttons.buttons[0][0].action

    database = Database(settings.database_url)
    restarted = build_app(settings, clock=clock, database=database)
    try:
        from bot.core.events import ButtonPress

        replies = await restarted.conversation.handle(
            ButtonPress(user.console.sender, user.console.chat, next_action)
        )
        assert "Step 3 of 5 · Set 1 of 3 · left side" in replies[0].plain_text
    finally:
        await database.dispose()

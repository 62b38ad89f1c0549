"""Buttons act on what they were shown with, once, and old choices change nothing.

The cases of issue 11's "Data lost by surprise", as a person meets them in the
console: a typed number never reaches back to an older message, a deletion's
confirmation works once and only for minutes, a walk's buttons change that walk.
"""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.clock import ManualClock
from bot.storage.models import Person, ReminderSubscription, Walk
from tests.conftest import ConsoleUser
from tests.core.exercises.conversation import actions, press

MINUTE = 60
HOUR = 60 * MINUTE


async def people(user: ConsoleUser) -> int:
    async with user.app.database.session() as session:
        return int((await session.execute(select(func.count(Person.id)))).scalar_one())


async def test_a_number_typed_after_other_replies_does_not_confirm_an_old_forget(
    user: ConsoleUser,
) -> None:
    await user.says("/start")
    assert "[1] Yes, delete everything" in await user.says("/forget")
    await user.says("/help")
    await user.says("/timezone berlin")
    reply = await user.says("1")
    assert "That choice has expired" in reply
    assert "Nothing is waiting for an answer" in reply
    assert await people(user) == 1
    assert "Europe/Berlin" in await user.says("/timezone")


async def test_a_forget_confirmation_expires_after_minutes(
    user: ConsoleUser, clock: ManualClock
) -> None:
    await user.says("/start")
    await user.says("/forget")
    clock.advance(11 * MINUTE)
    assert "That confirmation has expired" in await user.says("Yes, delete everything")
    assert await people(user) == 1
    await user.says("/forget")
    assert "deleted everything" in await user.says("Yes, delete everything")
    assert await people(user) == 0


async def test_a_forget_confirmation_works_once(user: ConsoleUser) -> None:
    await user.says("/start")
    await user.says("/forget")
    yes = actions(user)["Yes, delete everything"]
    assert "Nothing was deleted" in await user.says("Cancel")
    assert "That confirmation has expired" in await press(user, yes)
    assert await people(user) == 1


async def test_a_forged_forget_confirmation_deletes_nothing(user: ConsoleUser) -> None:
    await user.says("/start")
    for forged in ("forget:yes", "forget:yes:", "forget:yes:guessed-token", "forget:yes:🙂"):
        assert "nothing was deleted" in await press(user, forged)
    assert await people(user) == 1


async def test_minutes_under_an_older_walk_change_that_walk(user: ConsoleUser) -> None:
    await user.says("/walk 20")
    first_walk = actions(user)
    await user.says("/walk 30")
    assert "Changed to 10 minutes" in await press(user, first_walk["10 min"])
    async with user.app.database.session() as session:
        minutes = (await session.execute(select(Walk.minutes).order_by(Walk.id))).scalars()
        assert list(minutes) == [10, 30]


async def test_minutes_under_an_undone_walk_change_nothing(user: ConsoleUser) -> None:
    await user.says("/walk 20")
    walk = actions(user)
    await user.says("/walk undo")
    assert "isn't in your log any more" in await press(user, walk["10 min"])
    assert "No walks logged yet" in await user.says("/stats")


async def test_a_number_after_remind_does_not_press_an_old_reminders_skip(
    user: ConsoleUser,
) -> None:
    await user.says("/remind on 08:00 18:00")
    card = await user.waits(1 * HOUR)
    assert "[3] Skip today" in card
    await user.says("/remind")  # one button: [1] Turn off
    assert "That choice has expired" in await user.says("3")
    async with user.app.database.session() as session:
        subscription = (await session.execute(select(ReminderSubscription))).scalar_one()
    assert subscription.next_due_at is not None and subscription.next_due_at.hour == 18


async def test_a_number_still_presses_the_latest_messages_buttons(user: ConsoleUser) -> None:
    await user.says("/remind on 08:00 18:00")
    await user.waits(1 * HOUR)
    assert "logged a 15-minute walk" in await user.says("1")
    assert "Changed to 30 minutes" in await user.says("4")  # [4] 30 min, under the walk


async def test_a_number_during_an_exercise_shows_the_current_step(user: ConsoleUser) -> None:
    await user.says("/exercise bird dog")
    await user.says("/help")
    reply = await user.says("1")
    assert "That choice has expired" in reply
    assert "Step 1 of" in reply and "[1] Next" in reply
    assert "Step 2 of" in await user.says("1")


async def test_an_old_reminders_buttons_expire_after_a_day(
    user: ConsoleUser, clock: ManualClock
) -> None:
    await user.says("/remind on 08:00")
    await user.waits(1 * HOUR)
    done = actions(user)["Done ✅"]
    clock.advance(25 * HOUR)
    assert "buttons have expired" in await press(user, done)
    assert "No walks logged yet" in await user.says("/stats")


async def test_buttons_of_cards_sent_before_the_upgrade_change_nothing(user: ConsoleUser) -> None:
    """Cards a channel still shows from before reminders went private: Done named no slot."""
    assert "buttons have expired" in await press(user, "walk:done")
    assert "older message" in await press(user, "walk:min:10")
    assert "buttons have expired" in await press(user, "remind:skip")
    assert "No walks logged yet" in await user.says("/stats")


async def test_reminder_buttons_naming_a_slot_beyond_any_date_change_nothing(
    user: ConsoleUser,
) -> None:
    """A forged slot of ten digits is past year 9999: a polite answer, not an apology."""
    await user.says("/remind on 08:00")
    for forged in ("walk:done:9999999999", "remind:snooze:9999999999", "remind:skip:9999999999"):
        assert "buttons have expired" in await press(user, forged)
    assert "No walks logged yet" in await user.says("/stats")


async def test_a_number_in_another_digit_form_follows_the_latest_message_rule(
    user: ConsoleUser,
) -> None:
    await user.says("/start")
    await user.says("/forget")
    await user.says("/help")
    assert "That choice has expired" in await user.says("①")
    assert await people(user) == 1

"""Pain stops a session at once: the "It hurts" button, pain typed in own words, red flags."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.models import ExerciseSession
from tests.conftest import ConsoleUser
from tests.core.exercises.conversation import actions, press

GUIDANCE = "Please don't push through pain"
RED_FLAG = "Call your local emergency number"
WARNING_SIGNS = "Emergency: call your local emergency number"


async def session_status(user: ConsoleUser) -> str:
    async with user.app.database.session() as session:
        row = (await session.execute(select(ExerciseSession))).scalar_one()
        return row.status


async def test_the_it_hurts_button_stops_with_guidance_and_the_warning_signs(
    user: ConsoleUser,
) -> None:
    await user.says("/exercise planks")
    await user.says("Next")
    reply = await user.says("It hurts")
    assert "Stopped." in reply and GUIDANCE in reply
    assert "walking one of the best things" in reply
    assert WARNING_SIGNS in reply and "bladder" in reply
    assert RED_FLAG not in reply, "ordinary pain is not an emergency"
    assert await session_status(user) == "hurt"
    assert await user.waits(60) == "", "the running hold is cancelled"


async def test_it_hurts_on_an_old_message_still_stops_the_session(user: ConsoleUser) -> None:
    await user.says("/exercise cat-cow")
    old_hurts = actions(user)["It hurts"]
    await user.says("Next")
    await user.says("Next")
    assert GUIDANCE in await press(user, old_hurts)
    assert await session_status(user) == "hurt"


async def test_it_hurts_after_the_session_ended_still_gets_guidance(user: ConsoleUser) -> None:
    await user.says("/exercise cat-cow")
    old_hurts = actions(user)["It hurts"]
    await user.says("Stop")
    assert GUIDANCE in await press(user, old_hurts)


async def test_pain_typed_during_a_session_stops_it(user: ConsoleUser) -> None:
    for words in ("ouch, that really hurts", "sharp pain in my hip", "my leg is tingling"):
        await user.says("/exercise bridges")
        reply = await user.says(words)
        assert GUIDANCE in reply and WARNING_SIGNS in reply, words
        assert "That session has ended." in await user.says("Next"), words


async def test_red_flag_words_typed_during_a_session_stop_it_with_the_red_flag_advice(
    user: ConsoleUser,
) -> None:
    await user.says("/exercise bridges")
    reply = await user.says("I can't control my bladder since this morning")
    assert "I've stopped the session." in reply
    assert RED_FLAG in reply
    assert await session_status(user) == "hurt"


async def test_other_questions_during_a_session_are_answered_and_the_session_goes_on(
    user: ConsoleUser,
) -> None:
    await user.says("/exercise bridges")
    reply = await user.says("does walking strengthen your back?")
    assert "Walking strengthens the muscles that support your spine" in reply
    assert "it doesn't hurt at all" not in reply
    no_alarm = await user.says("it doesn't hurt at all, feels good")
    assert GUIDANCE not in no_alarm
    assert "Step 2 of 3" in await user.says("Next")
    assert await session_status(user) == "active"


async def test_pain_words_without_a_session_go_to_the_usual_answers(user: ConsoleUser) -> None:
    reply = await user.says("my back hurts after sitting all day")
    assert "Stopped." not in reply


async def test_asking_for_crunches_explains_why_and_offers_modified_sit_ups(
    user: ConsoleUser,
) -> None:
    reply = await user.says("/exercise crunches")
    assert "The article lists Crunches among the exercises to avoid" in reply
    assert "Try this instead: Modified sit-ups." in reply
    assert "backcoach's note: Partial crunches are our reading" in reply
    assert "Let's do Partial crunches" in await user.says("Start Partial crunches")


async def test_every_exercise_to_avoid_explains_itself(user: ConsoleUser) -> None:
    running = await user.says("/exercise running")
    assert "Try this instead: Walking." in running
    assert "Start Walking" in running
    high_impact = await user.says("/exercise high impact")
    assert "Try this instead: Water aerobics or yoga." in high_impact
    assert "[1]" not in high_impact, "no start button: we don't guide water aerobics"
    biking = await user.says("/exercise mountain biking")
    assert "Try this instead: A recumbent bike." in biking


async def test_thoughts_of_ending_ones_life_typed_during_a_session_stop_it_with_a_crisis_line(
    user: ConsoleUser,
) -> None:
    await user.says("/exercise bridges")
    reply = await user.says("honestly I don't want to live anymore with this back")
    assert "I've stopped the session." in reply
    assert "crisis line" in reply and "116 123" in reply
    assert await session_status(user) == "hurt"

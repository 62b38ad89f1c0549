"""Finished sessions are history: rest-day advice, /export shows them, /forget deletes them."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.storage.models import ExerciseSession, Timer
from tests.conftest import ConsoleUser

DAY = 24 * 3600


async def finish_pelvic_lift(user: ConsoleUser) -> str:
    """Pelvic lift: a setup step, then a counted 5-second hold and 8 reps."""
    await user.says("/exercise pelvic lift")
    await user.says("Next")
    await user.waits(5)
    return await user.says("Done")


async def test_finishing_records_the_session_and_suggests_a_rest_for_those_muscles(
    user: ConsoleUser,
) -> None:
    reply = await finish_pelvic_lift(user)
    assert "Well done, Pelvic lift is finished" in reply
    assert "Give your glutes and core a rest tomorrow." in reply
    assert "Start Walking" in reply and "Start Knee to chest" in reply
    async with user.app.database.session() as session:
        row = (await session.execute(select(ExerciseSession))).scalar_one()
        assert row.status == "finished"
        assert row.muscle_groups == ["glutes", "core"]
        assert row.ended_at == user.app.clock.now()


async def test_the_same_muscles_the_next_day_get_the_articles_rest_day_advice(
    user: ConsoleUser,
) -> None:
    await finish_pelvic_lift(user)
    await user.waits(DAY)
    reply = await user.says("/exercise planks")
    assert "You worked your core yesterday." in reply
    assert "same muscle group on back-to-back days" in reply
    assert "Let's do Planks" in reply, "the advice does not refuse the exercise"


async def test_different_muscles_or_a_day_of_rest_get_no_warning(user: ConsoleUser) -> None:
    await finish_pelvic_lift(user)
    await user.waits(DAY)
    assert "yesterday" not in await user.says("/exercise resistance band pull-apart")
    assert "yesterday" not in await user.says("/exercise walking"), "walking is fine every day"
    await user.waits(DAY)
    assert "yesterday" not in await user.says("/exercise planks")


async def test_a_stopped_session_is_not_counted_as_training(user: ConsoleUser) -> None:
    await user.says("/exercise planks")
    await user.says("Stop")
    await user.waits(DAY)
    assert "yesterday" not in await user.says("/exercise planks")


async def test_export_shows_sessions_and_forget_deletes_them_with_their_timers(
    user: ConsoleUser,
) -> None:
    await finish_pelvic_lift(user)
    await user.says("/exercise planks")
    await user.says("Next")  # a hold is being counted: one timer row
    exported = await user.says("/export")
    assert '"exercise_sessions"' in exported and '"target_id": "pelvic-lift"' in exported

    await user.says("/forget")
    await user.says("Yes, delete everything")
    async with user.app.database.session() as session:
        assert await session.scalar(select(func.count()).select_from(ExerciseSession)) == 0
        assert await session.scalar(select(func.count()).select_from(Timer)) == 0
    assert await user.waits(60) == ""

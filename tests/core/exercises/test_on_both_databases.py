"""A session with a counted hold, on SQLite and on PostgreSQL (row locks, timers, history)."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import build_app
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.storage.database import Database
from bot.storage.models import ExerciseSession
from tests.conftest import ConsoleUser


async def test_a_stretch_with_holds_runs_to_the_end(
    any_db: Database, settings: Settings, clock: ManualClock
) -> None:
    user = ConsoleUser(build_app(settings, clock=clock, database=any_db))
    shown = await user.says("/exercise calf stretch")
    for side in ("left calf", "right calf"):
        assert f"Step 1 of 4 · {side}" in shown
        shown = await user.says("Next")
        shown = await user.says("Next")
        assert f"Step 3 of 4 · {side}" in shown and "Hold for 30 seconds" in shown
        pushed = await user.waits(30)
        assert "Hold done – release." in pushed and f"Step 4 of 4 · {side}" in pushed
        shown = await user.says("Next")
    assert "Well done, Calf stretch is finished" in shown
    assert "a rest tomorrow" not in shown, "stretches need no rest day"
    async with any_db.session() as session:
        row = (await session.execute(select(ExerciseSession))).scalar_one()
        assert row.status == "finished"

"""How fast sessions move: per-press handling time, and firing many holds in one sweep.

Prints figures; asserts nothing. Run: ``.venv/bin/python bench/exercise_sessions.py [people]``.
Each person starts the knee-to-chest stretch and presses Next into its 20-second
hold; the clock then jumps 20 s and one sweep pushes every "Hold done".
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.app import build_app
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.events import ButtonPress, Chat, Command, Sender
from bot.core.ports import RecordingPort


async def main(people: int) -> None:
    folder = Path(tempfile.mkdtemp())
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{folder / 'bench.db'}",
        data_dir=folder,
        _env_file=None,  # type: ignore[call-arg]
    )
    clock = ManualClock()
    app = build_app(settings, clock=clock)
    await app.database.upgrade()
    port = RecordingPort(platform="bench")
    app.conversation.connect(port)
    handle = app.conversation.handle

    starts: list[float] = []
    presses: list[float] = []
    for n in range(people):
        sender, chat = Sender("bench", str(n)), Chat(f"chat-{n}")
        began = time.perf_counter()
        reply = await handle(Command(sender, chat, "exercise", "knee to chest"))
        starts.append(time.perf_counter() - began)
        action = next(
            b.action for m in reply for row in m.buttons for b in row if b.label == "Next"
        )
        began = time.perf_counter()
        await handle(ButtonPress(sender, chat, action))
        presses.append(time.perf_counter() - began)

    clock.advance(20)
    began = time.perf_counter()
    fired = await app.sweeper.run_once()
    sweep = time.perf_counter() - began
    await app.database.dispose()

    def ms(values: list[float]) -> str:
        cut = statistics.quantiles(values, n=20)
        return f"median {statistics.median(values) * 1000:.1f} ms, p95 {cut[-1] * 1000:.1f} ms"

    print(f"people: {people} (SQLite, one process)")
    print(f"/exercise <name> (lookup + start + first step): {ms(starts)}")
    print(f"Next into a counted hold (timer set): {ms(presses)}")
    print(
        f"one sweep fired {fired} holds, pushed {len(port.sent)} messages in {sweep:.2f} s "
        f"({fired / sweep:.0f} holds/s)"
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 500))

"""A person talks to the bot in direct messages."""

from __future__ import annotations

from tests.adapters.discord.conftest import RunningBot, World


async def test_a_dm_question_is_answered_in_the_dm(discord_bot: RunningBot, world: World) -> None:
    await world.fake.dm(world.ana, "what happens if my lower back is weak")
    [answer, *_] = await world.fake.messages_in(world.fake.dm_channel(world.ana))
    assert "What happens if your lower back is weak?" in answer.content
    assert "weak core muscles" in answer.content
    assert answer.payload["allowed_mentions"] == {"parse": []}

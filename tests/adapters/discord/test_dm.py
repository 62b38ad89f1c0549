"""A person talks to the bot in direct messages: questions, red flags, commands."""

from __future__ import annotations

from tests.adapters.discord.conftest import RunningBot, World


async def test_a_dm_question_is_answered_in_the_dm(discord_bot: RunningBot, world: World) -> None:
    await world.fake.dm(world.ana, "what happens if my lower back is weak")
    [answer, *_] = await world.fake.messages_in(world.fake.dm_channel(world.ana))
    assert "What happens if your lower back is weak?" in answer.content
    assert "weak core muscles" in answer.content
    assert answer.payload["allowed_mentions"] == {"parse": []}


async def test_a_red_flag_dm_gets_medical_advice_and_no_exercise(
    discord_bot: RunningBot, world: World
) -> None:
    await world.fake.dm(world.ana, "my back hurts and I can't control my bladder")
    [advice] = await world.fake.messages_in(world.fake.dm_channel(world.ana))
    assert "**Please get medical care now.**" in advice.content
    assert not advice.custom_ids


async def test_a_command_typed_as_text_in_a_dm_works(discord_bot: RunningBot, world: World) -> None:
    await world.fake.dm(world.ana, "/help")
    [help_text] = await world.fake.messages_in(world.fake.dm_channel(world.ana))
    assert "/faq" in help_text.content


async def test_mentions_in_what_people_type_never_ping(
    discord_bot: RunningBot, world: World
) -> None:
    await world.fake.dm(world.ana, "@everyone <@&123456789012345678> is walking good for my back")
    answers = await world.fake.messages_in(world.fake.dm_channel(world.ana))
    assert all(a.payload["allowed_mentions"] == {"parse": []} for a in answers)

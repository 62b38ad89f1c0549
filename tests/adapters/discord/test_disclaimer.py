"""On Discord people may never send /start: the disclaimer comes with their first contact."""

from __future__ import annotations

from tests.adapters.discord.conftest import RunningBot, World

NOT_ADVICE = "not medical advice"


async def test_a_first_dm_question_is_answered_with_the_disclaimer(
    discord_bot: RunningBot, world: World
) -> None:
    fake, dm = world.fake, world.fake.dm_channel(world.ana)
    await fake.dm(world.ana, "what happens if my lower back is weak")
    [answer] = await fake.messages_in(dm)
    assert "weak core muscles" in answer.content and NOT_ADVICE in answer.content
    await fake.dm(world.ana, "are squats bad for my lower back")
    [_, again] = await fake.messages_in(dm, 2)
    assert NOT_ADVICE not in again.content


async def test_joining_from_an_announcement_as_first_contact_says_it_privately(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    world.guild.managers.add(world.ana.id)
    created = await fake.slash(
        world.ana, "challenge", subcommand="create", channel=world.general,
        options={"name": "Office walkers"},
    )  # fmt: skip
    await fake.replies_to(created)
    [announcement] = await fake.messages_in(world.general)
    assert NOT_ADVICE not in announcement.content, "the channel post is not anyone's reply"

    [joined] = await fake.replies_to(
        await fake.press(world.ben, announcement, "bc:challenge:join:1")
    )
    assert joined.ephemeral and "You're in" in joined.content and NOT_ADVICE in joined.content

"""Property-based tests through the Discord fake: arbitrary Unicode and numbers in slash
options and direct messages, each answered within Discord's limits and without a failure
(see tests/test_properties.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.discord.render import MESSAGE_LIMIT
from tests.adapters.discord.conftest import RunningBot, World
from tests.test_properties import FEWER, SORRY, arguments, typed_lines


@FEWER
@given(name=st.sampled_from(["faq", "timezone", "exercise", "remind", "stats"]), value=arguments)
async def test_any_slash_command_text_on_discord_is_answered(
    discord_bot: RunningBot, world: World, name: str, value: str
) -> None:
    asked = await world.fake.slash(world.ana, name, channel=world.general, options={"text": value})
    replies = await world.fake.replies_to(asked)
    assert all(len(r.content) <= MESSAGE_LIMIT for r in replies)
    assert not any(r.content.startswith(SORRY) for r in replies)


@FEWER
@given(line=typed_lines)
async def test_any_direct_message_on_discord_is_answered(
    discord_bot: RunningBot, world: World, line: str
) -> None:
    fake = world.fake
    dm = fake.dm_channel(world.ben)
    before = len(fake.messages_in_now(dm))
    await fake.dm(world.ben, line)
    replies = (await fake.messages_in(dm, before + 1))[before:]
    assert all(len(r.content) <= MESSAGE_LIMIT for r in replies)
    assert not any(r.content.startswith(SORRY) for r in replies)

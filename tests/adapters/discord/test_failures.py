"""No interaction is left on "thinking…", and nothing a person typed renders live.

Each failure happens after the deferral (the core, a follow-up Discord refuses,
our own code in a button's callback) or instead of it; the person always gets
an apology in the interaction, or in the channel when Discord refuses that too.
"""

from __future__ import annotations

import asyncio
import re
import types
from collections.abc import Iterator

import discord.webhook.async_
import pytest

from bot.core.conversation import Conversation
from bot.core.events import Event
from bot.core.messages import Reply
from bot.core.turn import Turn
from tests.adapters.discord.conftest import RunningBot, World
from tests.fakes.discord_api import FakeChannel, FakeUser, Sent

SORRY = "Sorry, something went wrong on my side"
LIVE_TOKEN = re.compile(r"(?<!\\)<[@#:/at]|(?<!\\)<t:|https?://")
"""A Discord token or link that would render live (not preceded by a backslash)."""


@pytest.fixture
def quick_webhook_retries(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """discord.py waits 1, 3, 5, 7 s between retries of a follow-up that got a 5xx;
    the waits are skipped here, the five attempts are not."""
    real_sleep = asyncio.sleep

    async def no_wait(_seconds: float, result: object = None) -> object:
        return await real_sleep(0, result)

    shim = types.SimpleNamespace(**{**vars(asyncio), "sleep": no_wait})
    monkeypatch.setattr(discord.webhook.async_, "asyncio", shim)
    yield


async def broken(turn: Turn, *_: object) -> Reply:
    raise RuntimeError("a bug in a handler")


def break_faq(bot: RunningBot) -> None:
    bot.app.conversation.router.command_handlers["faq"] = broken


async def test_a_core_failure_after_the_deferral_is_apologised_for_in_place(
    discord_bot: RunningBot, world: World
) -> None:
    break_faq(discord_bot)
    fake = world.fake
    asked = await fake.slash(world.ana, "faq", channel=world.general)
    [reply] = await fake.replies_to(asked)
    assert fake.deferrals(asked), "acknowledged within Discord's 3 seconds"
    assert reply.content.startswith(SORRY)
    assert reply.ephemeral


async def test_a_follow_up_discord_refuses_with_500_is_apologised_for(
    discord_bot: RunningBot, world: World, quick_webhook_retries: None
) -> None:
    fake = world.fake
    fake.fail_next("followup", 500, times=5)  # every attempt discord.py makes
    asked = await fake.slash(world.ana, "help")
    [reply] = await fake.replies_to(asked)
    assert reply.kind == "edit"
    assert reply.content.startswith(SORRY)


async def test_a_follow_up_refused_with_400_then_an_edit_refused_falls_back_to_a_follow_up(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    fake.fail_next("followup", 400, code=50035, message="Invalid Form Body")
    fake.fail_next("edit", 404, code=10008, message="Unknown Message")
    asked = await fake.slash(world.ana, "help", channel=world.general)
    [reply] = await fake.replies_to(asked)
    assert (reply.kind, reply.ephemeral) == ("followup", True)
    assert reply.content.startswith(SORRY)


async def test_when_discord_refuses_every_answer_the_apology_goes_to_the_channel(
    discord_bot: RunningBot, world: World, quick_webhook_retries: None
) -> None:
    fake = world.fake
    fake.fail_next("followup", 500, times=10)
    fake.fail_next("edit", 500, times=5)
    await fake.slash(world.ana, "help", channel=world.general)
    [posted] = await fake.messages_in(world.general)
    assert posted.content.startswith(SORRY)


async def test_a_failure_inside_a_button_callback_is_apologised_for(
    discord_bot: RunningBot, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = world.fake
    [menu] = await fake.replies_to(await fake.slash(world.ana, "faq"))

    async def fails(self: Conversation, event: Event) -> Reply:
        raise RuntimeError("a bug in the adapter's path")

    monkeypatch.setattr(Conversation, "handle", fails)
    press = await fake.press(world.ana, menu, "bc:faq:walking-strengthens")
    [reply] = await fake.replies_to(press)
    assert reply.content.startswith(SORRY)


async def test_an_interaction_that_cannot_be_acknowledged_gets_its_apology_in_the_dm(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    fake.fail_next("callback", 404, code=10062, message="Unknown interaction")
    await fake.slash(world.ana, "help")
    [posted] = await fake.messages_in(fake.dm_channel(world.ana))
    assert posted.content.startswith(SORRY)


async def test_a_slash_option_discord_py_cannot_convert_still_gets_an_answer(
    discord_bot: RunningBot, world: World
) -> None:
    """discord.py refuses a channel of the wrong kind before our callback runs."""
    fake = world.fake
    world.guild.managers.add(world.ana.id)
    lounge = FakeChannel(1234567890123456789, "lounge", world.guild.id, kind=2)  # voice
    asked = await fake.slash(
        world.ana,
        "challenge",
        subcommand="create",
        channel=world.general,
        options={"name": "Spring", "channel": lounge},
    )
    [reply] = await fake.replies_to(asked)
    assert reply.content.startswith(SORRY)
    assert reply.ephemeral


# Leaks and unbounded echoes ----------------------------------------------------------

TOKENS = (
    "<#1234567890123456789> <t:0:R> </help:123456789012345678> <:party:123456789012345678> "
    "<@&1234567890123456789> https://evil.example/login"
)


async def test_tokens_and_links_in_an_echo_render_as_text(
    discord_bot: RunningBot, world: World
) -> None:
    asked = await world.fake.slash(world.ana, "timezone", options={"text": TOKENS})
    [reply] = await world.fake.replies_to(asked)
    assert "I don't know the time zone" in reply.content
    assert not LIVE_TOKEN.search(reply.content), reply.content
    assert "\\<#1234567890123456789>" in reply.content


async def test_a_six_thousand_character_option_is_echoed_in_one_short_message(
    discord_bot: RunningBot, world: World
) -> None:
    asked = await world.fake.slash(world.ana, "timezone", options={"text": "Atlantis " * 700})
    replies = await world.fake.replies_to(asked, 2)
    await asyncio.sleep(0.1)  # nothing more follows
    replies = await world.fake.replies_to(asked, 2)
    assert [r.content[:28] for r in replies] == [
        "That message is very long; I",
        "I don't know the time zone “",
    ]
    # The echo is one short quote, whatever else the reply says (a first contact's disclaimer).
    assert all(r.content.count("Atlantis") <= 10 for r in replies)


async def create(world: World, user: FakeUser, name: str) -> Sent:
    world.guild.managers.add(user.id)
    asked = await world.fake.slash(
        user, "challenge", subcommand="create", channel=world.general, options={"name": name}
    )
    [reply] = await world.fake.replies_to(asked)
    return reply


async def test_a_challenge_name_is_cleaned_like_a_typed_message(
    discord_bot: RunningBot, world: World
) -> None:
    reply = await create(world, world.ana, "\u202eWalkers\u200b <#1234567890123456789>")
    assert "\u202e" not in reply.content and "\u200b" not in reply.content.replace("@\u200b", "")
    [announcement] = await world.fake.messages_in(world.general)
    assert "Walkers \\<#1234567890123456789>" in announcement.content
    assert "\u202e" not in announcement.content
    assert not LIVE_TOKEN.search(announcement.content)


async def test_a_challenge_name_of_invisible_characters_is_refused(
    discord_bot: RunningBot, world: World
) -> None:
    reply = await create(world, world.ana, "\u200b\u200b\u202e\u2066")
    assert "followed by a name" in reply.content
    assert world.fake.messages_in_now(world.general) == []


async def test_display_names_reach_the_board_clean_and_inert(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    eve = fake.user("\u202eEve\u200b <t:0:R>")
    world.guild.members.append(eve)
    await discord_bot.restart()  # the bot learns of the new member
    await create(world, world.ana, "Spring")
    [announcement] = await fake.messages_in(world.general)
    await fake.replies_to(await fake.press(eve, announcement, "bc:challenge:join:1"))
    board = await fake.slash(eve, "challenge", subcommand="board", channel=world.general)
    [reply] = await fake.replies_to(board)
    [embed] = reply.payload["embeds"]
    assert "Eve \\<t:0:R>" in embed["description"]
    assert "\u202e" not in embed["description"]
    assert not LIVE_TOKEN.search(embed["description"])

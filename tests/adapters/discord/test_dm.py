"""A person talks to the bot in direct messages: questions, red flags, commands."""

from __future__ import annotations

from datetime import timedelta

import discord
import pytest

from bot.core.clock import ManualClock
from bot.core.events import Recipient
from bot.core.messages import message
from bot.core.ports import SendResult
from tests.adapters.discord.conftest import RunningBot, World
from tests.fakes.discord_api import FakeDiscord, Sent


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
    assert (
        "**Call your local emergency number, or go to an emergency department, now.**"
        in advice.content
    )
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


async def test_an_exercise_session_through_buttons_with_a_timed_hold(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    asked = await fake.slash(world.ana, "exercise", options={"text": "knee to chest"})
    first = await _reply_with(fake, asked, "Step 1 of 3 · left knee")
    [next_id] = [c for c, b in _labelled(first) if b == "Next"]
    await _reply_with(fake, await fake.press(world.ana, first, next_id), "Hold for 20 seconds")

    clock = discord_bot.app.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(seconds=20))
    await discord_bot.app.sweeper.run_once()
    pushed = await fake.messages_in(fake.dm_channel(world.ana))
    assert "Hold done – release." in pushed[0].content
    assert any("Step 3 of 3 · left knee" in p.content for p in pushed)


async def _reply_with(fake: FakeDiscord, interaction: str, text: str) -> Sent:
    """The answer to ``interaction`` that says ``text`` (answers may come in several parts)."""
    await fake.wait_until(
        lambda: any(text in s.content for s in fake.sent if s.target == interaction), what=text
    )
    return next(s for s in await fake.replies_to(interaction) if text in s.content)


def _labelled(sent: Sent) -> list[tuple[str, str]]:
    return [
        (item["custom_id"], item["label"])
        for row in sent.payload.get("components") or []
        for item in row["components"]
    ]


async def test_a_long_rate_limit_on_opening_a_dm_asks_the_sender_to_wait(
    discord_bot: RunningBot, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """discord.py raises ``RateLimited`` (no ``HTTPException``) past its wait limit: the
    push is told to wait, so the pacer pauses, instead of the send raising."""
    chat = discord_bot.chat
    assert chat is not None

    async def rate_limited(_user: object) -> object:
        raise discord.RateLimited(60.0)

    monkeypatch.setattr(chat.client, "create_dm", rate_limited)
    ana = str(world.ana.id)
    result = await chat.send(Recipient("discord", f"dm:{ana}", ana), message("walk time"))
    assert result == SendResult.wait(60.0)

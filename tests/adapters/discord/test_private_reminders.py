"""In a server, personal things stay personal: reminders come by DM, a reply sent to DMs
is announced in the channel, and one person's buttons do nothing for another."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.storage.models import ReminderSubscription, Walk
from tests.adapters.discord.conftest import RunningBot, World


async def at_eight(bot: RunningBot) -> None:
    clock = bot.app.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(hours=1))
    await bot.app.sweeper.run_once()


async def test_remind_on_in_a_server_channel_sends_the_reminders_by_dm(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    asked = await fake.slash(
        world.ben, "remind", channel=world.general, options={"text": "on 08:00"}
    )
    replies = await fake.replies_to(asked, 2)  # "Done. ..." and where reminders go
    assert all(reply.ephemeral for reply in replies)
    assert "come to our private chat" in "\n".join(reply.content for reply in replies)
    await at_eight(discord_bot)
    [reminder] = await fake.messages_in(fake.dm_channel(world.ben))
    assert "Time for a short walk" in reminder.content
    assert fake.messages_in_now(world.general) == [], "nothing personal in the channel"


async def test_remind_by_mention_in_a_channel_answers_by_dm_and_says_so_there(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    await fake.say_in(
        world.general, world.ben, f"<@{fake.bot.id}> /remind on 08:00", mentions=[fake.bot]
    )
    [note] = await fake.messages_in(world.general)
    assert "sent it to your direct messages" in note.content and "08:00" not in note.content
    dms = await fake.messages_in(fake.dm_channel(world.ben))
    assert "08:00" in dms[0].content
    await at_eight(discord_bot)
    assert (
        "Time for a short walk"
        in (await fake.messages_in(fake.dm_channel(world.ben), 3))[-1].content
    )
    assert len(fake.messages_in_now(world.general)) == 1


async def test_export_by_mention_in_a_channel_says_where_it_went(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    await fake.say_in(world.general, world.ana, f"<@{fake.bot.id}> /export", mentions=[fake.bot])
    [note] = await fake.messages_in(world.general)
    assert "sent it to your direct messages" in note.content
    assert "persons" not in note.content
    [export] = await fake.messages_in(fake.dm_channel(world.ana))
    assert export.files, "the export itself went to the DMs"


async def test_removing_the_bot_from_a_server_stops_the_reminders_asked_for_there(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    await fake.replies_to(
        await fake.slash(world.ben, "remind", channel=world.general, options={"text": "on 08:00"})
    )
    await fake.replies_to(await fake.slash(world.ana, "remind", options={"text": "on 08:00"}))
    await fake.remove_bot(world.guild)
    await fake.wait_until(lambda: not (discord_bot.chat and discord_bot.chat.client.guilds))
    await at_eight(discord_bot)
    [reminder] = await fake.messages_in(fake.dm_channel(world.ana))  # Ana asked in her DMs
    assert "Time for a short walk" in reminder.content
    assert fake.messages_in_now(fake.dm_channel(world.ben)) == []
    async with discord_bot.app.database.session() as session:
        rows = await session.execute(
            select(ReminderSubscription.user_id, ReminderSubscription.state)
        )
        states = {user: state for user, state in rows}
    assert states == {str(world.ana.id): "active", str(world.ben.id): "off"}


async def test_someone_elses_walk_buttons_answer_only_the_presser(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    await fake.say_in(world.general, world.ana, f"<@{fake.bot.id}> /walk 20", mentions=[fake.bot])
    [logged] = await fake.messages_in(world.general)
    [ten] = [c for c in logged.custom_ids if c.endswith(":10")]
    [answer] = await fake.replies_to(await fake.press(world.ben, logged, ten))
    assert answer.ephemeral and "someone else's" in answer.content
    async with discord_bot.app.database.session() as session:
        assert list((await session.execute(select(Walk.minutes))).scalars()) == [20]

"""In a server the bot speaks when spoken to, and never lets anyone's words ping a crowd."""

from __future__ import annotations

from bot.core.events import Recipient
from bot.core.markup import Markup
from bot.core.messages import message
from tests.adapters.discord.conftest import RunningBot, World


async def test_only_messages_that_mention_the_bot_are_answered(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    await fake.say_in(world.general, world.ana, "what happens if my lower back is weak")
    await fake.say_in(
        world.general,
        world.ben,
        f"<@{fake.bot.id}> what happens if my lower back is weak",
        mentions=[fake.bot],
    )
    [answer] = await fake.messages_in(world.general)
    assert "What happens if your lower back is weak?" in answer.content
    assert not answer.ephemeral
    assert len(fake.messages_in_now(world.general)) == 1


async def test_everyone_and_role_mentions_in_user_text_are_harmless(
    discord_bot: RunningBot, world: World
) -> None:
    """A name someone typed (say, a challenge's) goes out escaped and with no mention allowed."""
    typed = "@everyone <@&123456789012345678> **Walk** _club_"
    channel_post = Markup.bold("New challenge: ") + Markup.plain(typed)
    result = await discord_bot.app.delivery.push(
        Recipient("discord", str(world.general.id)), [message(channel_post)]
    )
    assert result.ok
    [post] = await world.fake.messages_in(world.general)
    assert post.payload["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in post.content and "@\u200beveryone" in post.content
    assert "<@&123" not in post.content
    assert r"\*\*Walk\*\*" in post.content and r"\_club\_" in post.content
    assert post.content.startswith("**New challenge:** ")


async def test_a_long_push_is_split_under_discords_limit(
    discord_bot: RunningBot, world: World
) -> None:
    paragraphs = [f"Paragraph {n}: " + "walk tall, breathe out. " * 20 for n in range(20)]
    long_text = Markup.plain("\n\n".join(paragraphs))
    result = await discord_bot.app.delivery.push(
        Recipient("discord", str(world.general.id)), [message(long_text)]
    )
    assert result.ok
    parts = await world.fake.messages_in(world.general, count=5)
    assert all(len(part.content) <= 2000 for part in parts)
    assert "".join(part.content for part in parts).count("Paragraph") == 20


async def test_a_push_to_closed_dms_marks_the_person_unreachable(
    discord_bot: RunningBot, world: World
) -> None:
    from bot.storage.people import find_account

    app = discord_bot.app
    await world.fake.dm(world.ana, "hello")
    await world.fake.messages_in(world.fake.dm_channel(world.ana))
    world.fake.closed_dms.add(world.ana.id)

    result = await app.delivery.push(
        Recipient("discord", f"dm:{world.ana.id}", str(world.ana.id)), [message("Time to walk")]
    )
    assert result.status == "blocked"
    async with app.database.session() as session:
        account = await find_account(session, "discord", str(world.ana.id))
        assert account is not None and account.reachable is False


async def test_a_private_push_for_a_channel_goes_to_the_persons_dms(
    discord_bot: RunningBot, world: World
) -> None:
    result = await discord_bot.app.delivery.push(
        Recipient("discord", str(world.general.id), str(world.ben.id)),
        [message("Your walks this week: 3", visibility="private")],
    )
    assert result.ok
    [dm] = await world.fake.messages_in(world.fake.dm_channel(world.ben))
    assert "Your walks this week" in dm.content
    assert not world.fake.messages_in_now(world.general)


async def test_a_private_reply_to_a_mention_with_closed_dms_says_so_in_the_channel(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    fake.closed_dms.add(world.ben.id)
    await fake.say_in(world.general, world.ben, f"<@{fake.bot.id}> /export", mentions=[fake.bot])
    [note] = await fake.messages_in(world.general)
    assert "couldn't reach you" in note.content
    assert "persons" not in note.content, "the export itself never lands in the channel"

"""Walking challenges on Discord, through the real discord.py client and the fake Discord."""

from __future__ import annotations

from datetime import timedelta

from bot.core.clock import ManualClock
from tests.adapters.discord.conftest import RunningBot, World
from tests.fakes.discord_api import FakeRole, FakeUser, Sent


async def tomorrow_at_nine(bot: RunningBot) -> None:
    clock = bot.app.clock
    assert isinstance(clock, ManualClock)
    now = clock.now()
    clock.advance((now + timedelta(days=1)).replace(hour=9, minute=0) - now)
    await bot.app.sweeper.run_once()


async def create(world: World, user: FakeUser, **options: object) -> list[Sent]:
    asked = await world.fake.slash(
        user, "challenge", subcommand="create", channel=world.general, options=options
    )
    return await world.fake.replies_to(asked)


async def with_role(bot: RunningBot, world: World) -> FakeRole:
    """A reward role and Ana as a manager; the bot reconnects to see the role."""
    role = world.fake.add_role(world.guild, "Walk champion")
    world.guild.managers.add(world.ana.id)
    await bot.restart()
    return role


async def test_a_three_day_challenge_with_three_members(
    discord_bot: RunningBot, world: World
) -> None:
    fake, general = world.fake, world.general
    cat = fake.user("cat")
    world.guild.members.append(cat)
    role = await with_role(discord_bot, world)

    [created] = await create(world, world.ana, name="Office walkers", days=3, reward=role)
    assert created.ephemeral and "Office walkers" in created.content
    [announcement] = await fake.messages_in(general)
    assert "New walking challenge" in announcement.content
    join = "bc:challenge:join:1"
    assert join in announcement.custom_ids

    # Ben joins by the button; Cat and Ana by command. Nobody ran /start.
    [joined] = await fake.replies_to(await fake.press(world.ben, announcement, join))
    assert joined.ephemeral and "You're in" in joined.content
    for person in (cat, world.ana):
        await fake.replies_to(
            await fake.slash(person, "challenge", subcommand="join", channel=general)
        )

    # Cat walks when her reminder comes, pressing its Done button in her DMs.
    await fake.replies_to(await fake.slash(cat, "remind", options={"text": "on 08:00"}))
    clock = discord_bot.app.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(hours=1, minutes=1))
    await discord_bot.app.sweeper.run_once()
    [reminder] = await fake.messages_in(fake.dm_channel(cat))
    [done] = [c for c in reminder.custom_ids if c.startswith("bc:walk:done:")]
    [logged] = await fake.replies_to(await fake.press(cat, reminder, done))
    assert "15-minute walk" in logged.content

    for person, minutes in ((world.ana, 30), (world.ben, 25)):
        walked = await fake.slash(
            person, "walk", subcommand="log", channel=general, options={"minutes": minutes}
        )
        await fake.replies_to(walked)

    await tomorrow_at_nine(discord_bot)
    [_, day_one] = await fake.messages_in(general, 2)
    assert "day 1 of 3" in day_one.content
    assert "Yesterday 3 of 3 members walked, 70 minutes in all" in day_one.content

    for last_day in (False, True):
        walked = await fake.slash(
            world.ana, "walk", subcommand="log", channel=general, options={"minutes": 20}
        )
        await fake.replies_to(walked)
        if not last_day:
            await tomorrow_at_nine(discord_bot)

    board_asked = await fake.slash(world.ben, "challenge", subcommand="board", channel=general)
    [board] = await fake.replies_to(board_asked)
    assert board.ephemeral
    [embed] = board.payload["embeds"]
    assert embed["title"] == "Office walkers: day 3 of 3"
    assert embed["description"].splitlines()[0] == "1. ana: 70 min, 3 days on goal, streak 3"
    assert embed["image"]["url"] == "attachment://challenge.png"
    assert [name for name, _ in board.files] == ["challenge.png"]

    await tomorrow_at_nine(discord_bot)
    posts = await fake.messages_in(general, 5)
    summary, rewarded = posts[-2], posts[-1]
    assert "is over!" in summary.content and "Most days on goal: ana (3 days)" in summary.content
    assert summary.payload["embeds"] and summary.files
    assert "winners now have the reward role" in rewarded.content
    assert world.guild.granted == [(world.ana.id, role.id)]
    assert world.guild.grant_reasons == ["Walking challenge reward"]


async def test_a_member_without_manage_server_cannot_create(
    discord_bot: RunningBot, world: World
) -> None:
    [refused] = await create(world, world.ben, name="Ben's walk")
    assert refused.ephemeral and "Manage Server" in refused.content
    assert world.fake.messages_in_now(world.general) == []


async def test_everyone_in_a_challenge_name_pings_nobody(
    discord_bot: RunningBot, world: World
) -> None:
    world.guild.managers.add(world.ana.id)
    await create(world, world.ana, name="@everyone walk <@&123456789012345678>")
    [announcement] = await world.fake.messages_in(world.general)
    assert announcement.payload["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in announcement.content and "@\u200beveryone" in announcement.content
    assert "<@&123456789012345678>" not in announcement.content


async def test_a_channel_the_bot_may_not_post_in_is_refused_at_create(
    discord_bot: RunningBot, world: World
) -> None:
    world.guild.managers.add(world.ana.id)
    await world.fake.lock_channel(world.general)
    await world.fake.wait_until(lambda: discord_bot.chat is not None and _locked(discord_bot))
    [refused] = await create(world, world.ana, name="Walkers")
    assert refused.ephemeral and "I can't post in the channel" in refused.content
    [none] = await world.fake.replies_to(
        await world.fake.slash(world.ben, "challenge", subcommand="join", channel=world.general)
    )
    assert "No challenge is running" in none.content


def _locked(bot: RunningBot) -> bool:
    assert bot.chat is not None
    guild = bot.chat.client.guilds[0]
    return not guild.channels[0].permissions_for(guild.me).send_messages


async def test_a_role_the_bot_may_not_give_is_reported(
    discord_bot: RunningBot, world: World
) -> None:
    role = await with_role(discord_bot, world)
    world.fake.role_grant_forbidden = True
    await create(world, world.ana, name="Walkers", days=1, reward=role)
    await world.fake.replies_to(
        await world.fake.slash(world.ana, "challenge", subcommand="join", channel=world.general)
    )
    await world.fake.replies_to(
        await world.fake.slash(world.ana, "walk", subcommand="log", options={"minutes": 30})
    )
    await tomorrow_at_nine(discord_bot)
    notice = (await world.fake.messages_in(world.general, 3))[-1]
    assert "couldn't give the reward role" in notice.content
    [dm] = await world.fake.messages_in(world.fake.dm_channel(world.ana))
    assert "Manage Roles" in dm.content


async def test_a_deleted_channel_ends_the_posts_cleanly(
    discord_bot: RunningBot, world: World
) -> None:
    world.guild.managers.add(world.ana.id)
    await create(world, world.ana, name="Walkers", days=5)
    world.fake.delete_channel(world.general)
    await tomorrow_at_nine(discord_bot)
    [dm] = await world.fake.messages_in(world.fake.dm_channel(world.ana))
    assert "is gone, so I stopped posting" in dm.content
    requests = len(world.fake.requests)
    await tomorrow_at_nine(discord_bot)
    assert len(world.fake.requests) == requests, "no more posts are tried"


async def test_a_member_who_left_the_server_drops_off_the_board(
    discord_bot: RunningBot, world: World
) -> None:
    world.guild.managers.add(world.ana.id)
    await create(world, world.ana, name="Walkers")
    for person in (world.ana, world.ben):
        await world.fake.replies_to(
            await world.fake.slash(person, "challenge", subcommand="join", channel=world.general)
        )
    world.fake.leave_guild(world.guild, world.ben)
    [board] = await world.fake.replies_to(
        await world.fake.slash(world.ana, "challenge", subcommand="board", channel=world.general)
    )
    rows = board.payload["embeds"][0]["description"].splitlines()
    assert [row.split(":")[0] for row in rows] == ["1. ana"]

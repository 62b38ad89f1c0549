"""Slash commands and buttons: deferred in time, ephemeral in servers, alive after a restart."""

from __future__ import annotations

from bot.adapters.discord.buttons import CUSTOM_ID_PREFIX
from tests.adapters.discord.conftest import RunningBot, World


async def test_every_menu_command_is_synced_with_its_options(
    discord_bot: RunningBot, world: World
) -> None:
    synced = {c["name"]: c for c in world.fake.commands["global"]}
    menu = [i for i in discord_bot.app.conversation.router.commands.values() if i.menu]
    assert set(synced) == {info.name for info in menu}
    for info in menu:
        assert synced[info.name]["description"] == info.description
        if info.options or info.subcommands:
            continue
        [option] = synced[info.name]["options"]
        assert (option["name"], option["type"], option.get("required", False)) == ("text", 3, False)


async def test_walk_and_challenge_are_groups_of_typed_subcommands(
    discord_bot: RunningBot, world: World
) -> None:
    synced = {c["name"]: c for c in world.fake.commands["global"]}
    walk = {o["name"]: o for o in synced["walk"]["options"]}
    assert {name: o["type"] for name, o in walk.items()} == {"log": 1, "undo": 1}
    [minutes] = walk["log"]["options"]
    assert (minutes["name"], minutes["type"], minutes["min_value"], minutes["max_value"]) == (
        "minutes",
        4,
        1,
        300,
    )
    assert walk["undo"].get("options", []) == []
    create = next(o for o in synced["challenge"]["options"] if o["name"] == "create")
    types = {o["name"]: o["type"] for o in create["options"]}
    assert types == {
        "name": 3,
        "days": 4,
        "goal": 4,
        "channel": 7,
        "start": 3,
        "time": 3,
        "zone": 3,
        "reward": 8,
    }
    assert create["options"][0]["name"] == "name" and create["options"][0]["required"]


async def test_walk_log_minutes_reaches_the_core_as_typed_words(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    logged = await fake.slash(world.ana, "walk", subcommand="log", options={"minutes": 30})
    [answer] = await fake.replies_to(logged)
    assert "logged a 30-minute walk" in answer.content
    undone = await fake.slash(world.ana, "walk", subcommand="undo")
    [answer] = await fake.replies_to(undone)
    assert "Removed your last walk (30 minutes" in answer.content


async def test_faq_in_a_dm_shows_buttons_and_a_press_answers(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    faq = await fake.slash(world.ana, "faq")
    [menu] = await fake.replies_to(faq)
    assert fake.deferrals(faq), "the interaction is acknowledged before the core runs"
    assert not menu.ephemeral
    walking = "bc:faq:walking-strengthens"
    assert walking in menu.custom_ids
    rows = menu.payload["components"]
    assert len(rows) <= 5 and all(len(row["components"]) <= 5 for row in rows)

    press = await fake.press(world.ana, menu, walking)
    [answer] = await fake.replies_to(press)
    assert "Walking strengthens the muscles that support your spine" in answer.content


async def test_slash_command_text_option_reaches_the_core(
    discord_bot: RunningBot, world: World
) -> None:
    asked = await world.fake.slash(
        world.ana, "faq", options={"text": "does walking strengthen your back"}
    )
    [answer] = await world.fake.replies_to(asked)
    assert "Walking strengthens" in answer.content


async def test_replies_in_a_server_are_ephemeral(discord_bot: RunningBot, world: World) -> None:
    fake = world.fake
    export = await fake.slash(world.ana, "export", channel=world.general)
    replies = await fake.replies_to(export)
    assert replies and all(reply.ephemeral for reply in replies)
    [deferral] = fake.deferrals(export)
    assert deferral.payload["data"]["flags"] == 64

    faq = await fake.slash(world.ben, "faq", channel=world.general)
    [menu] = await fake.replies_to(faq)
    assert menu.ephemeral
    press = await fake.press(world.ben, menu, menu.custom_ids[0])
    [answer] = await fake.replies_to(press)
    assert answer.ephemeral


async def test_a_button_pressed_after_a_restart_still_works(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    faq = await fake.slash(world.ana, "faq")
    [menu] = await fake.replies_to(faq)
    assert all(custom_id.startswith(CUSTOM_ID_PREFIX) for custom_id in menu.custom_ids)

    await discord_bot.restart()
    assert len(fake.identifies) == 2

    press = await fake.press(world.ana, menu, "bc:faq:walking-strengthens")
    [answer] = await fake.replies_to(press)
    assert "Walking strengthens" in answer.content


async def test_a_forged_button_gets_the_stale_button_answer(
    discord_bot: RunningBot, world: World
) -> None:
    fake = world.fake
    [menu] = await fake.replies_to(await fake.slash(world.ana, "faq"))
    menu.payload["components"][0]["components"][0]["custom_id"] = "bc:faq:no-such-entry"
    [answer] = await fake.replies_to(await fake.press(world.ana, menu, "bc:faq:no-such-entry"))
    assert "older message" in answer.content

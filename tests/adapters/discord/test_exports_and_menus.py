"""What a server shows: /challenge only where it means something, and exports as one file."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.core.walks.log import log_walk
from bot.storage.people import find_account
from tests.adapters.discord.conftest import RunningBot, World


async def test_challenge_is_offered_in_servers_only(discord_bot: RunningBot, world: World) -> None:
    synced = {c["name"]: c for c in world.fake.commands["global"]}
    assert synced["challenge"]["contexts"] == [0]
    assert synced["challenge"]["dm_permission"] is False
    assert synced["walk"].get("contexts") is None and synced["walk"]["dm_permission"] is True


async def test_a_long_export_is_one_file_with_its_indentation(
    discord_bot: RunningBot, world: World
) -> None:
    fake, app = world.fake, discord_bot.app
    await fake.replies_to(await fake.slash(world.ana, "start", channel=world.general))
    async with app.database.session() as session:
        account = await find_account(session, "discord", str(world.ana.id))
        assert account is not None
        for day in range(120):
            at = app.clock.now() - timedelta(days=day)
            await log_walk(session, account.person_id, 20, at, "UTC")

    [reply] = await fake.replies_to(await fake.slash(world.ana, "export", channel=world.general))
    assert reply.ephemeral and "Everything I store about you" in reply.content
    [(name, data)] = reply.files
    assert name == "backcoach-export.json"
    exported = json.loads(data)
    assert len(exported["walks"]) == 120
    assert '\n      "minutes": 20,' in data.decode(), "indentation kept"

"""Reminders are personal: asked for in a group, they come to the private chat, and stop
when the person (or the bot) leaves the group. Buttons act only for their owner."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.models import ReminderSubscription, Walk
from tests.adapters.telegram.conftest import TelegramPerson, TelegramTester
from tests.fakes.telegram_api import BOT_USERNAME, FakeBotApi, FakeGroup


async def reminders_in_group(tg: TelegramTester, kim: TelegramPerson, group: FakeGroup) -> None:
    """Kim has a private chat with the bot and turns reminders on from the group."""
    await kim.says("/start")
    await kim.says("/remind on 08:00", group=group)


async def test_reminders_asked_for_in_a_group_come_to_the_private_chat(
    tg: TelegramTester,
) -> None:
    group, kim = tg.group(), tg.person("Kim")
    await kim.says("/start")
    replies = await kim.says("/remind on 08:00", group=group)
    confirmed = "\n".join(r.text for r in replies if r.chat_id == kim.id)
    [note] = [r for r in replies if r.chat_id == group.id]
    assert "08:00" in confirmed and "come to our private chat" in confirmed
    assert "sent that to you in a private chat" in note.text and "08:00" not in note.text
    pushed = await tg.waits(3600)
    assert [m.chat_id for m in pushed] == [kim.id]
    assert "Time for a short walk" in pushed[0].text


async def test_reminders_asked_for_in_a_group_without_a_private_chat_are_refused(
    tg: TelegramTester,
) -> None:
    group, kim = tg.group(), tg.person("Kim")
    [note] = await kim.says("/remind on 08:00", group=group)
    assert note.chat_id == group.id
    assert "Open one with me, press Start" in note.text
    assert f"https://t.me/{BOT_USERNAME}?start=" in note.text
    assert await tg.waits(3600) == []
    async with tg.app.database.session() as session:
        assert (await session.execute(select(ReminderSubscription))).first() is None


async def test_leaving_the_group_stops_the_reminders_asked_for_there(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    group, kim = tg.group(), tg.person("Kim")
    await reminders_in_group(tg, kim, group)
    await tg.settle(fake.leaves(kim.user, group))
    assert await tg.waits(3600) == []


async def test_a_member_update_for_an_admin_bot_stops_them_too(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    group, kim = tg.group(), tg.person("Kim")
    await reminders_in_group(tg, kim, group)
    await tg.settle(fake.leaves(kim.user, group, bot_is_admin=True))
    assert await tg.waits(3600) == []


async def test_the_bot_removed_from_the_group_stops_the_reminders_asked_for_there(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    group, kim, lee = tg.group(), tg.person("Kim"), tg.person("Lee")
    await reminders_in_group(tg, kim, group)
    await lee.says("/start")
    await lee.says("/remind on 08:00")  # asked privately: not the group's
    await tg.settle(fake.removes_bot(lee.user, group))
    pushed = await tg.waits(3600)
    assert [m.chat_id for m in pushed] == [lee.id]


async def test_someone_elses_walk_buttons_answer_with_an_alert_and_change_nothing(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    group, kim, lee = tg.group(), tg.person("Kim"), tg.person("Lee")
    [logged] = await kim.says("/walk 20", group=group)
    assert logged.chat_id == group.id and "10 min" in logged.labels
    assert await lee.presses("10 min", on=logged) == []
    [alert] = [a for a in fake.answered.values() if a.get("text")]
    assert "someone else's" in alert["text"] and str(alert["show_alert"]) == "true"
    assert "10 min" in logged.labels, "Kim's buttons stay for Kim"
    async with tg.app.database.session() as session:
        assert list((await session.execute(select(Walk.minutes))).scalars()) == [20]
    [changed] = await kim.presses("10 min", on=logged)
    assert "Changed to 10 minutes" in changed.text

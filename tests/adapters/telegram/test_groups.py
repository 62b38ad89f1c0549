"""In a group the bot speaks when spoken to, and keeps personal things private."""

from __future__ import annotations

from tests.adapters.telegram.conftest import TelegramTester
from tests.fakes.telegram_api import BOT_USERNAME, FakeBotApi


async def test_group_chatter_is_left_alone(tg: TelegramTester) -> None:
    group = tg.group()
    assert await tg.person().says("does walking strengthen your back", group=group) == []


async def test_a_mention_in_a_group_is_answered_in_the_group(tg: TelegramTester) -> None:
    group = tg.group()
    replies = await tg.person().says(
        f"@{BOT_USERNAME} does walking strengthen your back", group=group
    )
    assert [r.chat_id for r in replies] == [group.id]
    assert "Walking strengthens the muscles" in replies[0].text


async def test_a_reply_to_the_bot_in_a_group_is_answered(tg: TelegramTester) -> None:
    group = tg.group()
    kim = tg.person()
    [menu] = await kim.says("/faq", group=group)
    replies = await kim.says("does walking strengthen your back", group=group, reply_to=menu)
    assert "Walking strengthens the muscles" in replies[0].text


async def test_commands_for_us_are_answered_and_for_other_bots_ignored(
    tg: TelegramTester,
) -> None:
    group = tg.group()
    kim = tg.person()
    assert await kim.says("/help@some_other_bot", group=group) == []
    plain = await kim.says("/help", group=group)
    addressed = await kim.says(f"/help@{BOT_USERNAME}", group=group)
    assert "What I can do" in plain[0].text
    assert "What I can do" in addressed[0].text


async def test_a_command_after_a_mention_is_a_command(tg: TelegramTester) -> None:
    """Many people address a bot in a group as "@bot /help" (Discord reads it so too)."""
    group = tg.group()
    [reply] = await tg.person().says(f"@{BOT_USERNAME} /help", group=group)
    assert "What I can do" in reply.text


async def test_an_export_asked_in_a_group_goes_to_the_private_chat(tg: TelegramTester) -> None:
    group = tg.group()
    kim = tg.person("Kim")
    await kim.says("/start")
    replies = await kim.says("/export", group=group)
    [export] = [r for r in replies if r.chat_id == kim.id]
    [note] = [r for r in replies if r.chat_id == group.id]
    assert '"display_name": "Kim"' in export.file_text
    assert "private chat" in note.text
    assert f"https://t.me/{BOT_USERNAME}?start=from-group" in note.text
    assert "display_name" not in note.text


async def test_a_private_reply_for_someone_who_never_opened_a_chat_says_how(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    group = tg.group()
    kim = tg.person()
    [note] = await kim.says("/export", group=group)
    assert note.chat_id == group.id
    assert "Open one with me" in note.text
    assert f"t.me/{BOT_USERNAME}?start=" in note.text


async def test_two_people_in_a_group_are_two_people(tg: TelegramTester) -> None:
    group = tg.group()
    kim, lee = tg.person("Kim"), tg.person("Lee")
    await kim.says("/start")
    await lee.says("/start")
    await kim.says("/export", group=group)
    await lee.says("/export", group=group)
    assert '"display_name": "Kim"' in kim.inbox[-1].file_text
    assert '"display_name": "Lee"' in lee.inbox[-1].file_text
    assert "Lee" not in kim.inbox[-1].file_text


async def test_a_group_admin_may_start_a_walking_challenge_and_a_member_may_not(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    group = tg.group("Walkers")
    admin, member = tg.person("Ada"), tg.person("Max")
    fake.group_admins[group.id] = {admin.id}
    refused = await member.says("/challenge create Spring steps days=7", group=group)
    assert "can create or end a challenge" in refused[0].text
    created = await admin.says("/challenge create Spring steps days=7", group=group)
    [announcement] = [m for m in created if "Join" in m.labels]
    assert announcement.chat_id == group.id
    assert "Spring steps" in announcement.text


async def test_an_admin_may_end_someone_elses_challenge_by_button(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    group = tg.group("Walkers")
    ada, ben, max_ = tg.person("Ada"), tg.person("Ben"), tg.person("Max")
    fake.group_admins[group.id] = {ada.id, ben.id}
    await ada.says("/challenge create Spring steps days=7", group=group)
    await ada.says("/challenge create Summer steps days=7", group=group)

    [offered] = await max_.says("/challenge end", group=group)
    [refused] = await max_.presses("Spring steps", on=offered)
    assert "can create or end a challenge" in refused.text

    [choice] = await ben.says("/challenge end", group=group)
    assert "Which one?" in choice.text
    ended = await ben.presses("Spring steps", on=choice)
    assert any("ended early" in m.text for m in ended)

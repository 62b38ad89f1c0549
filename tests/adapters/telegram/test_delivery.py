"""Pushes through the Telegram port: escaping, splitting, photos, blocks, floods, outages."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from bot.core.events import Recipient
from bot.core.markup import Markup
from bot.core.messages import Button, Image, message
from bot.core.walks.log import log_walk
from bot.storage.models import ReminderSubscription
from bot.storage.people import find_account
from tests.adapters.telegram.conftest import TelegramPerson, TelegramTester
from tests.fakes.telegram_api import FakeBotApi

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def to(person: TelegramPerson) -> Recipient:
    return Recipient("telegram", str(person.id), str(person.id))


async def reachable(tg: TelegramTester, person: TelegramPerson) -> bool:
    async with tg.app.database.session() as session:
        account = await find_account(session, "telegram", str(person.id))
        assert account is not None
        return account.reachable


async def test_markup_in_text_is_shown_literally(tg: TelegramTester, fake: FakeBotApi) -> None:
    kim = tg.person()
    await kim.says("/start")
    literal = "<b>not bold</b> & <script>alert(1)</script> &amp; **stars**"
    result = await tg.app.delivery.push(
        to(kim), [message(Markup.bold("Title & <i>") + "\n" + Markup.plain(literal))]
    )
    assert result.ok
    sent = kim.inbox[-1]
    assert sent.text == f"Title & <i>\n{literal}"
    assert sent.entities == [("b", "Title & <i>")]


async def test_a_display_name_with_markup_comes_back_literally_in_an_export(
    tg: TelegramTester,
) -> None:
    name = "<b>Kim</b> & <script>x</script>"
    kim = tg.person(name)
    [export] = await kim.says("/export")  # the one message that echoes what a person set
    assert f'"display_name": "{name}"' in export.file_text
    assert export.document is not None and export.document[0] == "backcoach-export.json"


async def test_a_long_message_is_split_at_paragraphs_with_buttons_on_the_last(
    tg: TelegramTester,
) -> None:
    kim = tg.person()
    await kim.says("/start")
    paragraphs = [f"Paragraph {i}. " + "Walk a little every day. " * 60 for i in range(8)]
    long = Markup.plain("\n\n".join(paragraphs))
    result = await tg.app.delivery.push(
        to(kim), [message(long, buttons=[[Button("Done", "faq:walking")]])]
    )
    assert result.ok
    parts = kim.inbox[-4:]
    assert all(len(part.text) <= 4096 for part in parts)
    starts = [part.text.split(".")[0] for part in parts]
    assert starts == ["Paragraph 0", "Paragraph 2", "Paragraph 4", "Paragraph 6"]
    assert " ".join(part.text for part in parts).split() == long.text.split()  # nothing lost
    assert [bool(part.keyboard) for part in parts] == [False, False, False, True]


async def test_an_image_is_sent_as_a_photo_with_its_caption_and_buttons(
    tg: TelegramTester,
) -> None:
    kim = tg.person()
    await kim.says("/start")
    chart = message(
        "Your walks this week", image=Image(PNG, "week.png"), buttons=[[Button("OK", "faq:x")]]
    )
    assert (await tg.app.delivery.push(to(kim), [chart])).ok
    photo = kim.inbox[-1]
    assert photo.method == "sendPhoto" and photo.photo == PNG
    assert photo.text == "Your walks this week" and photo.labels == ["OK"]


async def test_a_person_who_blocked_the_bot_is_marked_unreachable(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    kim = tg.person()
    await kim.says("/start")
    fake.blocked.add(kim.id)  # blocked without us hearing about it yet
    result = await tg.app.delivery.push(to(kim), [message("Time for a walk")])
    assert result.status == "blocked"
    assert not await reachable(tg, kim)


async def test_blocking_and_unblocking_are_heard_from_telegram(tg: TelegramTester) -> None:
    kim = tg.person()
    await kim.says("/start")
    await kim.blocks_bot()
    assert not await reachable(tg, kim)
    await kim.unblocks_bot()
    assert await reachable(tg, kim)


async def test_unblocking_the_bot_brings_paused_reminders_back(tg: TelegramTester) -> None:
    kim = tg.person()
    await kim.says("/remind on 08:00 18:00")
    await kim.blocks_bot()
    assert await tg.waits(3600) == []  # 08:00: Telegram refuses, the reminders pause
    assert await reminder_state(tg, kim) == "blocked"
    await kim.unblocks_bot()  # no message from Kim: unblocking alone says enough
    assert await reminder_state(tg, kim) == "active"
    assert await tg.waits(60) == []  # the next sweep finds the next slot, sends nothing now
    [evening] = await tg.waits(10 * 3600)
    assert evening.chat_id == kim.id and "walk" in evening.text.lower()


async def reminder_state(tg: TelegramTester, person: TelegramPerson) -> str:
    async with tg.app.database.session() as session:
        subscription = await session.scalar(
            select(ReminderSubscription).where(ReminderSubscription.user_id == str(person.id))
        )
        assert subscription is not None
        return subscription.state


async def test_network_errors_are_retried_then_given_up(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    kim = tg.person()
    await kim.says("/start")
    tg.telegram.port.retry_delays = (0.01, 0.01, 0.01)
    fake.fail("sendMessage", 502, "Bad Gateway", times=2)
    assert (await tg.app.delivery.push(to(kim), [message("first")])).ok
    assert kim.inbox[-1].text == "first"
    fake.fail("sendMessage", 502, "Bad Gateway", times=4)
    result = await tg.app.delivery.push(to(kim), [message("second")])
    assert result.status == "failed"
    assert kim.inbox[-1].text == "first"


async def test_a_refused_message_fails_without_retrying(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    kim = tg.person()
    await kim.says("/start")
    fake.fail("sendMessage", 400, "Bad Request: chat not found")
    result = await tg.app.delivery.push(to(kim), [message("hello")])
    assert result.status == "failed" and "not found" in result.detail
    assert len(fake.calls_of("sendMessage")) == 3  # /start's two replies, then this one once


async def test_a_long_export_is_one_document(tg: TelegramTester) -> None:
    kim = tg.person("Kim")
    await kim.says("/start")
    async with tg.app.database.session() as session:
        account = await find_account(session, "telegram", str(kim.id))
        assert account is not None
        for day in range(60):
            at = tg.app.clock.now() - timedelta(days=day)
            await log_walk(session, account.person_id, 20, at, "UTC")
    [export] = await kim.says("/export")
    assert export.method == "sendDocument" and "Everything I store about you" in export.text
    assert len(json.loads(export.file_text)["walks"]) == 60

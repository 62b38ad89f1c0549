"""A person talks to the bot on Telegram: the real PTB stack against the fake Bot API."""

from __future__ import annotations

from tests.adapters.telegram.conftest import TelegramTester
from tests.fakes.telegram_api import FakeBotApi


async def test_start_welcomes_in_html_with_the_disclaimer(tg: TelegramTester) -> None:
    kim = tg.person("Kim")
    replies = await kim.says("/start")
    assert [r.chat_id for r in replies] == [kim.id, kim.id]
    assert "backcoach" in replies[0].text
    assert ("b", "backcoach") in replies[0].entities
    assert "not medical advice" in replies[1].text


async def test_the_command_menu_is_registered_on_start(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    names = [command["command"] for command in fake.commands]
    registered = [info.name for info in tg.app.conversation.router.commands.values() if info.menu]
    assert names == registered
    assert {"start", "help", "faq", "exercise", "remind", "stats", "forget"} <= set(names)
    assert fake.calls_of("getMe")


async def test_a_question_in_own_words_is_answered(tg: TelegramTester) -> None:
    replies = await tg.person().says("does walking strengthen your back")
    assert len(replies) == 1
    assert "Walking strengthens the muscles that support your spine" in replies[0].text


async def test_a_red_flag_sends_the_person_to_a_doctor(tg: TelegramTester) -> None:
    replies = await tg.person().says("I have numbness in my leg and can't control my bladder")
    assert "Call your local emergency number" in replies[0].text


async def test_faq_buttons_answer_the_press_and_take_the_keyboard_away(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    kim = tg.person()
    [menu] = await kim.says("/faq")
    assert "Does walking strengthen your back?" in menu.labels
    [answer] = await kim.presses("Does walking strengthen your back?")
    assert "Walking strengthens the muscles" in answer.text
    assert list(fake.answered) == ["1"]
    assert menu.keyboard == [] and menu.edits == ["editMessageReplyMarkup"]

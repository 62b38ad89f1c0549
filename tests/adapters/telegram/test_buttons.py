"""Buttons on Telegram: always answered, never left lingering, never trusted."""

from __future__ import annotations

from tests.adapters.telegram.conftest import TelegramTester
from tests.fakes.telegram_api import FakeBotApi


async def test_a_forged_button_is_answered_politely(tg: TelegramTester, fake: FakeBotApi) -> None:
    kim = tg.person()
    [menu] = await kim.says("/faq")
    for forged in ("faq:no-such-entry", "nonsense", "x" * 64, "<b>&amp;</b>"):
        [reply] = await kim.presses_data(forged, on=menu)
        assert "older message" in reply.text
    [reply] = await kim.presses_data("forget:maybe", on=menu)
    assert reply.text == "Nothing was deleted."
    assert len(fake.answered) == 5


async def test_a_button_of_an_old_message_is_answered_and_its_keyboard_removed(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    kim = tg.person()
    [old_menu] = await kim.says("/faq")
    await kim.says("/faq")
    [answer] = await kim.presses("Does walking strengthen your back?", on=old_menu)
    assert "Walking strengthens" in answer.text
    assert old_menu.keyboard == []
    assert fake.answered


async def test_forgetting_from_its_confirmation_buttons(tg: TelegramTester) -> None:
    kim = tg.person()
    await kim.says("/start")
    [confirm] = await kim.says("/forget")
    [done] = await kim.presses("Yes, delete everything")
    assert "I deleted everything" in done.text
    assert confirm.keyboard == []

"""Telegram never leaves a person in silence: failures get an apology, forged or odd
input gets a polite answer, and nothing a person typed comes back unbounded."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from bot.core.events import Command
from bot.core.messages import Reply
from bot.core.turn import Turn
from tests.adapters.telegram.conftest import TelegramTester
from tests.fakes.telegram_api import FakeBotApi

SORRY = "Sorry, something went wrong on my side"


async def broken(turn: Turn, *_: object) -> Reply:
    raise RuntimeError("a bug in a handler")


def incident_in_log(caplog: pytest.LogCaptureFixture) -> str:
    [record] = [r for r in caplog.records if "incident" in r.getMessage()]
    return record.getMessage().split("incident ")[1].rstrip(")")


async def test_a_failing_command_gets_an_apology_with_the_logged_incident_id(
    tg: TelegramTester, caplog: pytest.LogCaptureFixture
) -> None:
    tg.app.conversation.router.command("broken", broken, description="test")
    kim = tg.person()
    with caplog.at_level(logging.ERROR):
        [reply] = await kim.says("/broken")
    assert reply.text.startswith(SORRY)
    assert incident_in_log(caplog) in reply.text
    [help_] = await kim.says("/help")  # and the bot goes on
    assert "What I can do" in help_.text


async def test_a_failing_button_is_answered_and_apologised_for(
    tg: TelegramTester, fake: FakeBotApi
) -> None:
    router = tg.app.conversation.router
    kim = tg.person()
    [menu] = await kim.says("/faq")
    router.actions["faq"] = replace(router.actions["faq"], handler=broken)
    [reply] = await kim.presses("Does walking strengthen your back?", on=menu)
    assert reply.text.startswith(SORRY)
    assert len(fake.answered) == 1  # the spinner stopped


@pytest.mark.parametrize(
    ("status", "description"),
    [(500, "Internal Server Error"), (400, "Bad Request: can't parse entities")],
)
async def test_a_reply_telegram_refuses_is_followed_by_an_apology(
    tg: TelegramTester, fake: FakeBotApi, status: int, description: str
) -> None:
    tg.telegram.port.retry_delays = ()  # one attempt: the refusal is final at once
    kim = tg.person()
    await kim.says("/start")
    fake.fail("sendMessage", status, description)
    [reply] = await kim.says("/help")
    assert reply.text.startswith(SORRY)


@pytest.mark.parametrize(
    ("data", "answer"),
    [
        ("walk:min:²", "older message"),
        ("walk:min:" + "9" * 50, "older message"),
        ("ex:next:²:1", "That session has ended"),
        ("ex:next:1:①", "That session has ended"),
        ("ex:next:99999999999:0", "That session has ended"),
        ("challenge:join:²", "older message"),
    ],
)
async def test_forged_numbers_in_button_data_get_a_polite_answer(
    tg: TelegramTester, fake: FakeBotApi, data: str, answer: str
) -> None:
    kim = tg.person()
    [menu] = await kim.says("/faq")
    [reply] = await kim.presses_data(data, on=menu)
    assert answer in reply.text
    assert len(fake.answered) == 1


async def test_a_six_thousand_character_time_zone_gets_one_short_answer(
    tg: TelegramTester,
) -> None:
    kim = tg.person()
    replies = await kim.says("/timezone " + "Atlantis " * 700)
    assert [r.text[:30] for r in replies] == [
        "That message is very long; I r",
        "I don't know the time zone “At",
    ]
    # The echo is one short quote, whatever else the reply says (a first contact's disclaimer).
    assert all(r.text.count("Atlantis") <= 10 for r in replies)


async def test_a_display_name_with_bidi_controls_is_stored_clean(tg: TelegramTester) -> None:
    kim = tg.person("\u202eKim\u200b")
    await kim.says("/start")
    [export] = await kim.says("/export")  # a JSON document since exports are files
    assert '"display_name": "Kim"' in export.file_text


async def test_a_failure_before_the_core_is_apologised_for_too(
    tg: TelegramTester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our own adapter code failing (reading group rights, say) is no excuse for silence."""
    handlers_module = "bot.adapters.telegram.handlers"

    def unreadable(*_: object) -> Command:
        raise ValueError("an update we cannot read")

    monkeypatch.setattr(f"{handlers_module}.event_from_message", unreadable)
    kim = tg.person()
    [reply] = await kim.says("hello")
    assert reply.text.startswith(SORRY)


async def test_a_press_our_adapter_cannot_read_is_answered_and_apologised_for(
    tg: TelegramTester, fake: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The query is answered whatever fails (the spinner stops), and the chat hears why."""

    def unreadable(*_: object) -> Command:
        raise ValueError("a callback query we cannot read")

    monkeypatch.setattr("bot.adapters.telegram.handlers.event_from_button", unreadable)
    kim = tg.person()
    [menu] = await kim.says("/faq")
    [reply] = await kim.presses("Does walking strengthen your back?", on=menu)
    assert reply.text.startswith(SORRY)
    assert len(fake.answered) == 1

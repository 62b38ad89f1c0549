"""Property-based tests through the Telegram fake: arbitrary Unicode, numbers and forged
button data, each answered without a failure (see tests/test_properties.py)."""

from __future__ import annotations

from hypothesis import example, given

from tests.adapters.telegram.conftest import TelegramTester
from tests.test_properties import FEWER, SORRY, forged_actions, typed_lines


@FEWER
@given(line=typed_lines)
async def test_any_message_on_telegram_is_answered(tg: TelegramTester, line: str) -> None:
    kim = tg.person()
    sent = await kim.says(line or " ")
    assert sent, "every message gets a reply"
    assert not any(s.text.startswith(SORRY) for s in sent)


@FEWER
@given(action=forged_actions)
@example(action="forget:yes:\ud9ad")
async def test_any_forged_button_on_telegram_is_answered(tg: TelegramTester, action: str) -> None:
    kim = tg.person()
    [menu] = await kim.says("/faq")
    # Telegram carries at most 64 bytes of UTF-8: a lone surrogate never arrives
    data = action.encode(errors="surrogatepass")[:64].decode(errors="ignore") or "x"
    sent = await kim.presses_data(data, on=menu)
    assert sent and not any(s.text.startswith(SORRY) for s in sent)

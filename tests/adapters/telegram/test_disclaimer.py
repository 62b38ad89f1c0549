"""On Telegram the disclaimer comes with a person's first message, whatever it is."""

from __future__ import annotations

from tests.adapters.telegram.conftest import TelegramTester
from tests.fakes.telegram_api import BOT_USERNAME

NOT_ADVICE = "not medical advice"


async def test_a_first_question_without_start_is_answered_with_the_disclaimer(
    tg: TelegramTester,
) -> None:
    kim = tg.person("Kim")
    [answer] = await kim.says("does walking strengthen your back")
    assert "Walking strengthens the muscles that support your spine" in answer.text
    assert NOT_ADVICE in answer.text
    assert ("i", tg.app.content.messages.disclaimer.text) in answer.entities
    [again] = await kim.says("are squats bad for my lower back")
    assert NOT_ADVICE not in again.text


async def test_a_first_mention_in_a_group_gets_it_in_the_group(tg: TelegramTester) -> None:
    group = tg.group()
    [reply] = await tg.person().says(f"@{BOT_USERNAME} is walking good for my back", group=group)
    assert reply.chat_id == group.id and NOT_ADVICE in reply.text

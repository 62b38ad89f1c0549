"""A person meets the bot in the console: welcome, help, the FAQ, questions."""

from __future__ import annotations

from tests.conftest import ConsoleUser


async def test_start_welcomes_and_shows_the_disclaimer(user: ConsoleUser) -> None:
    reply = await user.says("/start")
    assert "backcoach" in reply
    assert "not medical advice" in reply


async def test_help_lists_the_commands(user: ConsoleUser) -> None:
    reply = await user.says("/help")
    for command in ("/faq", "/exercise", "/routine", "/privacy", "/export", "/forget"):
        assert command in reply


async def test_a_question_in_own_words_gets_the_article_answer(user: ConsoleUser) -> None:
    reply = await user.says("what happens if my lower back is weak")
    assert "What happens if your lower back is weak?" in reply
    assert "weak core muscles" in reply
    assert "Kim Nguyen" in reply


async def test_faq_menu_buttons_answer_by_number_and_by_label(user: ConsoleUser) -> None:
    menu = await user.says("/faq")
    assert "[6] Does walking strengthen your back?" in menu
    by_number = await user.says("6")
    assert "Walking strengthens the muscles that support your spine" in by_number
    await user.says("/faq")
    by_label = await user.says("do squats work lower back?")
    assert "squat will work the muscles of the lower back" in by_label


async def test_unknown_command_is_answered_kindly(user: ConsoleUser) -> None:
    assert "don't know that command" in await user.says("/dance")


async def test_a_forged_button_action_is_stale(user: ConsoleUser) -> None:
    from bot.core.events import ButtonPress

    replies = await user.app.conversation.handle(
        ButtonPress(user.console.sender, user.console.chat, "faq:no-such-entry")
    )
    assert "older message" in replies[0].plain_text


async def test_empty_and_invisible_input_asks_again(user: ConsoleUser) -> None:
    from bot.core.events import TextMessage

    replies = await user.app.conversation.handle(
        TextMessage(user.console.sender, user.console.chat, "\u200b\u200d \x07")
    )
    assert "didn't catch" in replies[0].plain_text


async def test_overlong_text_is_cut_with_a_note(user: ConsoleUser) -> None:
    reply = await user.says("does walking strengthen your back " + "very " * 5000)
    assert "very long" in reply


async def test_markup_in_user_text_stays_plain(user: ConsoleUser) -> None:
    from bot.core.events import TextMessage

    replies = await user.app.conversation.handle(
        TextMessage(user.console.sender, user.console.chat, "**<b>@everyone</b>**")
    )
    assert all(
        span.style == "plain" or "@everyone" not in span.text
        for reply in replies
        for span in reply.text
    )


async def test_an_answer_about_an_exercise_offers_to_guide_it(user: ConsoleUser) -> None:
    answer = await user.says("how can I strengthen my lower back muscles at home")
    assert "[1] ▶ Guide me: Side-lying leg raise" in answer
    first_step = await user.says("1")
    assert "Step 1 of 5 · Set 1 of 3" in first_step
    assert "Lie on one side" in first_step


async def test_an_answer_listing_a_routine_offers_to_start_it(user: ConsoleUser) -> None:
    answer = await user.says("how do I rehab my lower back")
    assert "▶ Guide me:" in answer
    assert "Exercise 1 of" in await user.says("1")

"""First conversations: welcome, help, the FAQ menu, and questions in free text."""

from __future__ import annotations

from bot.core.actions import Action
from bot.core.answers import render_entry, topic_buttons
from bot.core.disclaimer import disclaimer_message, with_disclaimer_line
from bot.core.events import Command, TextMessage
from bot.core.exercises import session as sessions
from bot.core.markup import Markup
from bot.core.messages import Reply, message
from bot.core.turn import Services, Turn


async def start(turn: Turn, _command: Command) -> Reply:
    texts = turn.content.messages
    return [message(Markup.from_content(texts.welcome.strip())), disclaimer_message(turn.content)]


async def help_(turn: Turn, _command: Command) -> Reply:
    help_text = message(Markup.from_content(turn.content.messages.help.strip()))
    return [with_disclaimer_line(help_text, turn.content)]


async def faq_menu(turn: Turn, command: Command) -> Reply:
    if command.args:
        return answer_text(turn.services, command.args)
    return [
        message(
            turn.content.messages.faq_intro,
            buttons=topic_buttons(list(turn.content.faq.entries)),
        )
    ]


async def faq_button(turn: Turn, entry_id: str) -> Reply:
    entry = turn.content.faq.get(entry_id)
    if entry is None:
        return await stale_button(turn)
    related = turn.services.answerer.related_to(entry)
    return [render_entry(turn.content, entry, related)]


def free_text(services: Services, text: TextMessage) -> Reply:
    """The FAQ's answer (red flags and small talk included): content only, no person."""
    return answer_text(services, text.text)


def answer_text(services: Services, text: str) -> Reply:
    return services.answerer.reply(text)


async def unknown_command(turn: Turn) -> Reply:
    return [message(turn.content.messages.unknown_command)]


async def stale_button(turn: Turn) -> Reply:
    return [message(turn.content.messages.stale_button)]


CHOICE = Action("choice")
"""A typed choice no button of the bot's latest message has (answered by
:func:`choice_button`)."""
EXPIRED = "expired"
"""``choice:expired`` (:data:`bot.core.events.EXPIRED_CHOICE`): the person meant an older
message's choice."""


async def choice_button(turn: Turn, rest: str) -> Reply:
    """A typed choice that matches nothing current: say so, and show where the person is."""
    if rest != EXPIRED:
        return await stale_button(turn)
    return [message(turn.content.messages.choice_expired), *await where_you_are(turn)]


async def where_you_are(turn: Turn) -> Reply:
    """What is waiting for an answer here: the running exercise step, or nothing."""
    row = await sessions.active_session(turn)
    plan = sessions.current_plan(turn, row) if row is not None else None
    if row is None or plan is None:
        return [message(turn.content.messages.nothing_waiting)]
    return [sessions.show(turn, row, plan)]

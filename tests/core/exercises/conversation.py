"""Helpers for exercise conversations: press an old message's button, read a reply's buttons."""

from __future__ import annotations

from bot.core.events import ButtonPress
from bot.core.messages import OutboundMessage
from tests.conftest import ConsoleUser


def actions(user: ConsoleUser) -> dict[str, str]:
    """Label → action of the buttons on the latest message that had any."""
    return labelled(user.console._with_buttons[-1])


def labelled(message: OutboundMessage) -> dict[str, str]:
    return {b.label: b.action for row in message.buttons for b in row}


async def press(user: ConsoleUser, action: str) -> str:
    """Press a button by its action, as a person tapping an old message would."""
    replies = await user.app.conversation.handle(
        ButtonPress(user.console.sender, user.console.chat, action)
    )
    for reply in replies:
        user.console.show(reply)
    return "\n".join(r.plain_text for r in replies)

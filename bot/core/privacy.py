"""A person's data is theirs: /privacy explains, /export shows, /forget deletes."""

from __future__ import annotations

import json

from bot.content import Messages
from bot.core.events import Command
from bot.core.markup import Markup
from bot.core.messages import Button, OutboundMessage, Reply, message
from bot.core.turn import Turn
from bot.storage.people import export_person, forget_person


async def privacy(turn: Turn, _command: Command) -> Reply:
    return [message(Markup.from_content(turn.content.messages.privacy.strip()))]


async def forget(turn: Turn, _command: Command) -> Reply:
    texts = turn.content.messages
    return [
        message(
            texts.forget_confirm,
            buttons=[
                [Button(texts.forget_yes, "forget:yes"), Button(texts.forget_no, "forget:no")]
            ],
            visibility="private",
        )
    ]


async def forget_answer(turn: Turn, choice: str) -> Reply:
    texts = turn.content.messages
    if choice != "yes":
        return [message(texts.forget_cancelled, visibility="private")]
    await forget_person(turn.session, turn.person.id)
    return [message(texts.forget_done, visibility="private")]


async def export(turn: Turn, _command: Command) -> Reply:
    data = await export_person(turn.session, turn.person.id)
    document = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    return [
        message(
            Markup.plain(turn.content.messages.export_intro + "\n") + Markup.code(document),
            visibility="private",
            meta={"export": data},
        )
    ]


def private_delivery_note(
    texts: Messages, delivered: bool, open_link: str | None = None
) -> OutboundMessage | None:
    """What to say in the group after a reply meant for one person went (or not) to them.

    A platform that can link to the private chat (Telegram) always says where the
    reply went; one that cannot (Discord) speaks only when the reply did not arrive.
    """
    if open_link is not None:
        note = texts.sent_privately if delivered else texts.open_private_chat
        return message(Markup.plain(f"{note} {open_link}"))
    return None if delivered else message(texts.private_reply_failed)

"""A person's data is theirs: /privacy explains, /export shows, /forget deletes."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

from sqlalchemy import delete

from bot.core.actions import Action
from bot.core.events import Command
from bot.core.markup import Markup
from bot.core.messages import Attachment, Button, Reply, message
from bot.core.timers import set_timer
from bot.core.turn import Turn
from bot.storage.models import Timer
from bot.storage.people import export_person, forget_person

FORGET = Action("forget")
"""``forget:yes:<token>`` and ``forget:no:<token>`` under /forget's question (answered by
:func:`forget_answer`)."""
EXPORT_FILENAME = "backcoach-export.json"
FORGET_TIMER = "forget-confirmation"
CONFIRM_FOR = timedelta(minutes=10)
"""How long "Yes, delete everything" works after /forget."""
TOKEN_BYTES = 9
"""Random bytes in a confirmation token (12 characters in the button's data)."""


async def privacy(turn: Turn, _command: Command) -> Reply:
    return [message(Markup.from_content(turn.content.messages.privacy.strip()))]


async def forget(turn: Turn, _command: Command) -> Reply:
    """Ask first. The answer buttons carry a fresh token that works once, for minutes.

    The token is a durable timer (kind :data:`FORGET_TIMER`): pressing "Yes" deletes
    it and the person's data in one transaction, and when it falls due unused the
    sweep drops it, so an old confirmation can never delete anything.
    """
    texts = turn.content.messages
    token = secrets.token_urlsafe(TOKEN_BYTES)
    await set_timer(
        turn.session,
        kind=FORGET_TIMER,
        key=token,
        due_at=turn.now + CONFIRM_FOR,
        person_id=turn.person.id,
        recipient=turn.recipient,
        private_chat=turn.chat.is_private,
    )
    return [
        message(
            texts.forget_confirm,
            buttons=[
                [
                    Button(texts.forget_yes, FORGET.id("yes", token)),
                    Button(texts.forget_no, FORGET.id("no", token)),
                ]
            ],
            visibility="private",
        )
    ]


async def forget_answer(turn: Turn, choice: str) -> Reply:
    """``yes:<token>`` deletes everything, once, while the token lasts; anything else nothing."""
    texts = turn.content.messages
    answer, _, token = choice.partition(":")
    confirmed = await _use_token(turn, token) if token else False
    if answer != "yes":
        return [message(texts.forget_cancelled, visibility="private")]
    if not confirmed:
        return [message(texts.forget_expired, visibility="private")]
    await forget_person(turn.session, turn.person.id)
    return [message(texts.forget_done, visibility="private")]


async def _use_token(turn: Turn, token: str) -> bool:
    """Spend this person's confirmation ``token``; ``False`` if spent, expired or not theirs."""
    spent = await turn.session.execute(
        delete(Timer)
        .where(
            Timer.kind == FORGET_TIMER,
            Timer.key == token,
            Timer.person_id == turn.person.id,
            Timer.due_at > turn.now,
        )
        .returning(Timer.id)
    )
    return spent.scalar() is not None


async def confirmation_expired(_turn: Turn, _key: str, _data: dict[str, object]) -> Reply:
    """An unused confirmation's time is up: its token is gone, and nothing needs saying."""
    return []


async def export(turn: Turn, _command: Command) -> Reply:
    """Everything stored, as a JSON file: a file keeps its indentation whatever its length,
    where a message would be cut into parts."""
    data = await export_person(turn.session, turn.person.id)
    document = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    return [
        message(
            turn.content.messages.export_intro,
            attachment=Attachment(document.encode(), EXPORT_FILENAME),
            visibility="private",
            meta={"export": data},
        )
    ]

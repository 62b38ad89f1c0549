"""Delivery: the one way the core's messages reach people, and who can be reached.

Replies, pushes and the sweeps all send through :class:`Delivery`, which owns the
two rules that used to be written in every adapter:

* **Routing.** A message marked ``private`` for a person in a group or channel goes
  to their own private chat (:meth:`ChatPort.private_chat`). A reply asked for in the
  group also leaves a note there saying where it went, or that it could not (with
  the platform's link to a private chat when it has one); a push leaves none, since
  nobody in the group asked.
* **Reachability.** A platform refusing a message to a person's own private chat
  (blocked, DMs closed) makes the person unreachable: the account is marked and their
  reminders on that platform pause, so nothing retries a refused chat forever
  (:func:`pause_unreachable`). Writing to us again, or unblocking the bot, undoes both
  and the reminders resume from their next slot (:func:`resume_reachable`).

Ports render and send; they never write. Everything a send's result means is here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.content import Messages
from bot.core.clock import Clock
from bot.core.events import Event, Recipient
from bot.core.markup import Markup
from bot.core.messages import OutboundMessage, message
from bot.core.ports import ChatPort, GroupAdminPort, SendResult
from bot.storage.database import Database
from bot.storage.models import Account, ReminderSubscription
from bot.storage.people import RecentAccounts

log = logging.getLogger(__name__)

Bind = AsyncSession | AsyncConnection


class Delivery:
    """Routes the core's messages to the platforms' ports and keeps reachability."""

    def __init__(
        self, database: Database, clock: Clock, texts: Messages, known: RecentAccounts
    ) -> None:
        self.database = database
        self.clock = clock
        self.texts = texts
        self.known = known
        """Accounts the conversation answers without the database; one found unreachable
        here is forgotten at once, so its next message goes to the database again."""
        self._ports: dict[str, ChatPort] = {}
        self._group_admins: dict[str, GroupAdminPort] = {}

    def connect(self, port: ChatPort, *, group_admin: GroupAdminPort | None = None) -> None:
        self._ports[port.platform] = port
        if group_admin is not None:
            self._group_admins[port.platform] = group_admin

    def group_admin(self, platform: str) -> GroupAdminPort | None:
        """What the bot may do in the platform's servers (roles, members), if anything."""
        return self._group_admins.get(platform)

    async def push(self, recipient: Recipient, messages: Sequence[OutboundMessage]) -> SendResult:
        """Send messages the core speaks first with, in order; stop at the first not
        delivered. A ``private`` one for a person in a group goes to their private chat."""
        port = self._ports.get(recipient.platform)
        if port is None:
            return SendResult.failed(f"no port for platform {recipient.platform!r}")
        result = SendResult.sent()
        for outbound in messages:
            to = recipient
            if outbound.visibility == "private" and not _is_private(port, recipient):
                to = _private_chat(port, recipient.user_id) or recipient
            result = await self._send(port, to, outbound)
            if not result.ok:
                break
        return result

    async def reply(self, event: Event, messages: Sequence[OutboundMessage]) -> SendResult:
        """Answer ``event`` in its chat; stop at the first message not delivered.

        Asked in a group, the ``private`` messages go to the person's private chat
        after the others, and the group is told where they went (or that they could
        not go): a group that hears nothing back looks as if the bot were dead.
        """
        sender, chat = event.sender, event.chat
        port = self._ports.get(sender.platform)
        if port is None:
            return SendResult.failed(f"no port for platform {sender.platform!r}")
        here = Recipient(sender.platform, chat.id, sender.user_id)
        private: list[OutboundMessage] = []
        for outbound in messages:
            if outbound.visibility == "private" and not chat.is_private:
                private.append(outbound)
                continue
            result = await self._send(port, here, outbound)
            if not result.ok:
                return result
        if not private:
            return SendResult.sent()
        delivered = False
        dm = _private_chat(port, sender.user_id)
        if dm is not None:
            for outbound in private:
                delivered = (await self._send(port, dm, outbound)).ok
                if not delivered:
                    break
        return await self._send(port, here, self.private_note(port, delivered))

    def private_note(self, port: ChatPort, delivered: bool) -> OutboundMessage:
        """What the group reads after a reply meant for one person went (or not) to them."""
        texts, link = self.texts, port.private_chat_link
        if link is not None:
            note = texts.sent_privately if delivered else texts.open_private_chat
            return message(Markup.plain(f"{note} {link}"))
        return message(texts.sent_to_direct_messages if delivered else texts.private_reply_failed)

    async def _send(self, port: ChatPort, to: Recipient, outbound: OutboundMessage) -> SendResult:
        result = await port.send(to, outbound)
        if result.status == "blocked" and to.user_id and _is_private(port, to):
            await self.unreachable(to.platform, to.user_id)
        return result

    async def unreachable(self, platform: str, user_id: str) -> None:
        """The platform refused the person's private chat, or said they blocked the bot."""
        log.info("%s user %s cannot be reached; their reminders pause", platform, user_id)
        self.known.forget(platform, user_id)
        async with self.database.session() as session:
            await pause_unreachable(session, platform, user_id)

    async def reachable(self, platform: str, user_id: str) -> None:
        """The platform says the person unblocked the bot: as if they had written."""
        self.known.forget(platform, user_id)
        async with self.database.session() as session:
            await resume_reachable(session, platform, user_id, self.clock.now())


def _is_private(port: ChatPort, recipient: Recipient) -> bool:
    return recipient.user_id is not None and recipient.chat_id == port.private_chat(
        recipient.user_id
    )


def _private_chat(port: ChatPort, user_id: str | None) -> Recipient | None:
    return None if not user_id else Recipient(port.platform, port.private_chat(user_id), user_id)


async def pause_unreachable(bind: Bind, platform: str, user_id: str) -> None:
    """Mark the account unreachable and pause its reminders on that platform."""
    await _set_reachable(bind, platform, user_id, False, "active", {"next_due_at": None})


async def resume_reachable(bind: Bind, platform: str, user_id: str, now: datetime) -> None:
    """The person wrote to us, or unblocked the bot: they can be reached again.

    Paused reminders get ``slot_at`` NULL with ``next_due_at`` = now, which asks the
    sweep to compute the next slot from the person's times without sending anything now.
    """
    await _set_reachable(bind, platform, user_id, True, "blocked", {"next_due_at": now})


async def _set_reachable(
    bind: Bind,
    platform: str,
    user_id: str,
    reachable: bool,
    from_state: str,
    due: dict[str, datetime | None],
) -> None:
    """One switch for both directions: the account's flag and its reminders' state."""
    await bind.execute(
        update(Account)
        .where(Account.platform == platform, Account.platform_user_id == user_id)
        .values(reachable=reachable)
    )
    await bind.execute(
        update(ReminderSubscription)
        .where(
            ReminderSubscription.platform == platform,
            ReminderSubscription.user_id == user_id,
            ReminderSubscription.state == from_state,
        )
        .values(state="active" if reachable else "blocked", slot_at=None, **due)
    )

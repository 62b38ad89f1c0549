"""The PTB handlers: each turns an update into a core event and sends the replies back.

Nothing here decides what to say; that is the core's job. Callback queries are
always answered first (Telegram shows a spinner until they are), and the pressed
message loses its keyboard so old buttons do not linger. No update ends in
silence: whatever fails while handling it (our code, or Telegram refusing a
reply) is logged once with an incident id, and the chat gets an apology quoting it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import replace

from telegram import Message, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.adapters.telegram.port import TelegramPort
from bot.adapters.telegram.updates import (
    PLATFORM,
    event_from_button,
    event_from_message,
    reachability_change,
)
from bot.core.events import Event, Recipient
from bot.core.incidents import apology, report_failure
from bot.core.ports import SendResult

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]
"""The update types we ask Telegram for; anything else is never sent to us."""


class ReplyRefused(Exception):
    """Telegram refused a reply (after the port's retries); the chat gets an apology."""

    def __init__(self, result: SendResult) -> None:
        super().__init__(result.detail or result.status)


class TelegramHandlers:
    def __init__(self, port: TelegramPort) -> None:
        self.port = port
        self.conversation = port.conversation

    def install(self, application: Application) -> None:  # type: ignore[type-arg]
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE, self.on_message))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_handler(
            ChatMemberHandler(self.on_membership, ChatMemberHandler.MY_CHAT_MEMBER)
        )
        application.add_error_handler(self.on_error)

    async def on_message(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        if message is None:
            return
        await self._guarded(update, self._answer_message(message))

    async def _answer_message(self, message: Message) -> None:
        event = event_from_message(message, self.port.me)
        if event is not None:
            await self._handle(event)

    async def _with_group_rights(self, event: Event) -> Event:
        """Say whether the sender administers the group, for the events whose handlers
        read it (the core decides what that allows); one ``getChatMember`` each."""
        if event.chat.is_private or not self.conversation.router.reads_group_rights(event):
            return event
        try:
            member = await self.port.bot.get_chat_member(
                int(event.chat.id), int(event.sender.user_id)
            )
        except TelegramError as exc:
            log.info("could not read group rights: %s", exc.message)
            return event
        manages = member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
        return replace(event, sender=replace(event.sender, can_manage_group=manages))

    async def on_button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        try:
            await query.answer()
        except TelegramError as exc:  # e.g. "query is too old": still handle the press
            log.info("could not answer callback query: %s", exc.message)
        if isinstance(query.message, Message) and query.message.reply_markup is not None:
            try:
                await query.message.edit_reply_markup(reply_markup=None)
            except TelegramError as exc:
                log.info("could not remove a pressed keyboard: %s", exc.message)
        event = event_from_button(query)
        if event is not None:
            await self._guarded(update, self._handle(event))

    async def on_membership(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        change = update.my_chat_member
        if change is None:
            return
        reachability = reachability_change(change)
        if reachability is not None:
            user_id, reachable = reachability
            log.info("user %s %s the bot", user_id, "unblocked" if reachable else "blocked")
            await self.conversation.set_reachable(PLATFORM, user_id, reachable)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """PTB's last resort, for what escaped :meth:`_guarded` (a handler of PTB's own)."""
        update_id = update.update_id if isinstance(update, Update) else None
        incident = report_failure(f"handling update {update_id}", context.error)
        if isinstance(update, Update):
            await self._apologise(update, incident)

    async def _guarded(self, update: Update, work: Awaitable[object]) -> None:
        """Run ``work`` for ``update``; if it fails, log it once and apologise in the chat."""
        try:
            await work
        except Exception as exc:
            incident = report_failure(f"handling update {update.update_id}", exc)
            await self._apologise(update, incident)

    async def _apologise(self, update: Update, incident: str) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        sorry = apology(self.conversation.services.content.messages, incident)
        try:
            result = await self.port.deliver(chat.id, sorry)
        except Exception as exc:
            log.warning("could not apologise for incident %s: %s", incident, exc)
            return
        if not result.ok:
            log.warning("could not apologise for incident %s: %s", incident, result.status)

    async def _handle(self, event: Event) -> None:
        """The core's replies to ``event``, sent; a reply Telegram refused is an error."""
        event = await self._with_group_rights(event)
        replies = await self.conversation.handle(event)
        if replies:
            recipient = Recipient(PLATFORM, event.chat.id, event.sender.user_id)
            result = await self.port.send_all(recipient, replies)
            if result.status == "failed":
                raise ReplyRefused(result)

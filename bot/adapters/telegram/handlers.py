"""The PTB handlers: each turns an update into a core event and sends the replies back.

Nothing here decides what to say; that is the core's job. Callback queries are
always answered (Telegram shows a spinner until they are), and the pressed
message loses its keyboard so old buttons do not linger, unless the press was
someone else's: they get an alert and the message stays as its owner left it.
No update ends in silence: whatever fails while handling it (our code, or
Telegram refusing a reply) is logged once with an incident id, and the chat gets
an apology quoting it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import replace

from telegram import CallbackQuery, Message, Update
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
from bot.adapters.telegram.render import alert_text
from bot.adapters.telegram.updates import (
    departure_from,
    departure_in,
    event_from_button,
    event_from_message,
    reachability_change,
)
from bot.core.events import Event, LeftGroup
from bot.core.incidents import report_failure
from bot.core.messages import Reply
from bot.core.ports import InboundPort, raise_if_refused

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
    Update.CHAT_MEMBER,
]
"""The update types we ask Telegram for; anything else is never sent to us.
``chat_member`` (someone left a group) comes only where the bot is an administrator;
elsewhere the "left the group" service message says the same."""


class TelegramHandlers:
    def __init__(self, core: InboundPort, port: TelegramPort) -> None:
        self.core = core
        self.port = port

    def install(self, application: Application) -> None:  # type: ignore[type-arg]
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE, self.on_message))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_handler(
            ChatMemberHandler(self.on_membership, ChatMemberHandler.MY_CHAT_MEMBER)
        )
        application.add_handler(ChatMemberHandler(self.on_member, ChatMemberHandler.CHAT_MEMBER))
        application.add_error_handler(self.on_error)

    async def on_message(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        if message is None:
            return
        await self._guarded(update, self._answer_message(message))

    async def _answer_message(self, message: Message) -> None:
        await self._departure(departure_in(message, self.port.me))  # "X left the group"
        event = event_from_message(message, self.port.me)
        if event is not None:
            await self._handle(event)

    async def _with_group_rights(self, event: Event) -> Event:
        """Say whether the sender administers the group, for the events whose handlers
        read it (the core decides what that allows); one ``getChatMember`` each."""
        if event.chat.is_private or not self.core.reads_group_rights(event):
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
        """Handle the press, then answer the query; a press that fails is apologised for."""
        query = update.callback_query
        if query is None:
            return
        await self._guarded(update, self._press(query))

    async def _press(self, query: CallbackQuery) -> None:
        """The query is answered whatever happens (``finally``): with an alert when the
        reply is only for the presser (someone else's button), leaving that message's
        keyboard to its owner; otherwise the keyboard goes and the replies are sent."""
        event: Event | None = None
        replies: Reply = []
        alert: str | None = None
        try:
            event = event_from_button(query)
            if event is not None:
                event = await self._with_group_rights(event)
                replies = await self.core.handle(event)
                alert = alert_text(replies)
        finally:
            await self._answer_query(query, alert)
        if event is None or alert is not None:
            return
        if isinstance(query.message, Message) and query.message.reply_markup is not None:
            try:
                await query.message.edit_reply_markup(reply_markup=None)
            except TelegramError as exc:
                log.info("could not remove a pressed keyboard: %s", exc.message)
        await self._send(event, replies)

    @staticmethod
    async def _answer_query(query: CallbackQuery, alert: str | None) -> None:
        """Every query is answered (Telegram shows a spinner until it is)."""
        try:
            await query.answer(text=alert, show_alert=alert is not None)
        except TelegramError as exc:  # e.g. "query is too old"
            log.info("could not answer callback query: %s", exc.message)

    async def on_membership(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """The bot was blocked or unblocked in a private chat, or removed from a group."""
        change = update.my_chat_member
        if change is None:
            return
        reachability = reachability_change(change)
        if reachability is not None:
            log.info("user %s: %s", reachability.user_id, type(reachability).__name__.lower())
            await self.core.handle(reachability)
        await self._departure(departure_from(change, self.port.me))

    async def on_member(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """A member left a group or was removed (sent to bots that administer the group)."""
        if update.chat_member is not None:
            await self._departure(departure_from(update.chat_member, self.port.me))

    async def _departure(self, departure: LeftGroup | None) -> None:
        if departure is not None:
            await self.core.handle(departure)

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
        sorry = self.core.apology(incident)
        try:
            result = await self.port.deliver(chat.id, sorry)
        except Exception as exc:
            log.warning("could not apologise for incident %s: %s", incident, exc)
            return
        if not result.ok:
            log.warning("could not apologise for incident %s: %s", incident, result.status)

    async def _handle(self, event: Event) -> None:
        """The core's replies to ``event``, sent."""
        event = await self._with_group_rights(event)
        await self._send(event, await self.core.handle(event))

    async def _send(self, event: Event, replies: Reply) -> None:
        """Send ``replies`` to the chat of ``event`` (the core routes private ones); a
        reply Telegram refused is an error."""
        if replies:
            raise_if_refused(await self.core.deliver(event, replies))

"""Delivering the core's messages to Telegram: replies and pushes alike.

:class:`TelegramPort` is the core's ``ChatPort`` for Telegram: it renders one
message and sends it, and says what happened. Every request goes through the
bot's :class:`~bot.adapters.telegram.limiter.FloodLimiter` (Telegram's pacing,
which also honours ``RetryAfter``); here each request is retried after network
errors with a bounded backoff, and the platform's answers become a
:class:`~bot.core.ports.SendResult`: ``Forbidden`` (blocked, kicked, deactivated)
is ``blocked``, and the core decides what that means for the person.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from telegram import Bot, InputFile, LinkPreviewOptions
from telegram.constants import ChatAction, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.adapters.telegram.limiter import FloodLimiter, retry_after_seconds
from bot.adapters.telegram.render import (
    CAPTION_LIMIT,
    keyboard,
    text_parts,
    to_html,
    utf16_length,
)
from bot.adapters.telegram.updates import PLATFORM, BotIdentity
from bot.core.events import Recipient
from bot.core.markup import Markup
from bot.core.messages import Attachment, Image, OutboundMessage
from bot.core.ports import SendResult

log = logging.getLogger(__name__)

T = TypeVar("T")

DEEP_LINK_PAYLOAD = "from-group"
"""The ``/start`` argument of the link a group note carries to the private chat."""
TYPING_REFRESH_SECONDS = 4.5
"""Telegram shows a chat action for up to 5 s; it is sent again just before that."""
MAX_TYPING_SECONDS = 120.0
"""However long the core says a follow-up takes, the indicator stops after this."""
NETWORK_RETRY_DELAYS = (0.5, 1.0, 2.0)
"""Seconds to wait before each retry of a request that failed on the network."""
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass
class TelegramPort:
    bot: Bot
    me: BotIdentity
    flood: FloodLimiter | None = None
    """The bot's rate limiter, asked whether a message will be held back."""
    retry_delays: Sequence[float] = NETWORK_RETRY_DELAYS
    platform: str = PLATFORM
    _typing: dict[int, asyncio.Task[None]] = field(default_factory=dict, repr=False)

    @property
    def private_chat_link(self) -> str:
        """Opens the private chat with the bot; a group's note about a private reply has it."""
        return f"https://t.me/{self.me.username}?start={DEEP_LINK_PAYLOAD}"

    def private_chat(self, user_id: str) -> str:
        """A Telegram user's private chat with a bot has the user's id."""
        return user_id

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        chat_id = int(recipient.chat_id)
        if chat_id > 0 and self.flood is not None and self.flood.holds_back(chat_id):
            await self.typing(chat_id)  # the chat's pace holds this one back about a second
        return await self.deliver(chat_id, message)

    async def deliver(self, chat_id: int, outbound: OutboundMessage) -> SendResult:
        """One message to one chat, mapped to a :class:`SendResult`."""
        self._stop_typing(chat_id)
        try:
            await self._post(chat_id, outbound)
        except ChatMigrated as exc:
            log.info("group %s became supergroup %s", chat_id, exc.new_chat_id)
            return await self.deliver(int(exc.new_chat_id), outbound)
        except Forbidden as exc:
            return SendResult.blocked(exc.message)
        except RetryAfter as exc:
            return SendResult.wait(retry_after_seconds(exc))
        except BadRequest as exc:
            log.error("Telegram refused a message to chat %s: %s", chat_id, exc.message)
            return SendResult.failed(exc.message)
        except TelegramError as exc:
            log.warning("sending to chat %s failed: %s", chat_id, exc.message)
            return SendResult.failed(exc.message)
        if outbound.follow_up_in:
            await self._keep_typing(chat_id, outbound.follow_up_in)
        return SendResult.sent()

    async def _keep_typing(self, chat_id: int, seconds: float) -> None:
        """Show "typing…" until the core's follow-up (e.g. the end of a hold) is sent."""
        await self.typing(chat_id)
        if seconds > TYPING_REFRESH_SECONDS:
            task = asyncio.create_task(self._refresh_typing(chat_id, seconds))
            self._typing[chat_id] = task
            task.add_done_callback(lambda done: self._forget_typing(chat_id, done))

    async def _refresh_typing(self, chat_id: int, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        until = loop.time() + min(seconds, MAX_TYPING_SECONDS)
        while until - loop.time() > TYPING_REFRESH_SECONDS:
            await asyncio.sleep(TYPING_REFRESH_SECONDS)
            await self.typing(chat_id)

    def _stop_typing(self, chat_id: int) -> None:
        task = self._typing.pop(chat_id, None)
        if task is not None:
            task.cancel()

    def stop_all_typing(self) -> None:
        for chat_id in list(self._typing):
            self._stop_typing(chat_id)

    def _forget_typing(self, chat_id: int, done: asyncio.Task[None]) -> None:
        if self._typing.get(chat_id) is done:
            del self._typing[chat_id]

    async def typing(self, chat_id: int) -> None:
        """Show "typing…" until the next message arrives; nothing breaks if it fails."""
        try:
            await self.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as exc:
            log.debug("typing indicator for chat %s failed: %s", chat_id, exc.message)

    async def _post(self, chat_id: int, outbound: OutboundMessage) -> None:
        """The image (as a photo), then the attachment (as a document), each captioned
        with the text when it fits; then the rest of the text; the buttons go with the
        last request."""
        parts = text_parts(outbound.text)
        reply_markup = keyboard(outbound.buttons)
        files: list[tuple[Callable[..., Awaitable[object]], Image | Attachment]] = []
        if outbound.image is not None:
            files.append((self.bot.send_photo, outbound.image))
        if outbound.attachment is not None:
            files.append((self.bot.send_document, outbound.attachment))
        for index, (send, file) in enumerate(files):
            caption, parts = _caption(parts)
            last = not parts and index == len(files) - 1
            await self._call(
                partial(
                    send,
                    chat_id,
                    InputFile(file.data, filename=file.filename),
                    caption=to_html(caption) if caption is not None else None,
                    parse_mode=ParseMode.HTML,
                    reply_markup=reply_markup if last else None,
                )
            )
        for index, part in enumerate(parts):
            await self._call(
                partial(
                    self.bot.send_message,
                    chat_id,
                    to_html(part),
                    parse_mode=ParseMode.HTML,
                    reply_markup=reply_markup if index == len(parts) - 1 else None,
                    link_preview_options=_NO_PREVIEW,
                )
            )

    async def _call(self, request: Callable[[], Awaitable[T]]) -> T:
        """One API call, retried after network errors (never after the server said no)."""
        for delay in self.retry_delays:
            try:
                return await request()
            except BadRequest:
                raise
            except NetworkError as exc:
                log.warning("network error (%s); retrying in %.1f s", exc.message, delay)
                await asyncio.sleep(delay)
        return await request()


def _caption(parts: list[Markup]) -> tuple[Markup | None, list[Markup]]:
    """The text as a file's caption when it is one part that fits, and what is left to send."""
    if len(parts) == 1 and utf16_length(parts[0].text) <= CAPTION_LIMIT:
        return parts[0], []
    return None, parts

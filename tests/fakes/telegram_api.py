"""A loopback fake of the Telegram Bot API, speaking its real JSON protocol.

The real python-telegram-bot HTTP stack talks to it through
``TELEGRAM_API_BASE_URL=http://127.0.0.1:<port>/bot``. It keeps what the bot
sent, refuses what the real server refuses (empty or too long text, bad HTML,
oversized callback data, unknown messages to edit), and can be told to answer
403 or 429, or to enforce Telegram's flood limits.

Tests drive it in-process (:class:`FakeBotApi`); the benchmark runs it as a
separate process (``python -m tests.fakes.telegram_api``) and drives it
through the ``/_fake/...`` control routes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import statistics
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientError, ClientSession, web

from tests.fakes.telegram_html import HtmlError, ParsedHtml, parse_html

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl"
BOT_ID = 123456789
BOT_USERNAME = "backcoach_test_bot"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
MESSAGE_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
EDIT_METHODS = frozenset({"editMessageText", "editMessageReplyMarkup"})
_JSON_FIELDS = frozenset(
    {"reply_markup", "link_preview_options", "allowed_updates", "commands", "reply_parameters"}
)
_INT_FIELDS = frozenset({"chat_id", "message_id", "offset", "limit", "timeout"})

Json = dict[str, Any]


class ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after

    def body(self) -> Json:
        body: Json = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True)
class FakeUser:
    id: int
    first_name: str
    username: str | None = None
    is_bot: bool = False

    def json(self) -> Json:
        data: Json = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        return data


@dataclass(frozen=True)
class FakeGroup:
    id: int
    title: str

    def json(self) -> Json:
        return {"id": self.id, "type": "group", "title": self.title}


BOT = FakeUser(BOT_ID, "backcoach", BOT_USERNAME, is_bot=True)
_ADMIN_RIGHTS = {
    right: True
    for right in (
        "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
        "can_manage_video_chats", "can_restrict_members", "can_promote_members",
        "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
        "can_delete_stories",
    )
}  # fmt: skip


@dataclass
class SentMessage:
    """A message the bot sent, as the fake stored it (edits applied)."""

    message_id: int
    chat_id: int
    method: str
    html: str
    text: str
    entities: list[tuple[str, str]]
    keyboard: list[list[Json]]
    at: float
    photo: bytes | None = None
    document: tuple[str, bytes] | None = None
    """(file name, content) of a document."""
    edits: list[str] = field(default_factory=list)

    @property
    def file_text(self) -> str:
        """A document's content, as text ("" for anything else)."""
        return self.document[1].decode() if self.document is not None else ""

    @property
    def labels(self) -> list[str]:
        return [button["text"] for row in self.keyboard for button in row]

    def button(self, label: str) -> Json:
        for row in self.keyboard:
            for button in row:
                if button["text"] == label:
                    return button
        raise KeyError(f"no button {label!r} on message {self.message_id}: {self.labels}")

    def json(self, chat: Json) -> Json:
        data: Json = {
            "message_id": self.message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": BOT.json(),
        }
        if self.photo is not None or self.document is not None:
            if self.photo is not None:
                data["photo"] = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
            else:
                data["document"] = {"file_id": "d", "file_unique_id": "d"}
            if self.text:
                data["caption"] = self.text
        else:
            data["text"] = self.text
        if self.keyboard:
            data["reply_markup"] = {"inline_keyboard": self.keyboard}
        return data


@dataclass
class Injected:
    method: str
    status: int
    description: str
    retry_after: int | None
    times: int
    chat_id: int | None


class FakeBotApi:
    def __init__(self, token: str = TOKEN, *, flood_limits: bool = False) -> None:
        self.token = token
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._closing = False
        self.reset(flood_limits=flood_limits)

    def reset(self, *, flood_limits: bool = False) -> None:
        """Forget everything sent and queued (the benchmark reuses one server)."""
        self.flood_limits = flood_limits
        self.sent: list[SentMessage] = []
        self.calls: list[tuple[str, Json]] = []
        self.commands: list[Json] = []
        self.chat_actions: list[tuple[int, str]] = []
        self.group_admins: dict[int, set[int]] = {}
        """Per group id, the user ids getChatMember reports as administrators."""
        self.answered: dict[str, Json] = {}
        self.blocked: set[int] = set()
        self.too_many_requests = 0
        self.webhook: Json | None = None
        self.webhook_statuses: list[int] = []
        self._updates: deque[Json] = deque()
        self._every_update: list[Json] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._query_ids = itertools.count(1)
        self._chats: dict[int, Json] = {}
        self._started: set[int] = set()
        self._open_queries: set[str] = set()
        self._offset = 0
        self._delivered: dict[int, float] = {}
        self._update_chat: dict[int, int] = {}
        self._injected: list[Injected] = []
        self._per_chat_last: dict[int, float] = {}
        self._window: deque[float] = deque()

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self, port: int = 0) -> str:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_route("*", "/_fake/{action}", self._control)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.base_url

    async def stop(self) -> None:
        self._closing = True  # long polls return at once instead of holding the shutdown
        self._notify()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what people do ------------------------------------------------------------------

    def says(
        self,
        user: FakeUser,
        text: str,
        *,
        group: FakeGroup | None = None,
        reply_to: SentMessage | None = None,
    ) -> int:
        """A person sends ``text`` in their private chat or in ``group``; returns the update id."""
        chat = group.json() if group else self._private_chat(user)
        if group is None:
            self._started.add(user.id)
        else:
            self._chats[group.id] = chat
        message: Json = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user.json(),
            "text": text,
        }
        entities = _entities_of(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to.json(self._chats[reply_to.chat_id])
        return self._enqueue({"message": message}, chat["id"])

    def presses(self, user: FakeUser, sent: SentMessage, data: str) -> tuple[int, str]:
        """A person presses a button (any callback data) under ``sent``; (update id, query id)."""
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        query = {
            "id": query_id,
            "from": user.json(),
            "chat_instance": f"ci{sent.chat_id}",
            "data": data,
            "message": sent.json(self._chats[sent.chat_id]),
        }
        return self._enqueue({"callback_query": query}, sent.chat_id), query_id

    def presses_together(
        self, user: FakeUser, sent: SentMessage, data: str, times: int
    ) -> list[int]:
        """A double (or triple...) click: ``times`` callback queries, all queued before the
        bot fetches any, so they reach it in one batch of updates. Returns the update ids."""
        return [self.presses(user, sent, data)[0] for _ in range(times)]

    def delivers_again(self, update_id: int) -> int:
        """Telegram sends an update again (a webhook call it saw no answer to, or a poll
        whose offset a crash left unconfirmed): the same content, the same ids inside."""
        update = next(u for u in self._every_update if u["update_id"] == update_id)
        body = {key: value for key, value in update.items() if key != "update_id"}
        if "callback_query" in body:
            self._open_queries.add(body["callback_query"]["id"])
        return self._enqueue(body, self._update_chat[update_id])

    def leaves(self, user: FakeUser, group: FakeGroup, *, bot_is_admin: bool = False) -> int:
        """``user`` leaves ``group``: every bot gets the "left the group" service message;
        a bot that administers the group also gets a ``chat_member`` update."""
        chat = group.json()
        self._chats[group.id] = chat
        service = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user.json(),
            "left_chat_member": user.json(),
        }
        last = self._enqueue({"message": service}, group.id)
        if bot_is_admin:
            change = _member_change(chat, user, user, "member", "left")
            last = self._enqueue({"chat_member": change}, group.id)
        return last

    def removes_bot(self, admin: FakeUser, group: FakeGroup) -> int:
        """``admin`` removes the bot from ``group``: a ``my_chat_member`` update, nothing more."""
        chat = group.json()
        self._chats[group.id] = chat
        change = _member_change(chat, admin, BOT, "member", "kicked")
        return self._enqueue({"my_chat_member": change}, group.id)

    def blocks(self, user: FakeUser) -> int:
        self.blocked.add(user.id)
        return self._membership(user, "member", "kicked")

    def unblocks(self, user: FakeUser) -> int:
        self.blocked.discard(user.id)
        return self._membership(user, "kicked", "member")

    def meet(self, user: FakeUser) -> None:
        """The person has opened a private chat with the bot before (so it may write first)."""
        self._private_chat(user)
        self._started.add(user.id)

    def _membership(self, user: FakeUser, old: str, new: str) -> int:
        chat = self._private_chat(user)
        change = {
            "chat": chat,
            "from": user.json(),
            "date": int(time.time()),
            "old_chat_member": {"status": old, "user": BOT.json(), "until_date": 0},
            "new_chat_member": {"status": new, "user": BOT.json(), "until_date": 0},
        }
        return self._enqueue({"my_chat_member": change}, user.id)

    def _private_chat(self, user: FakeUser) -> Json:
        chat = {"id": user.id, "type": "private", "first_name": user.first_name}
        self._chats[user.id] = chat
        return chat

    def _enqueue(self, body: Json, chat_id: int) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **body})
        self._every_update.append({"update_id": update_id, **body})
        self._update_chat[update_id] = chat_id
        self._notify()
        return update_id

    # -- failure injection -----------------------------------------------------------------

    def fail(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (to ``chat_id``) with this error."""
        self._injected.append(Injected(method, status, description, retry_after, times, chat_id))

    def too_many(self, method: str, *, times: int, retry_after: int = 1) -> None:
        self.fail(
            method,
            429,
            f"Too Many Requests: retry after {retry_after}",
            retry_after=retry_after,
            times=times,
        )

    # -- waiting and reading -----------------------------------------------------------------

    async def fetched(self, update_id: int, within: float = 10.0) -> None:
        """Wait until the bot confirmed ``update_id`` (asked for updates past it)."""
        await self.wait_until(lambda: self._offset > update_id, within)

    async def wait_until(self, condition: Callable[[], bool], within: float = 10.0) -> None:
        async with asyncio.timeout(within):
            while not condition():
                await self._changed.wait()

    async def wait_for_message(
        self, chat_id: int, contains: str = "", within: float = 10.0
    ) -> SentMessage:
        def found() -> SentMessage | None:
            for sent in self.sent:
                if sent.chat_id == chat_id and contains in sent.text:
                    return sent
            return None

        await self.wait_until(lambda: found() is not None, within)
        result = found()
        assert result is not None
        return result

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        return [sent for sent in self.sent if sent.chat_id == chat_id]

    def calls_of(self, method: str) -> list[Json]:
        return [params for name, params in self.calls if name == method]

    def _notify(self) -> None:
        """Wake everyone waiting for a change (each waiter re-checks its own condition)."""
        self._changed.set()
        self._changed = asyncio.Event()

    # -- the API -----------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _json(ApiError(401, "Unauthorized").body(), 401)
        params = await _params(request)
        self.calls.append((method, params))
        try:
            handler = self._methods().get(method)
            if handler is None:
                raise ApiError(404, "Not Found")
            self._check_injected(method, params)
            if self.flood_limits:
                self._check_flood(method, params)
            result = await handler(params)
        except ApiError as exc:
            if exc.status == 429:
                self.too_many_requests += 1
            return _json(exc.body(), exc.status)
        self._notify()
        return _json({"ok": True, "result": result})

    def _methods(self) -> dict[str, Callable[[Json], Any]]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "editMessageText": self._edit_text,
            "editMessageReplyMarkup": self._edit_markup,
            "answerCallbackQuery": self._answer_callback,
            "setMyCommands": self._set_commands,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._webhook_info,
            "sendChatAction": self._chat_action,
            "getChatMember": self._chat_member,
            "close": self._true,
            "logOut": self._true,
        }

    def _check_injected(self, method: str, params: Json) -> None:
        for injected in self._injected:
            if injected.method != method or injected.times <= 0:
                continue
            if injected.chat_id is not None and params.get("chat_id") != injected.chat_id:
                continue
            injected.times -= 1
            raise ApiError(injected.status, injected.description, injected.retry_after)

    def _check_flood(self, method: str, params: Json) -> None:
        """Telegram's limits: 30 messages in any second, one message a second in a chat."""
        if method not in MESSAGE_METHODS | EDIT_METHODS:
            return
        now = time.monotonic()
        while self._window and self._window[0] <= now - 1.0:
            self._window.popleft()
        chat_id = params.get("chat_id")
        last = self._per_chat_last.get(chat_id) if isinstance(chat_id, int) else None
        if method in MESSAGE_METHODS and last is not None and now - last < 1.0:
            raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        if len(self._window) >= 30:
            wait = math.ceil(self._window[0] + 1.0 - now)
            raise ApiError(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
        self._window.append(now)
        if method in MESSAGE_METHODS and isinstance(chat_id, int):
            self._per_chat_last[chat_id] = now

    async def _true(self, _params: Json) -> bool:
        return True

    async def _chat_member(self, params: Json) -> Json:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        admin = user_id in self.group_admins.get(chat_id, set())
        user = {"id": user_id, "is_bot": False, "first_name": f"user{user_id}"}
        if admin:
            return {"status": "administrator", "user": user, **_ADMIN_RIGHTS}
        return {"status": "member", "user": user}

    async def _get_me(self, _params: Json) -> Json:
        return {
            **BOT.json(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _get_updates(self, params: Json) -> list[Json]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        if offset > self._offset:
            self._offset = offset
            self._notify()
        while self._updates and self._updates[0]["update_id"] < self._offset:
            self._updates.popleft()
        if not self._updates and params.get("timeout"):
            try:
                await self.wait_until(
                    lambda: bool(self._updates) or self._closing, float(params["timeout"])
                )
            except TimeoutError:
                return []
        batch = list(itertools.islice(self._updates, int(params.get("limit") or 100)))
        now = time.monotonic()
        for update in batch:
            self._delivered.setdefault(update["update_id"], now)
        return batch

    async def _send_message(self, params: Json) -> Json:
        chat = self._writable_chat(params)
        text = str(params.get("text", ""))
        parsed = self._parse(text, params)
        if not parsed.text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if _utf16(parsed.text) > TEXT_LIMIT:
            raise ApiError(400, "Bad Request: message is too long")
        keyboard = _keyboard(params)
        return self._store("sendMessage", chat, text, parsed, keyboard).json(chat)

    async def _send_photo(self, params: Json) -> Json:
        chat = self._writable_chat(params)
        photo = params.get("photo")
        if not isinstance(photo, bytes):
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        caption = str(params.get("caption") or "")
        parsed = self._parse(caption, params)
        if _utf16(parsed.text) > CAPTION_LIMIT:
            raise ApiError(400, "Bad Request: message caption is too long")
        sent = self._store("sendPhoto", chat, caption, parsed, _keyboard(params))
        sent.photo = photo
        return sent.json(chat)

    async def _send_document(self, params: Json) -> Json:
        chat = self._writable_chat(params)
        document = params.get("document")
        if not isinstance(document, bytes) or not document:
            raise ApiError(400, "Bad Request: file must be non-empty")
        caption = str(params.get("caption") or "")
        parsed = self._parse(caption, params)
        if _utf16(parsed.text) > CAPTION_LIMIT:
            raise ApiError(400, "Bad Request: message caption is too long")
        sent = self._store("sendDocument", chat, caption, parsed, _keyboard(params))
        sent.document = (str(params.get("document__filename") or ""), document)
        return sent.json(chat)

    async def _edit_text(self, params: Json) -> Json:
        sent = self._message(params)
        parsed = self._parse(str(params.get("text", "")), params)
        if not parsed.text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        keyboard = _keyboard(params)
        if parsed.text == sent.text and keyboard == sent.keyboard:
            raise ApiError(400, "Bad Request: message is not modified")
        sent.html, sent.text, sent.entities = str(params["text"]), parsed.text, parsed.entities
        sent.keyboard = keyboard
        sent.edits.append("editMessageText")
        return sent.json(self._chats[sent.chat_id])

    async def _edit_markup(self, params: Json) -> Json:
        sent = self._message(params)
        keyboard = _keyboard(params)
        if keyboard == sent.keyboard:
            raise ApiError(400, "Bad Request: message is not modified")
        sent.keyboard = keyboard
        sent.edits.append("editMessageReplyMarkup")
        return sent.json(self._chats[sent.chat_id])

    async def _answer_callback(self, params: Json) -> bool:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self._open_queries:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self._open_queries.discard(query_id)
        self.answered[query_id] = params
        return True

    async def _set_commands(self, params: Json) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            name, description = command.get("command", ""), command.get("description", "")
            if not (
                1 <= len(name) <= 32 and name == name.lower() and name.replace("_", "").isalnum()
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: command description is empty")
        self.commands = commands
        return True

    async def _delete_webhook(self, _params: Json) -> bool:
        self.webhook = None
        return True

    async def _set_webhook(self, params: Json) -> bool:
        self.webhook = params
        if self._webhook_task is None:
            self._webhook_task = asyncio.get_running_loop().create_task(self._push_webhook())
        return True

    async def _webhook_info(self, _params: Json) -> Json:
        url = self.webhook.get("url", "") if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    async def _chat_action(self, params: Json) -> bool:
        self._writable_chat(params)
        self.chat_actions.append((int(params["chat_id"]), str(params.get("action"))))
        return True

    # -- storage and checks -------------------------------------------------------------------

    def _writable_chat(self, params: Json) -> Json:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id > 0 and chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id > 0 and chat_id not in self._started:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        chat = self._chats.get(chat_id)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def _message(self, params: Json) -> SentMessage:
        for sent in reversed(self.sent):
            if sent.chat_id == params.get("chat_id") and sent.message_id == params.get(
                "message_id"
            ):
                return sent
        raise ApiError(400, "Bad Request: message to edit not found")

    @staticmethod
    def _parse(text: str, params: Json) -> ParsedHtml:
        if str(params.get("parse_mode", "")).upper() != "HTML":
            return ParsedHtml(text)
        try:
            return parse_html(text)
        except HtmlError as exc:
            raise ApiError(400, f"Bad Request: {exc}") from None

    def _store(
        self, method: str, chat: Json, html: str, parsed: ParsedHtml, keyboard: list[list[Json]]
    ) -> SentMessage:
        sent = SentMessage(
            message_id=next(self._message_ids),
            chat_id=int(chat["id"]),
            method=method,
            html=html,
            text=parsed.text,
            entities=parsed.entities,
            keyboard=keyboard,
            at=time.monotonic(),
        )
        self.sent.append(sent)
        return sent

    # -- webhook delivery ------------------------------------------------------------------

    async def _push_webhook(self) -> None:
        """Deliver queued updates to the webhook, one at a time, retrying while it is down."""
        async with ClientSession() as session:
            while True:
                await self.wait_until(lambda: bool(self._updates) and bool(self.webhook), 3600)
                assert self.webhook is not None
                update = self._updates[0]
                headers = {}
                if self.webhook.get("secret_token"):
                    headers["X-Telegram-Bot-Api-Secret-Token"] = str(self.webhook["secret_token"])
                try:
                    async with session.post(
                        self.webhook["url"], json=update, headers=headers
                    ) as reply:
                        self.webhook_statuses.append(reply.status)
                except ClientError:
                    await asyncio.sleep(0.1)  # the bot's server is not listening yet
                    continue
                self._delivered.setdefault(update["update_id"], time.monotonic())
                self._updates.popleft()
                self._offset = max(self._offset, update["update_id"] + 1)
                self._notify()

    # -- benchmark reports ---------------------------------------------------------------------

    def inbound_report(self) -> Json:
        """Reply latency per update: its delivery to the bot → the next reply in its chat."""
        delivered: dict[int, deque[float]] = defaultdict(deque)
        for update_id, at in sorted(self._delivered.items()):
            delivered[self._update_chat[update_id]].append(at)
        latencies = []
        for sent in sorted(self.sent, key=lambda s: s.at):
            queue = delivered.get(sent.chat_id)
            if queue:
                latencies.append(sent.at - queue.popleft())
        if not latencies:
            return {"updates": len(self._delivered), "replies": 0}
        first = min(self._delivered.values())
        last = max(sent.at for sent in self.sent)
        cuts = statistics.quantiles(latencies, n=100)
        return {
            "updates": len(self._delivered),
            "replies": len(latencies),
            "seconds": last - first,
            "p50_ms": cuts[49] * 1000,
            "p99_ms": cuts[98] * 1000,
        }

    def outbound_report(self) -> Json:
        times = sorted(sent.at for sent in self.sent)
        return {
            "sent": len(times),
            "seconds": times[-1] - times[0] if len(times) > 1 else 0.0,
            "too_many_requests": self.too_many_requests,
        }

    async def _control(self, request: web.Request) -> web.Response:
        action = request.match_info["action"]
        body = await request.json() if request.can_read_body else {}
        if action == "reset":
            self.reset(flood_limits=bool(body.get("flood_limits")))
            return _json({"ok": True})
        if action == "meet":
            for user_id in body["user_ids"]:
                self.meet(FakeUser(int(user_id), f"user{user_id}"))
            return _json({"ok": True})
        if action == "burst":
            users = [FakeUser(int(i), f"user{i}") for i in body["user_ids"]]
            for text in body["texts"]:
                for user in users:
                    self.says(user, text)
            return _json({"ok": True, "queued": len(self._updates)})
        if action == "wait_replies":
            await self.wait_until(lambda: len(self.sent) >= int(body["count"]), body["timeout"])
            return _json({"ok": True})
        if action == "inbound":
            return _json(self.inbound_report())
        if action == "outbound":
            return _json(self.outbound_report())
        return _json({"ok": False}, 404)


async def _params(request: web.Request) -> Json:
    if request.content_type == "application/json":
        raw: dict[str, Any] = await request.json()
    else:
        form = await request.post()
        raw = {}
        for key, value in form.items():
            if isinstance(value, web.FileField):
                raw[key] = value.file.read()
                raw[f"{key}__filename"] = value.filename
            else:
                raw[key] = value
    params: Json = {}
    for key, value in raw.items():
        if key in _JSON_FIELDS and isinstance(value, str):
            value = json.loads(value)
        elif key in _INT_FIELDS and isinstance(value, str):
            value = int(value) if value.lstrip("-").isdigit() else value
        params[key] = value
    return params


def _member_change(chat: Json, actor: FakeUser, member: FakeUser, old: str, new: str) -> Json:
    return {
        "chat": chat,
        "from": actor.json(),
        "date": int(time.time()),
        "old_chat_member": {"status": old, "user": member.json(), "until_date": 0},
        "new_chat_member": {"status": new, "user": member.json(), "until_date": 0},
    }


def _keyboard(params: Json) -> list[list[Json]]:
    markup = params.get("reply_markup")
    if not markup:
        return []
    rows: list[list[Json]] = markup.get("inline_keyboard", [])
    for row in rows:
        for button in row:
            if not button.get("text"):
                raise ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= CALLBACK_DATA_LIMIT:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return rows


def _entities_of(text: str) -> list[Json]:
    """The entities the real server adds: bot commands at the start, @mentions anywhere."""
    entities: list[Json] = []
    words = text.split(" ")
    position = 0
    for word in words:
        if word.startswith("/") and position == 0 and len(word) > 1:
            entities.append({"type": "bot_command", "offset": 0, "length": _utf16(word)})
        elif word.startswith("@") and len(word) > 1:
            offset = _utf16(text[:position])
            entities.append({"type": "mention", "offset": offset, "length": _utf16(word)})
        position += len(word) + 1
    return entities


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _json(body: Any, status: int = 200) -> web.Response:
    return web.Response(text=json.dumps(body), status=status, content_type="application/json")


async def _serve(port: int) -> None:
    fake = FakeBotApi()
    await fake.start(port)
    print(f"PORT {fake.port}", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description="A loopback fake of the Telegram Bot API.")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port))


if __name__ == "__main__":
    main()

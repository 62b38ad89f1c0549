"""A loopback Discord: REST under ``/api/v10`` and a gateway websocket, for the real discord.py.

It speaks just enough of Discord's protocol for a bot to log in, connect (HELLO,
IDENTIFY, READY, GUILD_CREATE, heartbeats), sync slash commands, receive
messages and interactions, and answer them (channel messages, DMs, interaction
callbacks, webhook follow-ups). Everything the bot sends is recorded as
:class:`Sent` so tests read like "the bot said ... in ...".

Replies are JSON with the content type ``application/json`` exactly: discord.py
decodes nothing else (docs/platform-facts.md).

Scenarios for later features drive it through the same few verbs: ``dm``,
``say_in``, ``slash`` (with ``subcommand``/typed ``options``), ``press`` and the
``wait_*`` helpers.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from aiohttp import WSMsgType, web

API_PREFIX = "/api/v10"
EPHEMERAL = 1 << 6
"""Discord's message flag for "only you can see this"."""
ALL_PERMISSIONS = str((1 << 41) - 1)
MEMBER_PERMISSIONS = "104324673"
"""What @everyone may do in a new server: read and send, not manage anything."""
MANAGE_GUILD = 1 << 5
SEND_MESSAGES = 1 << 11
POLL_SECONDS = 0.005

Json = dict[str, Any]


@dataclass(frozen=True)
class FakeUser:
    id: int
    name: str
    bot: bool = False

    def payload(self) -> Json:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.name,
            "avatar": None,
            "bot": self.bot,
        }


@dataclass(frozen=True)
class FakeRole:
    id: int
    name: str
    position: int = 1
    permissions: str = "0"

    def payload(self) -> Json:
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": self.permissions,
            "position": self.position,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
        }


@dataclass(frozen=True)
class FakeChannel:
    id: int
    name: str
    guild_id: int | None = None
    """``None`` for a DM channel."""
    kind: int = 0
    """Discord's channel type in a server: 0 text, 2 voice."""

    def payload(self, *, deny_bot: int | None = None) -> Json:
        """``deny_bot``: the bot's user id, when the bot may not send messages here."""
        if self.guild_id is None:
            return {"id": str(self.id), "type": 1}
        overwrites = []
        if deny_bot is not None:
            overwrites.append(
                {"id": str(deny_bot), "type": 1, "allow": "0", "deny": str(SEND_MESSAGES)}
            )
        return {
            "id": str(self.id),
            "type": self.kind,
            "name": self.name,
            "position": 0,
            "guild_id": str(self.guild_id),
            "permission_overwrites": overwrites,
        }


@dataclass
class FakeGuild:
    id: int
    name: str
    channels: list[FakeChannel] = field(default_factory=list)
    members: list[FakeUser] = field(default_factory=list)
    roles: list[FakeRole] = field(default_factory=list)
    """Roles besides @everyone; the first is the bot's own (Manage Roles, position 10)."""
    managers: set[int] = field(default_factory=set)
    """Members with Manage Server."""
    locked: set[int] = field(default_factory=set)
    """Channels the bot may not send messages in (403, code 50013)."""
    granted: list[tuple[int, int]] = field(default_factory=list)
    grant_reasons: list[str] = field(default_factory=list)
    """Each grant's audit-log reason (the ``X-Audit-Log-Reason`` header)."""
    """(user id, role id) for every role the bot gave."""

    def permissions_of(self, user: FakeUser) -> str:
        return ALL_PERMISSIONS if user.id in self.managers else MEMBER_PERMISSIONS

    def channel_payload(self, channel: FakeChannel, bot: FakeUser) -> Json:
        return channel.payload(deny_bot=bot.id if channel.id in self.locked else None)

    def payload(self, bot: FakeUser) -> Json:
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "owner_id": str(self.members[0].id if self.members else bot.id),
            "unavailable": False,
            "member_count": len(self.members) + 1,
            "large": False,
            "features": [],
            "emojis": [],
            "stickers": [],
            "roles": [
                FakeRole(self.id, "@everyone", 0, MEMBER_PERMISSIONS).payload(),
                *(role.payload() for role in self.roles),
            ],
            "channels": [self.channel_payload(channel, bot) for channel in self.channels],
            "members": [
                _member(bot, [self.roles[0].id] if self.roles else []),
                *(_member(user) for user in self.members),
            ],
            "threads": [],
            "voice_states": [],
            "presences": [],
        }


@dataclass(frozen=True)
class Sent:
    """One thing the bot sent: a message, an interaction response or a follow-up."""

    kind: str
    """``message`` (channel), ``callback`` (interaction response), ``followup``, ``edit``,
    ``delete`` (of the original response)."""
    target: str
    """The channel id for messages; the interaction id for callbacks and follow-ups."""
    payload: Json
    files: tuple[tuple[str, bytes], ...] = ()

    @property
    def content(self) -> str:
        data = self.payload.get("data", self.payload) if self.kind == "callback" else self.payload
        return str((data or {}).get("content") or "")

    @property
    def flags(self) -> int:
        data = self.payload.get("data", self.payload) if self.kind == "callback" else self.payload
        return int((data or {}).get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def custom_ids(self) -> list[str]:
        data = self.payload.get("data", self.payload) if self.kind == "callback" else self.payload
        return [
            item["custom_id"]
            for row in (data or {}).get("components") or []
            for item in row.get("components", [])
        ]


@dataclass
class _Batch:
    """Presses delivered together: how many, and how many the bot acknowledged so far.

    Once the last is acknowledged, every acknowledgement is answered at the same moment.
    """

    size: int
    acknowledged: int = 0
    all_in: asyncio.Event = field(default_factory=asyncio.Event)

    async def acknowledge(self) -> None:
        self.acknowledged += 1
        if self.acknowledged >= self.size:
            self.all_in.set()
        async with asyncio.timeout(10):
            await self.all_in.wait()


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: Json | list[Any] | None


class FakeDiscord:
    """Start with ``await fake.start()``; point the bot at ``api_base`` and ``gateway_url``."""

    def __init__(
        self, *, token: str = "fake-token-0123456789", application_id: int = 900_000_000_000_000_001
    ) -> None:
        self.token = token
        """The only bot token the fake accepts (401 otherwise, like Discord)."""
        self.application_id = application_id
        self.bot = FakeUser(900_000_000_000_000_002, "backcoach", bot=True)
        self.guilds: list[FakeGuild] = []
        self.requests: list[Request] = []
        self.sent: list[Sent] = []
        self._by_target: dict[str, list[Sent]] = {}
        self.identifies: list[Json] = []
        self.commands: dict[str, list[Json]] = {}
        """Synced slash commands by scope: ``global`` or a guild id."""
        self.role_grant_forbidden = False
        """When set, giving a role fails with 403 (the bot lacks Manage Roles)."""
        self.closed_dms: set[int] = set()
        """Users who do not accept DMs from the bot: sending to them gives 403 (50007)."""
        self._failures: dict[str, list[tuple[int, int, str]]] = {}
        """Per kind of request, the errors the next requests of that kind get."""
        self._ids = itertools.count(1_000_000_000_000_000_000)
        self._messages: dict[int, Json] = {}
        self._tokens: dict[str, tuple[str, str]] = {}
        """Interaction token -> (interaction id, channel id), for follow-ups."""
        self._dm_channels: dict[int, FakeChannel] = {}
        self._batches: dict[str, _Batch] = {}
        """Interaction id -> the presses delivered together with it (``press_together``)."""
        self._sockets: list[tuple[web.WebSocketResponse, int, int]] = []
        self._sequence = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle ---------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(middlewares=[self._record])
        app.router.add_get("/", self._gateway)
        api = API_PREFIX
        app.router.add_get(f"{api}/users/@me", self._me)
        app.router.add_get(f"{api}/oauth2/applications/@me", self._application)
        app.router.add_get(f"{api}/gateway/bot", self._gateway_bot)
        app.router.add_put(f"{api}/applications/{{app}}/commands", self._sync_commands)
        app.router.add_put(
            f"{api}/applications/{{app}}/guilds/{{guild}}/commands", self._sync_commands
        )
        app.router.add_post(f"{api}/users/@me/channels", self._open_dm)
        app.router.add_post(f"{api}/channels/{{channel}}/messages", self._create_message)
        app.router.add_post(f"{api}/interactions/{{id}}/{{token}}/callback", self._callback)
        app.router.add_get(f"{api}/guilds/{{guild}}/members/{{user}}", self._get_member)
        app.router.add_put(
            f"{api}/guilds/{{guild}}/members/{{user}}/roles/{{role}}", self._add_role
        )
        app.router.add_post(f"{api}/webhooks/{{app}}/{{token}}", self._followup)
        app.router.add_patch(
            f"{api}/webhooks/{{app}}/{{token}}/messages/{{message}}", self._edit_followup
        )
        app.router.add_delete(
            f"{api}/webhooks/{{app}}/{{token}}/messages/{{message}}", self._delete_followup
        )
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def close(self) -> None:
        for socket, _, _ in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    # -- the world ---------------------------------------------------------

    def add_guild(self, name: str, members: list[FakeUser], channels: list[str]) -> FakeGuild:
        guild_id = next(self._ids)
        guild = FakeGuild(guild_id, name, members=list(members))
        guild.channels = [FakeChannel(next(self._ids), c, guild_id) for c in channels]
        manage_roles = str((1 << 28) | (1 << 10) | SEND_MESSAGES | (1 << 14) | (1 << 15))
        guild.roles.append(FakeRole(next(self._ids), "backcoach", 10, manage_roles))
        self.guilds.append(guild)
        return guild

    def add_role(self, guild: FakeGuild, name: str, *, position: int = 1) -> FakeRole:
        """A role in ``guild``; set it before the bot connects (it arrives in GUILD_CREATE)."""
        role = FakeRole(next(self._ids), name, position)
        guild.roles.append(role)
        return role

    async def lock_channel(self, channel: FakeChannel) -> None:
        """Deny the bot Send Messages in ``channel`` (and tell the bot, as Discord does)."""
        guild = self._guild(channel)
        guild.locked.add(channel.id)
        await self.dispatch(
            "CHANNEL_UPDATE", guild.channel_payload(channel, self.bot), guild_id=guild.id
        )

    def delete_channel(self, channel: FakeChannel) -> None:
        """The channel is gone: posting there now gives 404 (Unknown Channel)."""
        self._guild(channel).channels.remove(channel)

    def leave_guild(self, guild: FakeGuild, user: FakeUser) -> None:
        """``user`` leaves; no event is sent (the bot has no members intent)."""
        guild.members.remove(user)

    async def remove_bot(self, guild: FakeGuild) -> None:
        """The bot is kicked from ``guild``: GUILD_DELETE without ``unavailable``."""
        self.guilds.remove(guild)
        await self.dispatch("GUILD_DELETE", {"id": str(guild.id)}, guild_id=guild.id)

    def _guild(self, channel: FakeChannel) -> FakeGuild:
        return next(g for g in self.guilds if g.id == channel.guild_id)

    def user(self, name: str) -> FakeUser:
        return FakeUser(next(self._ids), name)

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        if user.id not in self._dm_channels:
            self._dm_channels[user.id] = FakeChannel(next(self._ids), f"dm-{user.name}")
        return self._dm_channels[user.id]

    # -- what people do ----------------------------------------------------

    async def dm(self, user: FakeUser, text: str) -> Json:
        """``user`` writes to the bot in a direct message."""
        return await self.say_in(self.dm_channel(user), user, text)

    async def say_in(
        self,
        channel: FakeChannel,
        user: FakeUser,
        text: str,
        *,
        mentions: list[FakeUser] = (),  # type: ignore[assignment]
    ) -> Json:
        """``user`` posts ``text`` in ``channel``; ``mentions`` are the users it pings."""
        message = self._message(channel, user, text, mentions=list(mentions))
        await self.dispatch("MESSAGE_CREATE", message, guild_id=channel.guild_id)
        return message

    async def slash(
        self,
        user: FakeUser,
        name: str,
        *,
        channel: FakeChannel | None = None,
        options: Json | None = None,
        subcommand: str | None = None,
    ) -> str:
        """``user`` runs ``/name`` (in ``channel``, or in their DM); returns the interaction id."""
        command_options = [
            {"name": key, "type": _option_type(value), "value": _option_value(value)}
            for key, value in (options or {}).items()
        ]
        if subcommand is not None:
            command_options = [{"name": subcommand, "type": 1, "options": command_options}]
        data: Json = {
            "id": str(next(self._ids)),
            "name": name,
            "type": 1,
            "options": command_options,
        }
        resolved = self._resolved((options or {}).values())
        if resolved:
            data["resolved"] = resolved
        return await self._interact(2, user, channel, data)

    def _resolved(self, values: Any) -> Json:
        """Discord sends the channels and roles named in options alongside them."""
        resolved: Json = {}
        for value in values:
            if isinstance(value, FakeChannel):
                payload = {**value.payload(), "permissions": ALL_PERMISSIONS}
                resolved.setdefault("channels", {})[str(value.id)] = payload
            elif isinstance(value, FakeRole):
                resolved.setdefault("roles", {})[str(value.id)] = value.payload()
        return resolved

    async def press(
        self, user: FakeUser, sent: Sent, custom_id: str, *, batch: _Batch | None = None
    ) -> str:
        """``user`` presses the button ``custom_id`` on a message the bot sent."""
        message = self._messages.get(int(sent.payload.get("id", 0)))
        assert message is not None, "press buttons on messages the fake returned"
        channel = self._channel(int(message["channel_id"]))
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interact(3, user, channel, data, message=message, batch=batch)

    async def press_together(
        self, user: FakeUser, sent: Sent, custom_id: str, times: int
    ) -> list[str]:
        """A double (or triple...) click: ``times`` presses, each acknowledged only once all
        were, so the bot has every one of them in hand before it handles any."""
        batch = _Batch(times)
        presses = []
        for _ in range(times):
            presses.append(await self.press(user, sent, custom_id, batch=batch))
        return presses

    async def dispatch(self, event: str, data: Json, *, guild_id: int | None = None) -> None:
        """Send a gateway event to the shard that owns ``guild_id`` (shard 0 for DMs)."""
        await self.wait_until(lambda: bool(self._sockets), what="a gateway connection")
        for socket, shard_id, shard_count in self._sockets:
            if shard_id == _shard_of(guild_id, shard_count):
                await socket.send_json({"op": 0, "t": event, "s": next(self._sequence), "d": data})

    # -- failure injection -------------------------------------------------

    def fail_next(
        self,
        kind: str,
        status: int = 500,
        *,
        times: int = 1,
        code: int = 0,
        message: str = "500: Internal Server Error",
    ) -> None:
        """Answer the next ``times`` requests of ``kind`` with this error.

        ``kind`` is what :class:`Sent` calls it: ``callback`` (the interaction
        response, a deferral included), ``followup``, ``edit`` (of the original
        response or a follow-up) or ``message`` (a channel message). discord.py
        retries a 5xx up to five times, so a 500 that sticks needs ``times=5``.
        """
        self._failures.setdefault(kind, []).extend([(status, code, message)] * times)

    def _injected(self, kind: str) -> web.Response | None:
        pending = self._failures.get(kind)
        if not pending:
            return None
        status, code, message = pending.pop(0)
        return _error(status, code, message)

    # -- waiting and reading -----------------------------------------------

    async def wait_until(
        self, predicate: Callable[[], bool], *, seconds: float = 10.0, what: str = "it"
    ) -> None:
        """Wait (bounded) until ``predicate`` holds, checking every few milliseconds."""
        deadline = asyncio.get_running_loop().time() + seconds
        while not predicate():
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"fake Discord: timed out waiting for {what}")
            await asyncio.sleep(POLL_SECONDS)

    async def wait_ready(self, shards: int = 1, *, seconds: float = 10.0) -> None:
        """Until ``shards`` gateway connections have identified and received READY."""
        await self.wait_until(lambda: len(self._sockets) >= shards, seconds=seconds, what="READY")

    async def replies_to(self, interaction_id: str, count: int = 1) -> list[Sent]:
        """The visible answers to an interaction (the deferral itself is left out)."""

        def answers() -> list[Sent]:
            deferral = self.deferrals(interaction_id)
            return [s for s in self._by_target.get(interaction_id, []) if s not in deferral]

        await self.wait_until(lambda: len(answers()) >= count, what=f"{count} replies")
        return answers()

    async def messages_in(
        self, channel: FakeChannel, count: int = 1, *, seconds: float = 10.0
    ) -> list[Sent]:
        """The bot's messages in ``channel``, once there are at least ``count``."""
        await self.wait_until(
            lambda: len(self.messages_in_now(channel)) >= count,
            seconds=seconds,
            what=f"{count} messages",
        )
        return self.messages_in_now(channel)

    def messages_in_now(self, channel: FakeChannel) -> list[Sent]:
        return [s for s in self._by_target.get(str(channel.id), []) if s.kind == "message"]

    def _keep(self, sent: Sent) -> None:
        self.sent.append(sent)
        self._by_target.setdefault(sent.target, []).append(sent)

    def deferrals(self, interaction_id: str) -> list[Sent]:
        return [
            s
            for s in self._by_target.get(interaction_id, [])
            if s.kind == "callback" and s.payload["type"] == 5
        ]

    # -- gateway -----------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        registered: tuple[web.WebSocketResponse, int, int] | None = None
        try:
            async for frame in socket:
                if frame.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(frame.data)
                if payload["op"] == 1:
                    await socket.send_json({"op": 11, "d": None, "s": None, "t": None})
                elif payload["op"] == 2:
                    registered = await self._identify(socket, payload["d"])
        finally:
            if registered in self._sockets:
                self._sockets.remove(registered)
        return socket

    async def _identify(
        self, socket: web.WebSocketResponse, identify: Json
    ) -> tuple[web.WebSocketResponse, int, int]:
        shard_id, shard_count = identify.get("shard") or [0, 1]
        mine = [g for g in self.guilds if _shard_of(g.id, shard_count) == shard_id]
        ready = {
            "v": 10,
            "user": self.bot.payload(),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in mine],
            "session_id": f"session-{shard_id}",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "shard": [shard_id, shard_count],
        }
        await socket.send_json({"op": 0, "t": "READY", "s": next(self._sequence), "d": ready})
        for guild in mine:
            data = guild.payload(self.bot)
            await socket.send_json(
                {"op": 0, "t": "GUILD_CREATE", "s": next(self._sequence), "d": data}
            )
        registered = (socket, shard_id, shard_count)
        self._sockets.append(registered)
        self.identifies.append(identify)
        return registered

    # -- REST --------------------------------------------------------------

    @web.middleware
    async def _record(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        if request.path.startswith(API_PREFIX):
            body: Json | list[Any] | None = None
            if request.content_type == "application/json" and request.can_read_body:
                body = await request.json()
            self.requests.append(Request(request.method, request.path, body))
            # Interaction callbacks and follow-ups are authorised by their token in the URL.
            by_url = request.path.startswith(
                (f"{API_PREFIX}/interactions/", f"{API_PREFIX}/webhooks/")
            )
            if not by_url and request.headers.get("Authorization") != f"Bot {self.token}":
                return _error(401, 0, "401: Unauthorized")
        response: web.StreamResponse = await handler(request)
        return response

    async def _me(self, request: web.Request) -> web.Response:
        return _json(self.bot.payload())

    async def _application(self, request: web.Request) -> web.Response:
        return _json(
            {
                "id": str(self.application_id),
                "name": "backcoach",
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.bot.payload(),
                "verify_key": "0" * 64,
                "flags": 0,
            }
        )

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return _json({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _sync_commands(self, request: web.Request) -> web.Response:
        scope = request.match_info.get("guild", "global")
        commands = await request.json()
        for command in commands:
            command.setdefault("id", str(next(self._ids)))
            command["application_id"] = str(self.application_id)
            command.setdefault("version", "1")
            command.setdefault("default_member_permissions", None)
            command.setdefault("type", 1)
            command.setdefault("options", [])
            if scope != "global":
                command["guild_id"] = scope
        self.commands[scope] = commands
        return _json(commands)

    async def _open_dm(self, request: web.Request) -> web.Response:
        user_id = int((await request.json())["recipient_id"])
        channel = self.dm_channel(FakeUser(user_id, f"user-{user_id}"))
        return _json({**channel.payload(), "recipients": [FakeUser(user_id, "u").payload()]})

    async def _create_message(self, request: web.Request) -> web.Response:
        if (failure := self._injected("message")) is not None:
            return failure
        channel_id = int(request.match_info["channel"])
        owner = next((u for u, c in self._dm_channels.items() if c.id == channel_id), None)
        if owner in self.closed_dms:
            return _error(403, 50007, "Cannot send messages to this user")
        if not any(c.id == channel_id for c in self._all_channels()):
            return _error(404, 10003, "Unknown Channel")
        if any(channel_id in g.locked for g in self.guilds):
            return _error(403, 50013, "Missing Permissions")
        payload, files = await _read_payload(request)
        message = self._bot_message(channel_id, payload)
        self._keep(Sent("message", str(channel_id), message, files))
        return _json(message)

    async def _callback(self, request: web.Request) -> web.Response:
        if (failure := self._injected("callback")) is not None:
            return failure
        interaction_id = request.match_info["id"]
        payload, files = await _read_payload(request)
        self._keep(Sent("callback", interaction_id, payload, files))
        batch = self._batches.pop(interaction_id, None)
        if batch is not None:  # answered once every press of the batch was acknowledged
            await batch.acknowledge()
        interaction = {
            "id": interaction_id,
            "type": payload["type"],
            "response_message_loading": payload["type"] == 5,
            "response_message_ephemeral": bool((payload.get("data") or {}).get("flags", 0) & 64),
        }
        return _json({"interaction": interaction})

    async def _get_member(self, request: web.Request) -> web.Response:
        guild = next(g for g in self.guilds if g.id == int(request.match_info["guild"]))
        user_id = int(request.match_info["user"])
        member = next((u for u in guild.members if u.id == user_id), None)
        if member is None:
            return _error(404, 10007, "Unknown Member")
        return _json(_member(member))

    async def _add_role(self, request: web.Request) -> web.Response:
        if self.role_grant_forbidden:
            return _error(403, 50013, "Missing Permissions")
        guild = next(g for g in self.guilds if g.id == int(request.match_info["guild"]))
        guild.granted.append((int(request.match_info["user"]), int(request.match_info["role"])))
        guild.grant_reasons.append(unquote(request.headers.get("X-Audit-Log-Reason", "")))
        return web.Response(status=204)

    async def _followup(self, request: web.Request) -> web.Response:
        if (failure := self._injected("followup")) is not None:
            return failure
        interaction_id = self._interaction_of(request.match_info["token"])
        payload, files = await _read_payload(request)
        message = self._bot_message(int(self._tokens[request.match_info["token"]][1]), payload)
        self._keep(Sent("followup", interaction_id, message, files))
        return _json(message)

    async def _edit_followup(self, request: web.Request) -> web.Response:
        if (failure := self._injected("edit")) is not None:
            return failure
        interaction_id = self._interaction_of(request.match_info["token"])
        payload, files = await _read_payload(request)
        message = self._bot_message(int(self._tokens[request.match_info["token"]][1]), payload)
        self._keep(Sent("edit", interaction_id, message, files))
        return _json(message)

    async def _delete_followup(self, request: web.Request) -> web.Response:
        interaction_id = self._interaction_of(request.match_info["token"])
        self._keep(Sent("delete", interaction_id, {"message": request.match_info["message"]}))
        return web.Response(status=204)

    # -- helpers -----------------------------------------------------------

    def _interaction_of(self, token: str) -> str:
        return self._tokens[token][0]

    async def _interact(
        self,
        kind: int,
        user: FakeUser,
        channel: FakeChannel | None,
        data: Json,
        *,
        message: Json | None = None,
        batch: _Batch | None = None,
    ) -> str:
        channel = channel or self.dm_channel(user)
        interaction_id = str(next(self._ids))
        if batch is not None:
            self._batches[interaction_id] = batch
        token = f"token-{interaction_id}"
        self._tokens[token] = (interaction_id, str(channel.id))
        payload: Json = {
            "id": interaction_id,
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "channel_id": str(channel.id),
            "channel": channel.payload(),
            "token": token,
            "version": 1,
            "locale": "en-US",
            "app_permissions": ALL_PERMISSIONS,
            "attachment_size_limit": 10 * 1024 * 1024,
            "entitlements": [],
            "authorizing_integration_owners": {},
        }
        if channel.guild_id is None:
            payload["user"] = user.payload()
            payload["context"] = 1
        else:
            payload["guild_id"] = str(channel.guild_id)
            payload["guild_locale"] = "en-US"
            guild = self._guild(channel)
            payload["member"] = {**_member(user), "permissions": guild.permissions_of(user)}
            payload["context"] = 0
        if message is not None:
            payload["message"] = message
        await self.dispatch("INTERACTION_CREATE", payload, guild_id=channel.guild_id)
        return interaction_id

    def _message(
        self, channel: FakeChannel, author: FakeUser, text: str, *, mentions: list[FakeUser]
    ) -> Json:
        message: Json = {
            "id": str(next(self._ids)),
            "channel_id": str(channel.id),
            "author": author.payload(),
            "content": text,
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [u.payload() for u in mentions],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
        }
        if channel.guild_id is not None:
            message["guild_id"] = str(channel.guild_id)
            message["member"] = _member(author)
        return message

    def _bot_message(self, channel_id: int, payload: Json) -> Json:
        message = self._message(self._channel(channel_id), self.bot, "", mentions=[])
        message.update({k: v for k, v in payload.items() if k not in {"attachments", "author"}})
        message["content"] = payload.get("content") or ""
        message["components"] = payload.get("components") or []
        message["flags"] = payload.get("flags") or 0
        message["allowed_mentions"] = payload.get("allowed_mentions")
        self._messages[int(message["id"])] = message
        return message

    def _all_channels(self) -> list[FakeChannel]:
        return [c for g in self.guilds for c in g.channels] + list(self._dm_channels.values())

    def _channel(self, channel_id: int) -> FakeChannel:
        for channel in self._all_channels():
            if channel.id == channel_id:
                return channel
        raise AssertionError(f"fake Discord: no channel {channel_id}")


def _member(user: FakeUser, roles: list[int] | None = None) -> Json:
    return {
        "user": user.payload(),
        "roles": [str(role) for role in roles or []],
        "joined_at": "2024-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
    }


def _shard_of(guild_id: int | None, shard_count: int) -> int:
    return 0 if guild_id is None else (guild_id >> 22) % shard_count


def _option_type(value: object) -> int:
    if isinstance(value, FakeChannel):
        return 7
    if isinstance(value, FakeRole):
        return 8
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    return 3


def _option_value(value: object) -> object:
    return str(value.id) if isinstance(value, FakeChannel | FakeRole) else value


async def _read_payload(request: web.Request) -> tuple[Json, tuple[tuple[str, bytes], ...]]:
    """A JSON body, or a multipart body with ``payload_json`` and ``files[n]``."""
    if request.content_type == "application/json":
        return await request.json(), ()
    form = await request.post()
    payload = json.loads(str(form["payload_json"]))
    files = tuple(
        (value.filename, value.file.read())
        for key, value in form.items()
        if key.startswith("files[") and isinstance(value, web.FileField)
    )
    return payload, files


def _json(data: object, status: int = 200) -> web.Response:
    # aiohttp would add "; charset=utf-8" to content_type=; discord.py wants the bare type.
    headers = {"Content-Type": "application/json"}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=headers)


def _error(status: int, code: int, message: str) -> web.Response:
    return _json({"code": code, "message": message}, status=status)

"""The Discord adapter: Discord events in, the core's replies out, and the core's ChatPort.

Where replies go:

* DMs: everything, as ordinary messages.
* Guild channels: free text only when it mentions the bot, answered in the
  channel through the core (:meth:`InboundPort.deliver`), which sends a reply it
  marks ``private`` to the person's DMs instead and tells the channel so.
* Slash commands and buttons in guilds: every reply is ephemeral (only the
  person who asked sees it). Posts meant for the whole channel are pushes to a
  channel recipient through :meth:`DiscordChat.send`.

Interactions are deferred before the core runs (it touches the database), so
Discord's 3-second window never depends on how long an answer takes; the replies
follow as follow-up messages. Nothing leaves an interaction on "thinking…":
whatever fails after the deferral (the core, a follow-up Discord refuses, our own
code in a button's callback) is logged once with an incident id and answered with
an apology, by editing the original response or in a follow-up, and in the channel
as a last resort. An option discord.py cannot convert fails before our callback
runs; the command tree's error handler answers it the same way.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import aiohttp
import discord
from discord import app_commands

from bot.adapters.discord.buttons import route_presses
from bot.adapters.discord.pacing import Pacer
from bot.adapters.discord.render import DiscordMessage, render
from bot.adapters.discord.slash import slash_commands
from bot.core.events import (
    ButtonPress,
    Chat,
    Command,
    Event,
    LeftGroup,
    Recipient,
    Sender,
    TextMessage,
)
from bot.core.events import parse_command as parse_command_text
from bot.core.incidents import report_failure
from bot.core.messages import OutboundMessage
from bot.core.ports import CHANNEL_GONE, MISSING_ACCESS, InboundPort, SendResult, raise_if_refused

log = logging.getLogger(__name__)

PLATFORM = "discord"
DM_PREFIX = "dm:"
"""A person's private chat is ``dm:<user id>``: the DM channel is opened on demand."""


def _dm_chat(user_id: int | str) -> str:
    return f"{DM_PREFIX}{user_id}"


NO_MENTIONS = discord.AllowedMentions.none()
RATE_LIMIT_WAIT_LIMIT = 30.0
"""Longer rate-limit waits surface as ``SendResult.retry_after`` instead of sleeping (seconds)."""
SEND_ERRORS = (discord.HTTPException, discord.RateLimited, aiohttp.ClientError, OSError)
"""What a request to Discord may raise: refused, rate-limited, or not delivered."""


def intents() -> discord.Intents:
    """Only what the adapter uses; none of them is privileged.

    Message content is a privileged intent, but Discord delivers the content of
    DMs and of messages that mention the bot without it, and those are the only
    messages we read. ``guilds`` keeps guilds and channels known.
    """
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.dm_messages = True
    wanted.guild_messages = True
    return wanted


def make_client(
    *, shard_count: int | None = None, shard_ids: Sequence[int] | None = None
) -> discord.Client:
    """A plain client, or an auto-sharded one running ``shard_ids`` of ``shard_count``."""
    # The bot never joins voice: don't warn at start-up that voice libraries are missing.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    options: dict[str, Any] = {
        "intents": intents(),
        "allowed_mentions": NO_MENTIONS,
        "max_ratelimit_timeout": RATE_LIMIT_WAIT_LIMIT,
    }
    if shard_count is None:
        return discord.Client(**options)
    if shard_ids:
        options["shard_ids"] = list(shard_ids)
    return discord.AutoShardedClient(shard_count=shard_count, **options)


class DiscordChat:
    """Renders the core's messages on Discord; implements the core's ``ChatPort`` and
    ``GroupAdminPort``."""

    platform = PLATFORM
    private_chat_link: str | None = None
    """Discord opens a DM with any member itself: a channel's note needs no link."""

    def __init__(
        self,
        core: InboundPort,
        client: discord.Client,
        *,
        guild_ids: Sequence[int] = (),
        pacer: Pacer | None = None,
    ) -> None:
        self.core = core
        self.client = client
        self.guild_ids = list(guild_ids)
        self.pacer = pacer or Pacer()
        """Discord's pace, kept for every message sent outside an interaction."""
        self.tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)
        for command in slash_commands(core.commands, self._on_command):
            self.tree.add_command(command)
        self.tree.error(self._on_tree_error)
        route_presses(client, self._on_press)
        client.event(self.on_message)
        client.event(self.on_guild_remove)

    async def sync_commands(self) -> None:
        """Publish the slash commands: to the configured guilds at once, or globally."""
        if not self.guild_ids:
            await self.tree.sync()
            return
        for guild_id in self.guild_ids:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)

    # -- incoming ----------------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        me = self.client.user
        if message.author.bot or me is None:
            return
        text = message.content
        if message.guild is not None:
            if not any(user.id == me.id for user in message.mentions):
                return
            text = re.sub(rf"<@!?{me.id}>", " ", text).strip()
        author = message.author
        dm_user = str(author.id) if message.guild is None else None
        try:
            chat = _chat_of(message.channel, author.id, message.guild)
            event = _event_from_text(_sender(author), chat, text, str(message.id))
            replies = await self.core.handle(event)
            if replies:  # a reply Discord refuses gets the apology below
                raise_if_refused(await self.core.deliver(event, replies))
        except Exception as exc:
            incident = report_failure("answering a Discord message", exc)
            try:
                await self._deliver(message.channel, self._apology(incident), dm_user)
            except Exception as again:
                log.warning("could not apologise for incident %s: %s", incident, again)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """The bot was removed from a server (GUILD_DELETE; an outage is another event).

        Members leaving are not delivered without the privileged members intent; a
        person's DMs stop by themselves when they share no server with the bot any more
        (Discord refuses the DM, and their reminders pause as for closed DMs).
        """
        await self.core.handle(LeftGroup(PLATFORM, str(guild.id), None))

    async def _on_command(
        self,
        interaction: discord.Interaction[Any],
        name: str,
        args: str,
        options: Mapping[str, str | int],
    ) -> None:
        await self._answer(
            interaction,
            lambda: Command(*_who(interaction), name, args, dict(options), str(interaction.id)),
        )

    async def _on_press(self, interaction: discord.Interaction[Any], action: str) -> None:
        await self._answer(
            interaction, lambda: ButtonPress(*_who(interaction), action, str(interaction.id))
        )

    async def _answer(
        self, interaction: discord.Interaction[Any], event_of: Callable[[], Event]
    ) -> None:
        """Acknowledge at once, then answer in follow-ups; an apology if anything fails."""
        ephemeral = interaction.guild_id is not None
        try:
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        except SEND_ERRORS as exc:  # too late, or Discord is down: the channel is left
            incident = report_failure("acknowledging a Discord interaction", exc)
            await self._apologise_in_channel(interaction, incident)
            return
        answered = False
        try:
            replies = await self.core.handle(event_of())
            parts = [part for reply in replies for part in render(reply)]
            if not parts:
                await interaction.delete_original_response()
            for part in parts:
                await interaction.followup.send(**_send_options(part), ephemeral=ephemeral)
                answered = True
        except Exception as exc:
            incident = report_failure("answering a Discord interaction", exc)
            await self._apologise(interaction, incident, edit_original=not answered)

    async def _on_tree_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        """A slash command failed before or outside :meth:`_answer` (an option discord.py
        could not convert, say): the interaction still gets its apology."""
        incident = report_failure(f"the Discord command {interaction.command}", error)
        if interaction.response.is_done():
            await self._apologise(interaction, incident, edit_original=True)
            return
        try:
            await interaction.response.send_message(
                **_send_options(render(self._apology(incident))[0]),
                ephemeral=interaction.guild_id is not None,
            )
        except SEND_ERRORS:
            await self._apologise_in_channel(interaction, incident)

    async def _apologise(
        self, interaction: discord.Interaction[Any], incident: str, *, edit_original: bool
    ) -> None:
        """Say sorry in the interaction: in place of "thinking…" when nothing was shown
        yet, else in a follow-up; in the channel if Discord refuses both."""
        [part] = render(self._apology(incident))
        options = _send_options(part)
        if edit_original:
            try:
                await interaction.edit_original_response(
                    content=options["content"], allowed_mentions=NO_MENTIONS
                )
                return
            except SEND_ERRORS as exc:
                log.info("could not edit the original response: %s", exc)
        try:
            await interaction.followup.send(**options, ephemeral=interaction.guild_id is not None)
        except SEND_ERRORS as exc:
            log.info("could not send an apology follow-up: %s", exc)
            await self._apologise_in_channel(interaction, incident)

    async def _apologise_in_channel(
        self, interaction: discord.Interaction[Any], incident: str
    ) -> None:
        """The last resort: the person's DMs, or the channel of a server."""
        user, sorry = interaction.user, self._apology(incident)
        try:
            if interaction.guild_id is None:
                dm = Recipient(PLATFORM, _dm_chat(user.id), str(user.id))
                result = await self.send(dm, sorry)
            elif interaction.channel_id is not None:
                target = self.client.get_partial_messageable(interaction.channel_id)
                result = await self._deliver(target, sorry, None)
            else:
                return
        except Exception as exc:
            log.warning("could not apologise for incident %s: %s", incident, exc)
            return
        if not result.ok:
            log.warning("could not apologise for incident %s: %s", incident, result.status)

    def _apology(self, incident: str) -> OutboundMessage:
        return self.core.apology(incident)

    # -- outgoing (ChatPort) -----------------------------------------------

    def private_chat(self, user_id: str) -> str:
        return _dm_chat(user_id)

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        """To a person's DMs (a ``dm:`` chat, opened on demand) or to a channel, at
        Discord's pace."""
        await self.pacer.wait(recipient.chat_id)
        result = await self._send(recipient, message)
        if result.status == "retry_after":
            self.pacer.pause(result.retry_after or 1.0)
        return result

    async def _send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        if recipient.chat_id.startswith(DM_PREFIX):
            dm_user = recipient.chat_id.removeprefix(DM_PREFIX)
            try:
                channel: discord.abc.Messageable = await self.client.create_dm(
                    discord.Object(int(dm_user))
                )
            except SEND_ERRORS as exc:  # a long rate limit on opening the DM included
                return self._failure(exc, dm_user)
            return await self._deliver(channel, message, dm_user)
        target = self.client.get_partial_messageable(int(recipient.chat_id))
        return await self._deliver(target, message, None)

    async def _deliver(
        self, target: discord.abc.Messageable, message: OutboundMessage, dm_user: str | None
    ) -> SendResult:
        """Send every part of ``message``; ``dm_user`` names the person when it is a DM."""
        try:
            for part in render(message):
                await target.send(**_send_options(part))
        except SEND_ERRORS as exc:
            return self._failure(exc, dm_user)
        return SendResult.sent()

    def _failure(self, exc: Exception, dm_user: str | None) -> SendResult:
        if isinstance(exc, discord.RateLimited):
            return SendResult.wait(exc.retry_after)
        if isinstance(exc, discord.HTTPException) and exc.status == 429:
            return SendResult.wait(float(exc.response.headers.get("Retry-After", 1)))
        if isinstance(exc, discord.Forbidden) and dm_user is not None:
            # 50007: the person closed DMs or blocked us (the core pauses what it pushes).
            return SendResult.blocked(exc.text or "DMs closed")
        if isinstance(exc, discord.Forbidden):
            return SendResult.failed(MISSING_ACCESS)
        if isinstance(exc, discord.NotFound):
            return SendResult.failed(CHANNEL_GONE)
        log.warning("Discord send failed: %s", exc)
        return SendResult.failed(str(exc))

    # -- server administration (the core's optional GroupAdminPort) ---------

    async def grant_role(
        self, group_id: str, user_id: str, role_id: str, reason: str
    ) -> SendResult:
        try:
            await self.client.http.add_role(
                int(group_id), int(user_id), int(role_id), reason=reason
            )
        except SEND_ERRORS as exc:
            return self._failure(exc, None)
        return SendResult.sent()

    def can_grant_role(self, group_id: str, role_id: str) -> bool | None:
        """Manage Roles, and the role below the bot's own top role (Discord's hierarchy)."""
        guild = self.client.get_guild(int(group_id))
        if guild is None:
            return None
        role = guild.get_role(int(role_id))
        me = guild.me
        if role is None or role.managed:
            return False
        return me.guild_permissions.manage_roles and role < me.top_role

    def can_post(self, group_id: str, channel_id: str) -> bool | None:
        guild = self.client.get_guild(int(group_id))
        if guild is None:
            return None
        channel = guild.get_channel_or_thread(int(channel_id))
        if channel is None:
            return False
        allowed = channel.permissions_for(guild.me)
        return allowed.view_channel and allowed.send_messages

    async def is_member(self, group_id: str, user_id: str) -> bool | None:
        """Asked on demand (one REST call): listening for departures would need the
        privileged members intent."""
        guild = self.client.get_guild(int(group_id))
        if guild is None:
            return None
        try:
            await guild.fetch_member(int(user_id))
        except discord.NotFound:
            return False
        except SEND_ERRORS:
            return None
        return True


def _send_options(part: DiscordMessage) -> dict[str, Any]:
    """Keyword arguments for ``Messageable.send`` and ``Webhook.send`` alike."""
    options: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
    if part.content:
        options["content"] = part.content
    view = part.view()
    if view is not None:
        options["view"] = view
    files = part.files()
    if files:
        options["files"] = files
    embed = part.embed()
    if embed is not None:
        options["embed"] = embed
    return options


def _sender(user: discord.abc.User, permissions: discord.Permissions | None = None) -> Sender:
    """``permissions`` are the member's in the channel (an interaction's ``permissions``)."""
    if permissions is None and isinstance(user, discord.Member):
        permissions = user.guild_permissions
    manages = permissions is not None and permissions.manage_guild
    return Sender(
        PLATFORM,
        str(user.id),
        user.display_name,
        can_manage_group=manages,
        private_chat_id=_dm_chat(user.id),
    )


def _chat_of(channel: Any, user_id: int, guild: discord.Guild | None) -> Chat:
    if guild is None:
        return Chat(_dm_chat(user_id), is_private=True)
    return Chat(str(channel.id), is_private=False, group_id=str(guild.id))


def _who(interaction: discord.Interaction[Any]) -> tuple[Sender, Chat]:
    user = interaction.user
    if interaction.guild_id is None:
        return _sender(user), Chat(_dm_chat(user.id), is_private=True)
    chat = Chat(str(interaction.channel_id), is_private=False, group_id=str(interaction.guild_id))
    return _sender(user, interaction.permissions), chat


def _event_from_text(sender: Sender, chat: Chat, text: str, message_id: str) -> Event:
    command = parse_command_text(text)
    if command is not None:
        return Command(sender, chat, command[0], command[1], delivery_id=message_id)
    return TextMessage(sender, chat, text)

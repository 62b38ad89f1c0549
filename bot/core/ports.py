"""The two narrow ports between the core and the chat platforms.

* **Inbound**, :class:`InboundPort`: everything an adapter may ask of the core. It hands
  over what a person did (an :data:`~bot.core.events.Event`) or what the platform noticed
  (a :data:`~bot.core.events.PlatformFact`), sends the replies back through the core,
  reads the command list for its menus, and connects its outbound port.
  :class:`~bot.core.conversation.Conversation` implements it.
* **Outbound**, :class:`ChatPort`: what an adapter implements so the core can speak
  first. ``send`` renders one message and makes one platform call, and returns what
  happened as a :class:`SendResult`; it writes nothing. What a result means (a person
  unreachable, a private reply's note) is decided once, by
  :class:`~bot.core.delivery.Delivery`.

Everything here is a value type or a protocol: the core never imports an adapter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from bot.core.commands import CommandInfo
from bot.core.events import Event, PlatformFact, Recipient
from bot.core.messages import OutboundMessage, Reply

SendStatus = Literal["sent", "blocked", "retry_after", "failed"]

MISSING_ACCESS = "missing-access"
"""``failed`` detail: the platform refused the bot in that channel (someone can fix it)."""
CHANNEL_GONE = "channel-gone"
"""``failed`` detail: the channel no longer exists."""


@dataclass(frozen=True, slots=True)
class SendResult:
    status: SendStatus
    retry_after: float | None = None
    """Seconds the platform asked us to wait (``retry_after`` status)."""
    detail: str = ""

    @classmethod
    def sent(cls) -> SendResult:
        return cls("sent")

    @classmethod
    def blocked(cls, detail: str = "") -> SendResult:
        return cls("blocked", detail=detail)

    @classmethod
    def wait(cls, seconds: float) -> SendResult:
        return cls("retry_after", retry_after=seconds)

    @classmethod
    def failed(cls, detail: str = "") -> SendResult:
        return cls("failed", detail=detail)

    @property
    def ok(self) -> bool:
        return self.status == "sent"


class ReplyRefused(Exception):
    """The platform refused a reply (after the port's own retries): the adapter's guard
    turns it into an apology, as any failure in a turn."""

    def __init__(self, result: SendResult) -> None:
        super().__init__(result.detail or result.status)


def raise_if_refused(result: SendResult) -> None:
    """A refused reply is an error of the turn; a blocked person or a wait is not."""
    if result.status == "failed":
        raise ReplyRefused(result)


class ChatPort(Protocol):
    """One platform's way of delivering a message: render it, send it, say what happened.

    ``blocked`` means the platform refused the chat itself (the person blocked the
    bot, closed their DMs, removed it from the group); the port only reports it.
    """

    platform: str

    @property
    def private_chat_link(self) -> str | None:
        """A link that opens a private chat with the bot (Telegram's ``t.me/<bot>``), which
        a group's note about a private reply may carry; ``None`` where there is none."""
        ...

    def private_chat(self, user_id: str) -> str:
        """The chat id of this person's one-to-one chat with the bot."""
        ...

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult: ...


class GroupAdminPort(Protocol):
    """What a platform with servers, roles and members may also do (Discord does).

    Optional: an adapter connects it beside its :class:`ChatPort`, and the core does
    without it. ``None`` from a check means "cannot tell": carry on as if allowed.
    """

    async def grant_role(
        self, group_id: str, user_id: str, role_id: str, reason: str
    ) -> SendResult: ...

    def can_grant_role(self, group_id: str, role_id: str) -> bool | None: ...

    def can_post(self, group_id: str, channel_id: str) -> bool | None: ...

    async def is_member(self, group_id: str, user_id: str) -> bool | None: ...


class InboundPort(Protocol):
    """Everything an adapter may ask of the core."""

    @property
    def commands(self) -> Sequence[CommandInfo]:
        """The commands to offer in platform menus, in the order they were registered."""
        ...

    def reads_group_rights(self, event: Event) -> bool:
        """Whether the handler of ``event`` reads ``Sender.can_manage_group``: platforms
        that must ask for it (Telegram's getChatMember) ask only then."""
        ...

    async def handle(self, event: Event | PlatformFact) -> Reply:
        """The replies to ``event`` (none for a platform fact); never raises."""
        ...

    async def deliver(self, event: Event, reply: Reply) -> SendResult:
        """Send ``reply`` in the chat ``event`` came from, the core's way: a private
        reply asked for in a group goes to the person's private chat, with a note in
        the group; a chat that refuses it makes the person unreachable."""
        ...

    def apology(self, incident: str) -> OutboundMessage:
        """What to say when something failed on the adapter's side (see
        :func:`bot.core.incidents.report_failure` for the incident id)."""
        ...

    def connect(self, port: ChatPort, *, group_admin: GroupAdminPort | None = None) -> None:
        """Deliver the core's messages for ``port.platform`` through ``port``."""
        ...


@dataclass
class RecordingPort:
    """An in-memory port for tests and benchmarks: records what it was asked to send."""

    platform: str = "test"
    sent: list[tuple[Recipient, OutboundMessage]] = field(default_factory=list)
    result: SendResult = field(default_factory=SendResult.sent)
    private_chat_link: str | None = None

    def private_chat(self, user_id: str) -> str:
        return f"dm-{user_id}"

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        if self.result.ok:
            self.sent.append((recipient, message))
        return self.result

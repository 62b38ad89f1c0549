"""The narrow port between the core and the chat platforms.

Adapters implement :class:`ChatPort` (the platform call plus rendering); the core
never imports an adapter. :class:`Outbox` routes a pushed message to the port of
its platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from bot.core.events import Recipient
from bot.core.messages import OutboundMessage

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


class ChatPort(Protocol):
    """One platform's way of delivering a message the core pushes."""

    platform: str

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult: ...


@runtime_checkable
class GroupAdminPort(Protocol):
    """What a platform with servers, roles and members may also do (Discord does).

    Optional: the core checks ``isinstance(port, GroupAdminPort)`` and does
    without it. ``None`` from a check means "cannot tell": carry on as if allowed.
    """

    async def grant_role(
        self, group_id: str, user_id: str, role_id: str, reason: str
    ) -> SendResult: ...

    def can_grant_role(self, group_id: str, role_id: str) -> bool | None: ...

    def can_post(self, group_id: str, channel_id: str) -> bool | None: ...

    async def is_member(self, group_id: str, user_id: str) -> bool | None: ...


@dataclass
class Outbox:
    """Routes pushed messages to the port registered for their platform."""

    ports: dict[str, ChatPort] = field(default_factory=dict)

    def register(self, port: ChatPort) -> None:
        self.ports[port.platform] = port

    async def push(self, recipient: Recipient, messages: Sequence[OutboundMessage]) -> SendResult:
        """Send messages in order; stop at the first that is not delivered."""
        port = self.ports.get(recipient.platform)
        if port is None:
            return SendResult.failed(f"no port for platform {recipient.platform!r}")
        result = SendResult.sent()
        for outbound in messages:
            result = await port.send(recipient, outbound)
            if not result.ok:
                break
        return result


@dataclass
class RecordingPort:
    """An in-memory port for tests and benchmarks: records what it was asked to send."""

    platform: str = "test"
    sent: list[tuple[Recipient, OutboundMessage]] = field(default_factory=list)
    result: SendResult = field(default_factory=SendResult.sent)

    async def send(self, recipient: Recipient, message: OutboundMessage) -> SendResult:
        if self.result.ok:
            self.sent.append((recipient, message))
        return self.result

"""What a handler gets: the event, the person, a database session, and the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from bot.content import Content
from bot.core.clock import Clock
from bot.core.events import Chat, Event, Recipient, Sender
from bot.storage.models import Person

if TYPE_CHECKING:  # these build on turns; import only for typing
    from bot.core.answers import Answerer
    from bot.core.delivery import Delivery


@dataclass(frozen=True, slots=True)
class Services:
    """The injected parts every handler may use; built once in ``bot.app``."""

    content: Content
    clock: Clock
    delivery: Delivery
    answerer: Answerer


@dataclass(slots=True)
class Turn:
    """One handled event (or one fired timer), inside one database transaction."""

    services: Services
    session: AsyncSession
    person: Person
    sender: Sender
    chat: Chat
    event: Event | None = None

    @property
    def content(self) -> Content:
        return self.services.content

    @property
    def now(self) -> datetime:
        return self.services.clock.now()

    @property
    def recipient(self) -> Recipient:
        """Where a later push for this turn goes: the same chat, the same person."""
        return Recipient(self.sender.platform, self.chat.id, self.sender.user_id)

"""The core's entry point: one event in, the replies out.

:class:`Conversation` is the :class:`~bot.core.ports.InboundPort` adapters see:
they call :meth:`Conversation.handle` for every incoming event, show what it
returns (or :meth:`~Conversation.deliver` it into the event's chat), and report
what the platform noticed as facts (blocked, unblocked, left a group).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.commands import CommandInfo
from bot.core.delivery import resume_reachable
from bot.core.disclaimer import with_disclaimer
from bot.core.events import Blocked, Event, LeftGroup, PlatformFact, TextMessage, Unblocked
from bot.core.incidents import apology, report_failure
from bot.core.messages import OutboundMessage, Reply, message
from bot.core.ports import ChatPort, GroupAdminPort, SendResult
from bot.core.reminders.subscriptions import stop_group_reminders
from bot.core.router import Router
from bot.core.turn import Services, Turn
from bot.core.typed import clean_event
from bot.storage.database import Database
from bot.storage.handled import first_delivery
from bot.storage.models import Person
from bot.storage.people import AccountSeen, Recorded, ensure_person
from bot.storage.senders import SenderRecorder

log = logging.getLogger(__name__)


class Conversation:
    def __init__(self, services: Services, database: Database, router: Router) -> None:
        self.services = services
        self.database = database
        self.router = router
        self.recent = services.delivery.known
        self.senders = SenderRecorder(database.engine, then=_resume_if_unreachable)

    @property
    def commands(self) -> Sequence[CommandInfo]:
        return list(self.router.commands.values())

    def reads_group_rights(self, event: Event) -> bool:
        return self.router.reads_group_rights(event)

    def connect(self, port: ChatPort, *, group_admin: GroupAdminPort | None = None) -> None:
        self.services.delivery.connect(port, group_admin=group_admin)

    async def deliver(self, event: Event, reply: Reply) -> SendResult:
        return await self.services.delivery.reply(event, reply)

    def apology(self, incident: str) -> OutboundMessage:
        return apology(self.services.content.messages, incident)

    async def handle(self, event: Event | PlatformFact) -> Reply:
        """The replies to ``event``; a person's turn never raises.

        Every text the person controls is cleaned first (:func:`clean_event`). A
        failure anywhere in the turn is logged once with an incident id and
        answered with an apology quoting it; the turn's transaction is rolled back.
        A platform fact is recorded and gets no reply; nobody is waiting for an
        answer to it, so a failure recording it goes to the adapter's library,
        whose error handler logs it.
        """
        if isinstance(event, Blocked | Unblocked | LeftGroup):
            await self._record(event)
            return []
        event, cut = clean_event(event)
        texts = self.services.content.messages
        notes: Reply = [message(texts.too_long)] if cut else []
        try:
            if isinstance(event, TextMessage):
                if not event.text:
                    return [message(texts.empty_message)]
                wanting = self.router.wanting(self.services, event)
                if not wanting or not await self.router.acted_on(
                    wanting, event, self.database.engine.connect
                ):
                    return notes + await self._answer_plainly(event)
            return notes + await self._dispatch(event)
        except Exception as exc:
            incident = report_failure(f"a {type(event).__name__.lower()} turn", exc)
            return [*notes, apology(texts, incident)]

    async def _dispatch(self, event: Event) -> Reply:
        now = self.services.clock.now()
        seen = account_seen(event)
        first_contact = False
        async with self.database.session() as session:
            known = self.recent.unchanged(seen, now)
            person = await session.get(Person, known) if known is not None else None
            if person is None:
                person, first_contact, was_unreachable = await ensure_person(session, seen, now)
                if was_unreachable:  # a person who writes to us has not blocked us
                    await resume_reachable(session, seen.platform, seen.user_id, now)
            delivery = event.delivery_id if not isinstance(event, TextMessage) else None
            if delivery is not None and not await first_delivery(
                session, event.sender.platform, delivery, now
            ):
                log.info("%s delivery %s was handled already", event.sender.platform, delivery)
                return []
            turn = Turn(self.services, session, person, event.sender, event.chat, event)
            reply = await self.router.dispatch(turn)
            forgotten = person not in session  # /forget deleted them: next time is a first contact
        if forgotten:
            self.recent.forget(seen.platform, seen.user_id)
        else:
            self.recent.remember(seen, person.id, now)
        return self._first_contact(reply, first_contact)

    async def _answer_plainly(self, event: TextMessage) -> Reply:
        """A question whose answer is content alone: the person is only recorded.

        Someone who wrote a moment ago with the same name and chat needs no
        write at all (:class:`~bot.storage.people.RecentAccounts`), so most
        questions never open the database; the others are recorded with whoever
        else is being recorded at the moment (:class:`~bot.storage.senders.SenderRecorder`).
        """
        now = self.services.clock.now()
        seen = account_seen(event)
        first_contact = False
        if self.recent.unchanged(seen, now) is None:
            person_id, first_contact, _ = await self.senders.record(seen, now)
            self.recent.remember(seen, person_id, now)
        return self._first_contact(self.router.answer_plainly(self.services, event), first_contact)

    def _first_contact(self, reply: Reply, first_contact: bool) -> Reply:
        """A person's first message on a platform, whatever it is, gets the disclaimer too."""
        return with_disclaimer(self.services.content, reply) if first_contact else reply

    async def _record(self, fact: PlatformFact) -> None:
        """What the platform noticed: reachability, or reminders that belonged to a group.

        Reminders asked for in a group stop when the person leaves it or the bot is
        removed from it (they only ever went to the person's private chat).
        """
        delivery = self.services.delivery
        if isinstance(fact, Blocked):
            await delivery.unreachable(fact.platform, fact.user_id)
        elif isinstance(fact, Unblocked):
            await delivery.reachable(fact.platform, fact.user_id)
        else:
            async with self.database.session() as session:
                stopped = await stop_group_reminders(
                    session, fact.platform, fact.group_id, fact.user_id
                )
            if stopped:
                who = "the bot" if fact.user_id is None else f"user {fact.user_id}"
                log.info(
                    "%s left %s group %s: %d reminders off",
                    who,
                    fact.platform,
                    fact.group_id,
                    stopped,
                )


async def _resume_if_unreachable(
    connection: AsyncConnection, seen: AccountSeen, recorded: Recorded, now: datetime
) -> None:
    """A person who writes to us has not blocked us (in the transaction recording them)."""
    if recorded.was_unreachable:
        await resume_reachable(connection, seen.platform, seen.user_id, now)


def account_seen(event: Event) -> AccountSeen:
    """The account an event comes from, in storage's terms."""
    sender, chat = event.sender, event.chat
    private = chat.id if chat.is_private else None
    return AccountSeen(sender.platform, sender.user_id, sender.display_name, private)

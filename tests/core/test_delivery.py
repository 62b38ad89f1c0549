"""Where the core's messages go, and who can be reached: one rule, whatever the platform.

The port here only records; routing a private reply out of a group and pausing a
person the platform refuses are the core's delivery, the same for replies, pushes
and sweeps.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.core.clock import ManualClock
from bot.core.events import Blocked, Chat, Command, Recipient, Sender, TextMessage, Unblocked
from bot.core.messages import message
from bot.core.ports import RecordingPort, SendResult
from bot.storage.models import Account, ReminderSubscription

ANA = Sender("test", "ana", "Ana")
ANA_DM = Chat("dm-ana", is_private=True)
GROUP = Chat("walkers", is_private=False, group_id="walkers")


def connected(app: App) -> RecordingPort:
    port = RecordingPort()
    app.conversation.connect(port)
    return port


async def reminders_of(app: App) -> tuple[bool, str]:
    async with app.database.session() as session:
        account = await session.scalar(select(Account))
        subscription = await session.scalar(select(ReminderSubscription))
    assert account is not None and subscription is not None
    return account.reachable, subscription.state


async def test_a_private_reply_asked_for_in_a_group_goes_to_the_private_chat_with_a_note(
    app: App,
) -> None:
    port = connected(app)
    asked = Command(ANA, GROUP, "stats")
    reply = await app.conversation.handle(asked)
    assert (await app.conversation.deliver(asked, reply)).ok
    [(private, stats), (group, note)] = port.sent
    assert (private.chat_id, group.chat_id) == ("dm-ana", "walkers")
    assert "No walks logged yet" in stats.plain_text
    assert "sent it to your direct messages" in note.plain_text


async def test_when_the_private_chat_refuses_the_group_is_told_and_the_person_paused(
    app: App,
) -> None:
    port = connected(app)
    await app.conversation.handle(Command(ANA, ANA_DM, "remind", "on 08:00 18:00"))
    port.result = SendResult.blocked("DMs closed")
    asked = Command(ANA, GROUP, "stats")
    result = await app.conversation.deliver(asked, await app.conversation.handle(asked))
    assert result.status == "blocked"  # the note could not go either: the port refuses all
    assert await reminders_of(app) == (False, "blocked")


async def test_a_refused_push_pauses_the_person_and_writing_again_resumes(
    app: App, clock: ManualClock
) -> None:
    port = connected(app)
    await app.conversation.handle(Command(ANA, ANA_DM, "remind", "on 08:00 18:00"))
    port.result = SendResult.blocked("bot was blocked by the user")
    pushed = await app.delivery.push(Recipient("test", "dm-ana", "ana"), [message("Walk?")])
    assert pushed.status == "blocked"
    assert await reminders_of(app) == (False, "blocked")
    port.result = SendResult.sent()
    await app.conversation.handle(TextMessage(ANA, ANA_DM, "does walking strengthen your back"))
    assert await reminders_of(app) == (True, "active")


async def test_a_refused_group_post_says_nothing_about_the_people_in_it(app: App) -> None:
    port = connected(app)
    await app.conversation.handle(Command(ANA, ANA_DM, "remind", "on 08:00 18:00"))
    port.result = SendResult.blocked("kicked from the group")
    await app.delivery.push(Recipient("test", "walkers", "ana"), [message("Day 3!")])
    assert await reminders_of(app) == (True, "active")


async def test_a_private_push_for_a_group_goes_to_the_private_chat_without_a_note(
    app: App,
) -> None:
    port = connected(app)
    note = message("Your challenge's channel is gone", visibility="private")
    assert (await app.delivery.push(Recipient("test", "walkers", "ana"), [note])).ok
    assert [recipient.chat_id for recipient, _ in port.sent] == ["dm-ana"]


async def test_blocking_and_unblocking_heard_from_the_platform(app: App) -> None:
    connected(app)
    await app.conversation.handle(Command(ANA, ANA_DM, "remind", "on 08:00 18:00"))
    await app.conversation.handle(Blocked("test", "ana"))
    assert await reminders_of(app) == (False, "blocked")
    await app.conversation.handle(Unblocked("test", "ana"))
    assert await reminders_of(app) == (True, "active")

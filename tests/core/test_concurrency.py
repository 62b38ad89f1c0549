"""Presses that arrive together change things once, on SQLite and on PostgreSQL.

Each test delivers several events before the bot handles any (``all_at_once``):
a double click, a double tap on a phone, a webhook Telegram retried, an
interaction two processes both received.
"""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App
from bot.core.clock import ManualClock
from bot.core.events import ButtonPress, Chat, Command, Sender, TextMessage
from bot.core.messages import OutboundMessage
from bot.core.ports import RecordingPort
from bot.storage.models import Account, ChallengeMember, Person, ReminderSubscription, Timer, Walk
from tests.together import all_at_once, text

ANA = Sender("test", "u-ana", "Ana")
ANA_DM = Chat("dm-ana", is_private=True)
MANAGER = Sender("test", "u-max", "Max", can_manage_group=True)
GROUP = Chat("chan-walk", is_private=False, group_id="guild-1")
TIMES = 5


async def count(app: App, column: object) -> int:
    async with app.database.session() as session:
        return int((await session.execute(select(func.count(column)))).scalar_one())  # type: ignore[call-overload]


def button(message: OutboundMessage, label: str) -> str:
    return next(b.action for row in message.buttons for b in row if b.label == label)


async def reminder_card(app: App, port: RecordingPort) -> OutboundMessage:
    """Ana turns reminders on; the clock reaches 08:00 and the sweep sends her the card."""
    await app.conversation.handle(Command(ANA, ANA_DM, "remind", "on 08:00"))
    clock = app.clock
    assert isinstance(clock, ManualClock)
    clock.advance(3600)
    await app.sweeper.run_once()
    [(_, card)] = port.sent
    return card


async def test_a_new_persons_first_presses_at_once_make_one_person(app_on_any_db: App) -> None:
    app = app_on_any_db
    press = ButtonPress(ANA, ANA_DM, "faq:walking-strengthens")
    replies = await all_at_once(app, [press] * TIMES)
    assert all("Walking strengthens" in text(reply) for reply in replies)
    assert await count(app, Person.id) == 1
    assert await count(app, Account.id) == 1


async def test_a_new_persons_first_questions_at_once_make_one_person(app_on_any_db: App) -> None:
    """Questions take the lighter path (``record_sender``): the same promise."""
    app = app_on_any_db
    question = TextMessage(ANA, ANA_DM, "does walking strengthen your back")
    replies = await all_at_once(app, [question] * TIMES)
    assert all("Walking strengthens" in text(reply) for reply in replies)
    assert await count(app, Person.id) == 1
    assert await count(app, Account.id) == 1


async def test_done_pressed_several_times_at_once_logs_one_walk(app_on_any_db: App) -> None:
    app = app_on_any_db
    port = RecordingPort()
    app.conversation.connect(port)
    card = await reminder_card(app, port)
    done = ButtonPress(ANA, ANA_DM, button(card, "Done ✅"))
    replies = await all_at_once(app, [done] * TIMES)
    said = [text(reply) for reply in replies]
    assert sum("I logged a 15-minute walk" in s for s in said) == 1
    assert sum("You already logged this walk" in s for s in said) == TIMES - 1
    assert await count(app, Walk.id) == 1


async def test_a_new_member_pressing_join_several_times_joins_once(app_on_any_db: App) -> None:
    app = app_on_any_db
    port = RecordingPort()
    app.conversation.connect(port)
    await app.conversation.handle(Command(MANAGER, GROUP, "challenge", "create Spring walkers"))
    [(_, announcement)] = port.sent
    join = ButtonPress(ANA, GROUP, button(announcement, "Join"))
    replies = await all_at_once(app, [join] * TIMES)
    said = [text(reply) for reply in replies]
    assert sum("You're in" in s for s in said) == 1
    assert sum("already" in s for s in said) == TIMES - 1
    assert await count(app, ChallengeMember.id) == 1
    assert await count(app, Account.id) == 2  # Max and Ana, once each


async def test_remind_on_sent_several_times_at_once_makes_one_subscription(
    app_on_any_db: App,
) -> None:
    app = app_on_any_db
    remind = Command(ANA, ANA_DM, "remind", "on 07:30 18:00")
    replies = await all_at_once(app, [remind] * TIMES)
    assert all("07:30 and 18:00" in text(reply) for reply in replies)
    assert await count(app, ReminderSubscription.id) == 1


async def test_snooze_pressed_several_times_at_once_sets_one_timer(app_on_any_db: App) -> None:
    app = app_on_any_db
    port = RecordingPort()
    app.conversation.connect(port)
    card = await reminder_card(app, port)
    snooze = ButtonPress(ANA, ANA_DM, button(card, "Snooze 30 min"))
    replies = await all_at_once(app, [snooze] * TIMES)
    assert all("remind you again at 08:30" in text(reply) for reply in replies)
    assert await count(app, Timer.id) == 1


async def test_a_delivery_that_comes_again_is_handled_once(app_on_any_db: App) -> None:
    """Telegram resends a webhook update it saw no answer to; the id is the same."""
    app = app_on_any_db
    walk = Command(ANA, ANA_DM, "walk", "20", delivery_id="4242/17")
    replies = await all_at_once(app, [walk] * TIMES)
    assert sum("I logged a 20-minute walk" in text(reply) for reply in replies) == 1
    assert [reply for reply in replies if not reply] == [[]] * (TIMES - 1)
    assert await app.conversation.handle(walk) == []  # later, too
    assert await count(app, Walk.id) == 1
    another = Command(ANA, ANA_DM, "walk", "20", delivery_id="4242/18")
    assert "I logged a 20-minute walk" in text(await app.conversation.handle(another))

"""Two people exercising in one group chat each have their own session."""

from __future__ import annotations

from bot.app import App
from bot.core.clock import ManualClock
from bot.core.events import ButtonPress, Chat, Command, Recipient, Sender, TextMessage
from bot.core.messages import Reply
from bot.core.ports import RecordingPort
from tests.core.exercises.conversation import labelled

GROUP = Chat("group-42", is_private=False)
ALICE = Sender("test", "alice", "Alice")
BOB = Sender("test", "bob", "Bob")


def text(reply: Reply) -> str:
    return "\n".join(m.plain_text for m in reply)


def last_buttons(reply: Reply) -> dict[str, str]:
    return labelled([m for m in reply if m.buttons][-1])


async def test_two_people_in_one_group_have_independent_sessions(app: App) -> None:
    port = RecordingPort(platform="test")
    app.conversation.connect(port)
    handle = app.conversation.handle

    alice = await handle(Command(ALICE, GROUP, "exercise", "knee to chest"))
    bob = await handle(Command(BOB, GROUP, "exercise", "cat cow"))
    assert "Let's do Knee to chest" in text(alice)
    assert "Let's do Cat-cow" in text(bob)
    assert "ended your unfinished session" not in text(bob), "Bob's start leaves Alice's alone"

    # Bob taps Alice's button: it is not his session, and Alice's does not move.
    alice_next = last_buttons(alice)["Next"]
    refused = await handle(ButtonPress(BOB, GROUP, alice_next))
    assert "someone else's session" in text(refused)

    alice = await handle(ButtonPress(ALICE, GROUP, alice_next))
    assert "Step 2 of 3 · left knee" in text(alice)
    bob = await handle(ButtonPress(BOB, GROUP, last_buttons(bob)["Next"]))
    assert "Step 2 of 4" in text(bob)

    # Bob's pain stops Bob's session only; Alice's hold is still counted and pushed to her.
    stopped = await handle(TextMessage(BOB, GROUP, "ouch my back hurts"))
    assert "Stopped." in text(stopped)
    clock = app.clock
    assert isinstance(clock, ManualClock)
    clock.advance(20)
    await app.sweeper.run_once()
    assert [r for r, _ in port.sent] == [Recipient("test", GROUP.id, "alice")] * 2
    assert "Hold done – release." in port.sent[0][1].plain_text
    assert "Step 3 of 3 · left knee" in port.sent[1][1].plain_text

    gone = await handle(ButtonPress(BOB, GROUP, last_buttons(bob)["Next"]))
    assert "That session has ended." in text(gone)


async def test_the_same_person_in_two_chats_has_two_sessions(app: App) -> None:
    handle = app.conversation.handle
    private = Chat("alice-dm", is_private=True)
    in_group = await handle(Command(ALICE, GROUP, "exercise", "planks"))
    in_private = await handle(Command(ALICE, private, "exercise", "bird dog"))
    assert "ended your unfinished session" not in text(in_private)
    moved = await handle(ButtonPress(ALICE, GROUP, last_buttons(in_group)["Next"]))
    assert "Step 2 of 3 · Set 1 of 3" in text(moved)

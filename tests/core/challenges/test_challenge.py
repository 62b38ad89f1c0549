"""A walking challenge in a group, through the core: create, join, walk, posts, board, end."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import App
from bot.core.clock import ManualClock
from bot.core.events import ButtonPress, Chat, Command, Sender
from bot.core.messages import OutboundMessage
from bot.core.ports import RecordingPort
from bot.core.reminders.slots import slot_token

GROUP = Chat("chan-walk", is_private=False, group_id="guild-1")
OTHER_GROUP = Chat("chan-elsewhere", is_private=False, group_id="guild-2")
ADMIN = Sender("test", "u-ana", "Ana", can_manage_group=True)
BEN = Sender("test", "u-ben", "Ben")
CAT = Sender("test", "u-cat", "Cat")


class Group:
    """People in one group chat of the ``test`` platform; channel posts are recorded."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.port = RecordingPort(platform="test")
        app.conversation.connect(self.port)

    async def says(
        self, sender: Sender, line: str, chat: Chat = GROUP, **options: str | int
    ) -> list[OutboundMessage]:
        name, _, args = line.removeprefix("/").partition(" ")
        return await self.app.conversation.handle(Command(sender, chat, name, args, options))

    async def presses(self, sender: Sender, action: str) -> list[OutboundMessage]:
        return await self.app.conversation.handle(ButtonPress(sender, GROUP, action))

    def posts_in(self, chat_id: str) -> list[str]:
        return [m.plain_text for r, m in self.port.sent if r.chat_id == chat_id and not r.user_id]

    async def next_day_post(self) -> None:
        """Move to 09:00 UTC tomorrow (the post time) and let the sweeps run."""
        clock = self.app.clock
        assert isinstance(clock, ManualClock)
        now = clock.now()
        tomorrow = (now + timedelta(days=1)).replace(hour=9, minute=0)
        clock.advance(tomorrow - now)
        await self.app.sweeper.run_once()


@pytest.fixture
def group(app: App) -> Group:
    return Group(app)


def join_action(group: Group) -> str:
    [announcement] = [m for r, m in group.port.sent if "New walking challenge" in m.plain_text]
    return next(b.action for row in announcement.buttons for b in row if b.label == "Join")


async def test_a_three_day_challenge_with_three_members(group: Group) -> None:
    [created] = await group.says(ADMIN, "/challenge create Office walkers days=3 time=09:00")
    assert "Office walkers" in created.plain_text and "3 days" in created.plain_text
    [announcement] = group.posts_in("chan-walk")
    assert "twice a day" in announcement and "20 minutes" in announcement

    # Joining needs no /start: by the announcement's button, or by command.
    [joined] = await group.presses(BEN, join_action(group))
    assert "You're in" in joined.plain_text
    await group.says(CAT, "/challenge join")
    await group.says(ADMIN, "/challenge join Office walkers")
    [again] = await group.says(CAT, "/challenge join")
    assert "already" in again.plain_text

    # Day 1: walks by command (both spellings) and by a reminder's Done button.
    await group.says(ADMIN, "/walk log 30")
    await group.says(BEN, "/walk 25")
    slot = slot_token(group.app.clock.now())  # a reminder just sent to Cat
    await group.presses(CAT, f"walk:done:{slot}")  # the reminder's default of 15 minutes

    await group.next_day_post()
    [_, day_one] = group.posts_in("chan-walk")
    assert "day 1 of 3" in day_one
    assert "Yesterday 3 of 3 members walked, 70 minutes in all; 2 reached" in day_one

    # Day 2: only Ana reaches the goal. Day 3: Ana and Cat.
    await group.says(ADMIN, "/walk log 20")
    await group.says(CAT, "/walk log 10")
    await group.next_day_post()
    await group.says(ADMIN, "/walk log 25")
    await group.says(CAT, "/walk log 40")

    [board] = await group.says(BEN, "/challenge board")
    assert board.table is not None and board.image is not None
    assert board.table.title == "Office walkers: day 3 of 3"
    assert board.table.rows == (
        "1. Ana: 75 min, 3 days on goal, streak 3",
        "2. Cat: 65 min, 1 day on goal, streak 1",
        "3. Ben: 25 min, 1 day on goal, streak 0",
    )

    await group.next_day_post()
    summary = group.posts_in("chan-walk")[-1]
    assert "Office walkers is over!" in summary
    assert "Most days on goal: Ana (3 days)" in summary
    await group.next_day_post()
    assert len(group.posts_in("chan-walk")) == 4, "no posts after the summary"


async def test_only_a_server_manager_may_create(group: Group) -> None:
    [refused] = await group.says(BEN, "/challenge create Ben's walk")
    assert "Manage Server" in refused.plain_text
    assert group.posts_in("chan-walk") == []


async def test_challenges_live_in_groups(app: App, group: Group) -> None:
    private = Chat("dm-ana", is_private=True)
    [answer] = await group.says(ADMIN, "/challenge create Solo", chat=private)
    assert "server" in answer.plain_text


async def test_a_name_with_mentions_stays_plain_text(group: Group) -> None:
    await group.says(ADMIN, "/challenge create @everyone **walk** <@&42>")
    [(_, announcement)] = group.port.sent
    spans = [span for span in announcement.text if "@everyone" in span.text]
    assert [span.text for span in spans] == ["@everyone **walk** <@&42>"]


async def test_challenges_are_isolated_per_server_and_several_can_run(group: Group) -> None:
    await group.says(ADMIN, "/challenge create Mornings")
    await group.says(ADMIN, "/challenge create Evenings")
    [which] = await group.says(BEN, "/challenge join")
    assert "Which one" in which.plain_text and len(which.buttons) == 2
    [elsewhere] = await group.says(BEN, "/challenge join Mornings", chat=OTHER_GROUP)
    assert "No challenge is running" in elsewhere.plain_text
    [forged] = await group.app.conversation.handle(
        ButtonPress(BEN, OTHER_GROUP, which.buttons[0][0].action)
    )
    assert "older message" in forged.plain_text


async def test_typed_options_are_checked(group: Group) -> None:
    [bad] = await group.says(ADMIN, "/challenge create Walk start=2020-01-01")
    assert "today or later" in bad.plain_text
    [bad_days] = await group.says(ADMIN, "/challenge create Walk", name="Walk", days=400)
    assert "days must be a whole number from 1 to 90" in bad_days.plain_text


async def test_a_one_day_challenge_says_one_day(group: Group) -> None:
    [created] = await group.says(ADMIN, "/challenge create Sprint days=1")
    assert "is set: 1 day from" in created.plain_text
    [announcement] = group.posts_in("chan-walk")
    assert "1 day from" in announcement and "1 days" not in announcement
    await group.says(BEN, "/challenge join")
    await group.says(BEN, "/walk log 1")
    await group.next_day_post()
    summary = group.posts_in("chan-walk")[-1]
    assert "1 day, 1 minute walked together by 1 member." in summary

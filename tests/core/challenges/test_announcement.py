"""A challenge's announcement says what the article suggests, true whatever the goal."""

from __future__ import annotations

from bot.app import App
from bot.core.events import Chat, Command, Sender
from bot.core.ports import RecordingPort

GROUP = Chat("chan-walk", is_private=False, group_id="guild-1")
ADMIN = Sender("test", "u-ana", "Ana", can_manage_group=True)
ARTICLE_SAYS = (
    "The article “How Can I Strengthen My Lower Back Muscles At Home?” suggests ten to "
    "fifteen minutes of walking twice a day."
)


async def test_a_300_minute_goal_is_not_called_one_most_of_us_can_reach(app: App) -> None:
    port = RecordingPort(platform="test")
    app.conversation.connect(port)
    create = Command(ADMIN, GROUP, "challenge", "create Marathon walkers goal=300")
    await app.conversation.handle(create)
    [(_, announcement)] = port.sent
    assert "goal 300 minutes of walking a day" in announcement.plain_text
    assert ARTICLE_SAYS in announcement.plain_text
    assert "can reach" not in announcement.plain_text

"""What adapters hand the core: commands parsed the same way on every platform."""

from __future__ import annotations

from bot.core.events import parse_command


def test_a_command_name_ends_at_any_whitespace() -> None:
    assert parse_command("/remind\ton 08:00") == ("remind", "on 08:00")
    assert parse_command("/help\nmore") == ("help", "more")
    assert parse_command("/Start@backcoach_bot  hi ") == ("start", "hi")
    assert parse_command("/ not a command") is None

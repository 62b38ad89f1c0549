"""The console adapter: chat with the core in a terminal, or script it through pipes.

``ConsoleChat`` is imported on first use: ``backcoach ask`` only renders replies, and
the terminal library the chat needs (prompt_toolkit) is a tenth of a second at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.adapters.console.chat import ConsoleChat

__all__ = ["ConsoleChat"]


def __getattr__(name: str) -> object:
    if name == "ConsoleChat":
        from bot.adapters.console.chat import ConsoleChat

        return ConsoleChat
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

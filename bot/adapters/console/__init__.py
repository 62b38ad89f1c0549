"""The console adapter: chat with the core in a terminal, or script it through pipes."""

from bot.adapters.console.chat import ConsoleChat

__all__ = ["ConsoleChat"]

"""The Telegram adapter, on python-telegram-bot: updates in, the core's messages out.

``telegram_running`` is the entry point ``backcoach run`` uses; the rest is
exported for tests and benchmarks that assemble the pieces themselves.
"""

from bot.adapters.telegram.application import (
    RunningTelegram,
    TelegramStartError,
    build_application,
    menu_commands,
    telegram_running,
)
from bot.adapters.telegram.limiter import FloodLimiter, FloodLimits
from bot.adapters.telegram.port import TelegramPort

__all__ = [
    "FloodLimiter",
    "FloodLimits",
    "RunningTelegram",
    "TelegramPort",
    "TelegramStartError",
    "build_application",
    "menu_commands",
    "telegram_running",
]

"""The Telegram adapter, on python-telegram-bot: updates in, the core's messages out.

``telegram_running`` is the entry point ``backcoach run`` uses; the rest is
exported for tests and benchmarks that assemble the pieces themselves.
"""

import os

# Opt in to python-telegram-bot's coming time-period type (timedelta) now: without
# it, every RetryAfter it builds warns that the int form is deprecated (PTB 22.2+).
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.adapters.telegram.application import (
    RunningTelegram,
    TelegramStartError,
    build_application,
    menu_commands,
    telegram_running,
)
from bot.adapters.telegram.limiter import FloodLimiter, FloodLimits, retry_after_seconds
from bot.adapters.telegram.port import TelegramPort

__all__ = [
    "FloodLimiter",
    "FloodLimits",
    "RunningTelegram",
    "TelegramPort",
    "TelegramStartError",
    "build_application",
    "menu_commands",
    "retry_after_seconds",
    "telegram_running",
]

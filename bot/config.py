"""Settings from the environment or a ``.env`` file (pydantic-settings).

Every setting is documented in the README with its default. An invalid value
stops start-up with one line naming the setting (see ``bot.cli``).
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/backcoach.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_url: str = Field(
        DEFAULT_DATABASE_URL, pattern=r"^(sqlite\+aiosqlite|postgresql\+asyncpg)://"
    )
    """``sqlite+aiosqlite:///path`` (default) or ``postgresql+asyncpg://user@host/db``."""
    content_dir: Path | None = None
    """Read content from here instead of the installed package (for content authors)."""
    log_level: str = Field("INFO", pattern=r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)$")
    sweep_interval_seconds: float = Field(1.0, gt=0, le=60)
    """How often due timers and reminders are swept."""
    data_dir: Path = Path("./data")
    """Where the console writes images (charts) it shows as file paths."""

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = Field(None, pattern=r"^https?://")
    """A self-hosted Bot API server (or a test fake), e.g. ``http://127.0.0.1:8081/bot``."""
    telegram_webhook_url: str | None = Field(None, pattern=r"^https?://")
    """Take updates by webhook at this public URL instead of long polling."""
    telegram_webhook_secret: SecretStr | None = None
    """Checked on every webhook request; a random one is made per start when unset."""
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = Field(8080, ge=1, le=65535)
    discord_bot_token: SecretStr | None = None

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _telegram_secret_chars(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's setWebhook accepts 1-256 characters A-Z, a-z, 0-9, _ and -.
        if value is not None and not _WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("use 1-256 characters A-Z, a-z, 0-9, _ or -")
        return value


def describe_error(error: ValidationError) -> str:
    """One line naming each invalid setting, never echoing its value (it may be a secret)."""
    parts = []
    for item in error.errors():
        name = str(item["loc"][0]).upper() if item["loc"] else "settings"
        parts.append(f"{name}: {item['msg']}")
    return "invalid setting " + "; ".join(parts)

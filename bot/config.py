"""Settings from the environment or a ``.env`` file (pydantic-settings).

Every setting is documented in the README with its default. An invalid value
stops start-up with one line naming the setting (see ``bot.cli``).
"""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
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
    reminder_grace_minutes: int = Field(30, ge=0, le=24 * 60)
    """A reminder missed while the bot was down is still sent this long after its time."""
    reminder_send_concurrency: int = Field(64, ge=1, le=1000)
    """Reminders in flight at once (each platform's adapter still keeps its rate)."""
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
    discord_guild_ids: str = Field("", pattern=r"^[0-9, ]*$")
    """Comma-separated server ids: sync slash commands there (instantly) instead of globally."""
    discord_api_base_url: str | None = Field(None, pattern=r"^https?://")
    """The REST base as discord.py uses it, e.g. ``http://127.0.0.1:8080/api/v10``."""
    discord_gateway_url: str | None = Field(None, pattern=r"^wss?://")
    discord_shard_count: int | None = Field(None, ge=1)
    discord_shard_ids: str = Field("", pattern=r"^[0-9, ]*$")
    """Comma-separated shards this process runs (needs ``DISCORD_SHARD_COUNT``)."""

    @property
    def discord_guild_id_list(self) -> list[int]:
        return _id_list(self.discord_guild_ids)

    @property
    def discord_shard_id_list(self) -> list[int]:
        return _id_list(self.discord_shard_ids)

    @field_validator("database_url")
    @classmethod
    def _postgres_driver_installed(cls, value: str) -> str:
        # asyncpg is an extra (the default install runs on SQLite): say so at start-up
        # rather than fail on the first query with a bare ModuleNotFoundError.
        if value.startswith("postgresql+asyncpg://") and find_spec("asyncpg") is None:
            raise ValueError("PostgreSQL needs its driver: pip install 'backcoach[postgres]'")
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _telegram_secret_chars(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's setWebhook accepts 1-256 characters A-Z, a-z, 0-9, _ and -.
        if value is not None and not _WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("use 1-256 characters A-Z, a-z, 0-9, _ or -")
        return value

    @model_validator(mode="after")
    def _shards_within_count(self) -> Settings:
        if self.discord_shard_ids and self.discord_shard_count is None:
            raise ValueError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT")
        count = self.discord_shard_count or 0
        if any(shard >= count for shard in self.discord_shard_id_list):
            raise ValueError("DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT")
        return self


def _id_list(text: str) -> list[int]:
    return [int(part) for part in text.replace(" ", "").split(",") if part]


def describe_error(error: ValidationError) -> str:
    """One line naming each invalid setting, never echoing its value (it may be a secret)."""
    parts = []
    for item in error.errors():
        name = str(item["loc"][0]).upper() if item["loc"] else "settings"
        parts.append(f"{name}: {item['msg']}")
    return "invalid setting " + "; ".join(parts)

"""Shared fixtures: a fresh database per test (SQLite, and PostgreSQL when configured),
a clock that only moves by hand, and an app wired to an in-memory console."""

from __future__ import annotations

import dataclasses
import io
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from bot.adapters.console import ConsoleChat
from bot.app import App, build_app
from bot.config import Settings
from bot.content import Content
from bot.core.clock import ManualClock
from bot.storage.database import Database

POSTGRES_URL = os.environ.get("BACKCOACH_TEST_POSTGRES_URL")
REQUIRE_POSTGRES = os.environ.get("BACKCOACH_REQUIRE_POSTGRES") == "1"


def with_signs(content: Content, **changes: object) -> Content:
    """``content`` with some of its warning-sign calibration (``signs``) changed."""
    signs = content.calibration.signs.model_copy(update=changes)
    calibration = content.calibration.model_copy(update={"signs": signs})
    return dataclasses.replace(content, calibration=calibration)


def _postgres_or_skip() -> str:
    if POSTGRES_URL:
        return POSTGRES_URL
    if REQUIRE_POSTGRES:
        pytest.fail("BACKCOACH_REQUIRE_POSTGRES=1 but BACKCOACH_TEST_POSTGRES_URL is not set")
    pytest.skip("PostgreSQL tests need BACKCOACH_TEST_POSTGRES_URL")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


async def sqlite_database(tmp_path: Path) -> Database:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'backcoach.db'}")
    await database.upgrade()
    return database


async def postgres_database() -> AsyncIterator[Database]:
    """A fresh schema on the test server, dropped afterwards."""
    url = _postgres_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    database = Database(url, connect_args={"server_settings": {"search_path": schema}})
    try:
        await database.upgrade()
        yield database
    finally:
        await database.dispose()
        async with admin.connect() as connection:
            await connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.dispose()


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await sqlite_database(tmp_path)
    yield database
    await database.dispose()


@pytest.fixture
async def postgres_db() -> AsyncIterator[Database]:
    async for database in postgres_database():
        yield database


@pytest.fixture(params=["sqlite", "postgres"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The same test on SQLite and, when configured, on PostgreSQL."""
    if request.param == "sqlite":
        database = await sqlite_database(tmp_path)
        yield database
        await database.dispose()
    else:
        async for database in postgres_database():
            yield database


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'backcoach.db'}",
        data_dir=tmp_path / "data",
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
async def app(settings: Settings, sqlite_db: Database, clock: ManualClock) -> App:
    return build_app(settings, clock=clock, database=sqlite_db)


@pytest.fixture
async def app_on_any_db(settings: Settings, any_db: Database, clock: ManualClock) -> App:
    """The app on SQLite and, when configured, on PostgreSQL."""
    return build_app(settings, clock=clock, database=any_db)


class ConsoleUser:
    """A person typing into the console adapter; reads like the conversation it drives."""

    def __init__(self, app: App, *, json_mode: bool = False, user_id: str = "local") -> None:
        self.app = app
        self.out = io.StringIO()
        self.console = ConsoleChat(
            app.conversation,
            out=self.out,
            json_mode=json_mode,
            image_dir=app.settings.data_dir / "images",
            user_id=user_id,
        )
        app.conversation.connect(self.console)

    async def says(self, line: str) -> str:
        """Type a line; return what the bot printed in reply (pushes included)."""
        start = self.out.tell()
        await self.console.submit(line)
        return self.out.getvalue()[start:]

    async def waits(self, seconds: float) -> str:
        """Let time pass and the sweeps run; return what the bot pushed meanwhile."""
        start = self.out.tell()
        clock = self.app.clock
        assert isinstance(clock, ManualClock)
        clock.advance(seconds)
        await self.app.sweeper.run_once()
        return self.out.getvalue()[start:]


@pytest.fixture
def user(app: App) -> ConsoleUser:
    return ConsoleUser(app)


@pytest.fixture
def repo_root() -> Iterator[Path]:
    yield Path(__file__).resolve().parent.parent

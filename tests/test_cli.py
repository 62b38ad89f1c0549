"""The backcoach command as scripts use it."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings


def test_ask_json_returns_the_verbatim_question_answer_and_score(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ask", "Does walking strengthen your back?", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] == "faq"
    assert result["question"] == "Does walking strengthen your back?"
    assert "muscles that support your spine" in result["answer"]
    assert 0 < result["score"] <= 1


def test_ask_json_stdin_answers_each_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "do squats work lower back\nhello\nwhat causes a weak back\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["ask", "--json", "-"]) == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["kind"] for r in results] == ["faq", "smalltalk", "faq"]
    assert results[0]["question"] == "Do squats work lower back?"
    assert results[2]["question"] == "What causes a weak back?"


def test_invalid_setting_stops_with_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/x")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:secret-token-value")
    assert main(["ask", "hello"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "DATABASE_URL" in error
    assert "secret-token-value" not in error


def test_postgres_without_its_driver_says_which_extra_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default install runs on SQLite; PostgreSQL's driver comes with an extra."""
    monkeypatch.setattr("bot.config.find_spec", lambda name: None)
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://bot:pw@db.example/backcoach")
    assert main(["ask", "hello"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "DATABASE_URL" in error and "pip install 'backcoach[postgres]'" in error
    assert "pw" not in error


def test_postgres_with_its_driver_is_a_valid_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://bot@db.example/backcoach")
    assert Settings().database_url.startswith("postgresql+asyncpg://")


def test_content_check_reports_the_faq(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check"]) == 0
    assert "18 FAQ entries" in capsys.readouterr().out


def test_db_upgrade_migrates_the_configured_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "fresh.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    assert main(["db", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("select name from sqlite_master")}
    assert {"persons", "accounts", "timers", "alembic_version"} <= tables


def test_settings_come_from_a_dot_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SWEEP_INTERVAL_SECONDS", raising=False)
    (tmp_path / ".env").write_text("SWEEP_INTERVAL_SECONDS=7.5\nLOG_LEVEL=DEBUG\n")
    settings = Settings()
    assert settings.sweep_interval_seconds == 7.5
    assert settings.log_level == "DEBUG"


def test_ask_json_answer_is_plain_text_without_markup(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Does walking strengthen your back?", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)["answer"]
    assert answer.startswith("Walking strengthens the muscles that support your spine.")
    assert "**" not in answer

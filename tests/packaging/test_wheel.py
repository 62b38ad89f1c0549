"""A normal (non-editable) install carries its content and runs outside the repo."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        timeout=300,
    )
    [built] = out.glob("backcoach-*.whl")
    return built


def test_the_wheel_ships_the_content_files(wheel: Path) -> None:
    """Every content file the bot reads, and not the training sets it never reads."""
    names = set(zipfile.ZipFile(wheel).namelist())
    content = ROOT / "content"
    shipped = {
        f"bot/_content/{path.relative_to(content).as_posix()}"
        for path in content.rglob("*")
        if path.is_file() and "training" not in path.relative_to(content).parts
    }
    assert {"bot/_content/faq.yaml", "bot/_content/messages.yaml"} <= shipped <= names
    assert not [name for name in names if name.startswith("bot/_content/training/")]
    assert "bot/storage/migrations/env.py" in names
    assert "scheduler/__init__.py" in names


@pytest.mark.slow
def test_installed_wheel_chats_from_a_directory_outside_the_repo(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Dependencies come from the test environment; the project itself only from the wheel.
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--quiet",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CONTENT_DIR"}}
    env.pop("PYTHONPATH", None)
    where = subprocess.run(
        [python, "-c", "import bot.content as c; print(c.default_content_dir())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=workdir,
        env=env,
    ).stdout.strip()
    assert where.startswith(site), where
    chat = subprocess.run(
        [target / "bin" / "backcoach", "chat"],
        input="/start\nwhat happens if my lower back is weak\n",
        capture_output=True,
        text=True,
        cwd=workdir,
        env=env,
        timeout=120,
    )
    assert chat.returncode == 0, chat.stderr
    assert "Hi, I'm backcoach" in chat.stdout
    assert "If you have weak core muscles" in chat.stdout
    assert (workdir / "data" / "backcoach.db").exists()

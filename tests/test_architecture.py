"""The core/adapter boundary: the core never imports a platform."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORM_NEUTRAL = ["bot/core", "bot/storage", "bot/content", "scheduler"]
FORBIDDEN = ("bot.adapters", "telegram", "discord", "aiohttp")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_platform_neutral_packages_import_no_adapter_or_platform_library() -> None:
    offenders = []
    for folder in PLATFORM_NEUTRAL:
        for path in (ROOT / folder).rglob("*.py"):
            for module in _imports(path):
                if module.split(".")[0] in FORBIDDEN or module.startswith(FORBIDDEN):
                    offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from bot.adapters.console import ConsoleChat\nimport telegram.ext\n")
    assert {"bot.adapters.console", "telegram.ext"} <= _imports(sample)

"""The core/adapter boundary: the core never imports a platform."""

from __future__ import annotations

import ast
import subprocess
import sys
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


def _our_modules() -> list[str]:
    modules = []
    for package in ("bot", "scheduler"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or parts[-1] == "__main__":
                continue  # alembic loads migrations by path; __main__ runs the CLI
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


IMPORT_EACH_ALONE = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m.split(".")[0] in ("bot", "scheduler")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:
        failed.append(f"{name}: {type(error).__name__}: {error}")
print("\\n".join(failed))
"""


def test_every_module_imports_on_its_own_in_a_fresh_interpreter() -> None:
    """An import cycle hides behind import order; importing each module first exposes it."""
    modules = _our_modules()
    assert "bot.storage.people" in modules
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH_ALONE, *modules],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.strip() == ""

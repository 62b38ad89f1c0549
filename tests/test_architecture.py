"""The layers hold: adapters -> core -> storage, each module importing only downward.

* **Leaf modules** (events and value types: what crosses the ports) import only each other.
* **Storage** and **content** import nothing else of ours: not the core.
* **The core** imports storage and content, never an adapter, the scheduler or the app.
* **The scheduler** drives the core on time, as adapters drive it on events.
* **An adapter** imports only itself, the settings, and the core's public surface: the
  leaf modules (the two ports among them) and the failure and text-cleaning helpers.
  No adapter reaches into the conversation, the router, storage or the whole app.
* **Package ``__init__``s are thin**: they only re-export their own modules, and the
  top-level packages import nothing, so importing any module does not drag in others.

``bot.app`` (the composition root) and ``bot.cli`` may import anything. Every module is
also imported on its own in a fresh interpreter, which exposes an import cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORM_NEUTRAL = ["bot/core", "bot/storage", "bot/content", "scheduler"]
FORBIDDEN = ("bot.adapters", "telegram", "discord", "aiohttp")
OURS = ("bot", "scheduler")

LEAVES = frozenset(
    {
        "bot.core.events",
        "bot.core.markup",
        "bot.core.messages",
        "bot.core.commands",
        "bot.core.actions",
        "bot.core.ports",
        "bot.core.clock",
    }
)
"""What crosses the ports: events, messages and their markup, commands, action ids, the
ports themselves, the clock. They import nothing of ours but each other."""
ADAPTERS_SEE = LEAVES | {"bot.core.incidents", "bot.core.typed"}
"""The core as an adapter sees it: the leaves, plus reporting a failure with an incident
id and the one cleaning of what people type."""
TOP_LEVEL = frozenset({"bot", "bot.core", "bot.adapters", "bot.storage", "scheduler"})
RE_EXPORTS_FROM_ELSEWHERE = {"bot.storage.models": {"bot.storage.base"}}
"""``Base`` comes with the models, so one import brings every table into its metadata."""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # ``from bot.core import basics`` imports the module bot.core.basics
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _our_imports(path: Path) -> set[str]:
    """The modules of ours ``path`` imports (``from pkg import name`` counts as ``pkg.name``
    when that is a module, else as ``pkg``)."""
    modules = set(_our_modules())
    ours = set()
    for name in _imports(path):
        if name.split(".")[0] not in OURS:
            continue
        if name in modules or name.rpartition(".")[0] not in modules:
            ours.add(name)
    return ours


def _module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _under(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def allowed(importer: str, imported: str) -> bool:
    """Whether module ``importer`` may import module ``imported`` of ours."""
    if importer in LEAVES:
        return imported in LEAVES
    if _under(importer, "bot.storage"):
        return _under(imported, "bot.storage")
    if _under(importer, "bot.content"):
        return _under(imported, "bot.content")
    if _under(importer, "bot.core"):
        return _under(imported, "bot.core", "bot.storage", "bot.content")
    if _under(importer, "scheduler"):
        return _under(imported, "scheduler", "bot.core", "bot.storage", "bot.content")
    if _under(importer, "bot.adapters"):
        adapter = ".".join(importer.split(".")[:3])
        return _under(imported, adapter, "bot.config") or imported in ADAPTERS_SEE
    return True  # bot.app, bot.cli and the like compose everything


def _our_modules() -> list[str]:
    modules = []
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or parts[-1] == "__main__":
                continue  # alembic loads migrations by path; __main__ runs the CLI
            modules.append(_module_of(path))
    return modules


def _our_files() -> list[Path]:
    return [
        path
        for package in OURS
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts and path.name != "__main__.py"
    ]


def test_platform_neutral_packages_import_no_adapter_or_platform_library() -> None:
    offenders = []
    for folder in PLATFORM_NEUTRAL:
        for path in (ROOT / folder).rglob("*.py"):
            for module in _imports(path):
                if module.split(".")[0] in FORBIDDEN or module.startswith(FORBIDDEN):
                    offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_each_layer_imports_only_the_layers_below_it() -> None:
    offenders = [
        f"{_module_of(path)} imports {imported}"
        for path in _our_files()
        for imported in sorted(_our_imports(path))
        if not allowed(_module_of(path), imported)
    ]
    assert offenders == []


def test_package_inits_are_thin() -> None:
    offenders = []
    for path in _our_files():
        if path.name != "__init__.py":
            continue
        package = _module_of(path)
        for imported in sorted(_our_imports(path)):
            own = _under(imported, package) and imported != package
            exception = imported in RE_EXPORTS_FROM_ELSEWHERE.get(package, set())
            if package in TOP_LEVEL or not (own or exception):
                offenders.append(f"{package} imports {imported}")
    assert offenders == []


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from bot.adapters.console import ConsoleChat\nimport telegram.ext\n")
    assert {"bot.adapters.console", "telegram.ext"} <= _imports(sample)
    assert not allowed("bot.storage.people", "bot.core.events")
    assert not allowed("bot.core.events", "bot.core.turn")
    assert not allowed("bot.adapters.telegram.port", "bot.core.conversation")
    assert not allowed("bot.adapters.telegram.port", "bot.adapters.discord.chat")
    assert allowed("bot.adapters.telegram.port", "bot.core.ports")
    assert allowed("scheduler.reminders", "bot.core.reminders.sending")


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

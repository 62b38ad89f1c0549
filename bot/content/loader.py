"""Finds, parses and validates the content files at start-up.

A mistake in a content file must stop the bot with one line that names the
file and the field, never surface later as a wrong answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.content.faq import FaqBook
from bot.content.reminders import ReminderTexts
from bot.content.texts import Messages, Safety

M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """A content file is missing, unreadable or invalid."""


@dataclass(frozen=True, slots=True)
class Content:
    faq: FaqBook
    messages: Messages
    safety: Safety
    reminders: ReminderTexts


def default_content_dir() -> Path:
    """The content shipped with the installed package, or the repo's ``content/``.

    A wheel carries the files as ``bot/_content`` (see pyproject.toml); an
    editable install or a source checkout reads ``content/`` beside ``bot/``.
    """
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "_content"
    if installed.is_dir():
        return installed
    return package_dir.parent / "content"


def load_content(root: Path | None = None) -> Content:
    root = root or default_content_dir()
    if not root.is_dir():
        raise ContentError(f"content directory not found: {root}")
    return Content(
        faq=_load(root / "faq.yaml", FaqBook),
        messages=_load(root / "messages.yaml", Messages),
        safety=_load(root / "safety.yaml", Safety),
        reminders=_load(root / "reminders.yaml", ReminderTexts),
    )


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise ContentError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from None


def _load(path: Path, model: type[M]) -> M:
    return validate(path, read_yaml(path), model)


def validate(path: Path, data: Any, model: type[M]) -> M:
    """Validate parsed data, turning pydantic's report into file + field lines."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{_field_path(data, err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ContentError(f"{path}: {problems}") from None


def _field_path(data: Any, loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location, naming list items by their id when they have one."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            item = node[key]
            ident = item.get("id") if isinstance(item, dict) else None
            parts.append(f"[{ident}]" if ident else f"[{key}]")
            node = item
        else:
            parts.append(f".{key}" if parts else str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"

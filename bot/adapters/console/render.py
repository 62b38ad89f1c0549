"""Our neutral messages as terminal text or JSON lines.

Everything printed goes through :func:`~bot.core.typed.without_controls`, so
no text (a name, an echo, anything stored from another platform) can move the
cursor, recolour the terminal or reorder the line it is on. Buttons are
numbered in reading order; a person types the number or the label. A file a
message carries (an export) is printed after its text: this is a terminal.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.messages import OutboundMessage
from bot.core.typed import without_controls


def to_text(message: OutboundMessage, image_path: Path | None) -> str:
    """The message, its image's path and its numbered buttons, then a blank line."""
    lines = [_with_attachment(message)]
    if image_path:
        lines.append(f"[image: {image_path}]")
    number = 0
    for row in message.buttons:
        labels = []
        for button in row:
            number += 1
            labels.append(f"[{number}] {without_controls(button.label)}")
        lines.append("  " + "   ".join(labels))
    return "\n".join(lines) + "\n\n"


def to_json(message: OutboundMessage, image_path: Path | None) -> str:
    """One JSON object on one line: ``text``, ``buttons`` (``label``, ``action``), ``image``."""
    record = {
        "text": _with_attachment(message),
        "buttons": [
            [{"label": without_controls(b.label), "action": b.action} for b in row]
            for row in message.buttons
        ],
        "image": str(image_path) if image_path else None,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def _with_attachment(message: OutboundMessage) -> str:
    """The message's text, and the file it carries after it, without control characters."""
    text = message.plain_text
    if message.attachment is not None:
        text += "\n" + message.attachment.data.decode("utf-8", "replace")
    return without_controls(text)

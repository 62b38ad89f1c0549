"""Reviewed content (FAQ, messages, safety text), validated when loaded.

Code refers to content by id or key; the text itself lives in ``content/``.
"""

from bot.content.faq import FaqBook, FaqEntry
from bot.content.loader import Content, ContentError, default_content_dir, load_content
from bot.content.texts import Messages, Safety

__all__ = [
    "Content",
    "ContentError",
    "FaqBook",
    "FaqEntry",
    "Messages",
    "Safety",
    "default_content_dir",
    "load_content",
]

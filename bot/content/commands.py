"""What the command menus say, by the path a person takes: ``walk``, ``walk log``,
``walk log minutes``; ``text`` is the free-text option of a command that takes words."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, RootModel

MENU_TEXT_LIMIT = 100
"""Discord's limit for a command's, a subcommand's and an option's description."""

Description = Annotated[str, Field(min_length=1, max_length=MENU_TEXT_LIMIT)]


class CommandTexts(RootModel[dict[str, Description]]):
    """Descriptions by path; the router names the one it misses when the bot starts."""

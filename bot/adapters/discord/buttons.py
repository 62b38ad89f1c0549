"""Buttons whose ``custom_id`` carries our action id, so they work after any restart.

Discord sends a pressed button's ``custom_id`` back; discord.py matches it against
:class:`CoreButton`'s template (a "dynamic item", registered once per client) and
rebuilds the item from the id alone. Nothing is kept per sent message, so old
buttons keep working and memory does not grow with every message sent.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any
from weakref import WeakKeyDictionary

import discord

CUSTOM_ID_PREFIX = "bc:"
CUSTOM_ID_LIMIT = 100
LABEL_LIMIT = 80

PressHandler = Callable[[discord.Interaction[Any], str], Awaitable[None]]
"""Called with the interaction and our action id (``faq:weak-back-effects``)."""

_handlers: WeakKeyDictionary[discord.Client, PressHandler] = WeakKeyDictionary()


def custom_id(action: str) -> str:
    value = CUSTOM_ID_PREFIX + action
    if len(value) > CUSTOM_ID_LIMIT:
        raise ValueError(f"action id too long for a Discord custom_id: {action!r}")
    return value


def fit_label(label: str) -> str:
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


class CoreButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.compile(re.escape(CUSTOM_ID_PREFIX) + r"(?P<action>.+)", re.DOTALL),
):
    def __init__(self, action: str, label: str, *, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=fit_label(label),
                custom_id=custom_id(action),
                style=discord.ButtonStyle.secondary,
                row=row,
            )
        )
        self.action = action

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> CoreButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match["action"], label or "")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        handler = _handlers.get(interaction.client)
        if handler is not None:
            await handler(interaction, self.action)


def route_presses(client: discord.Client, handler: PressHandler) -> None:
    """Send every press of one of our buttons on ``client`` to ``handler``."""
    _handlers[client] = handler
    client.add_dynamic_items(CoreButton)

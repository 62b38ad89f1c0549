"""Button actions: each kind of button declared once, and the one way its ids are written.

A button carries an action id, ``prefix:part:part`` (``walk:done:29466840``), which
the platform hands back when it is pressed. Each prefix is an :class:`Action`
declared at module level beside the code that builds its buttons; the router
registers that same object with the handler that answers it
(:mod:`bot.core.routes`), and ``tests/core/test_routes.py`` checks that every
declared action is registered. So an id is only ever written by the object its
handler was registered with: a misspelt prefix is a name error, not a button that
silently does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Action:
    """One kind of button, by the prefix of its ids."""

    prefix: str

    def __post_init__(self) -> None:
        if not self.prefix or ":" in self.prefix:
            raise ValueError(f"bad action prefix {self.prefix!r}")

    def id(self, *parts: str | int) -> str:
        """``Action("walk").id("min", 7, 20)`` is ``walk:min:7:20``."""
        return ":".join([self.prefix, *map(str, parts)])

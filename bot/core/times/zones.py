"""Turning "berlin", "new york" or "Asia/Kathmandu" into an IANA time zone.

The zone list is ``zoneinfo.available_timezones()``, which the ``tzdata``
package keeps complete on every platform. Input is matched without regard to
case, spaces or underscores, first against full names, then against the city
part of canonical region zones (``Europe/Berlin`` → ``berlin``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import available_timezones

_REGIONS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)
_ALIASES = {"utc": "UTC", "gmt": "UTC", "z": "UTC"}


@dataclass(frozen=True, slots=True)
class ZoneLookup:
    zone: str | None
    suggestions: tuple[str, ...] = ()


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, str]]:
    names = {_key(name): name for name in available_timezones() if "/" in name or name == "UTC"}
    cities: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(_REGIONS):
            cities.setdefault(_key(name.rsplit("/", 1)[1]), name)
    return names, cities


def resolve_zone(typed: str) -> ZoneLookup:
    """The zone meant by ``typed``, or up to three suggestions when it is unknown."""
    key = _key(typed)
    if not key:
        return ZoneLookup(None)
    if key in _ALIASES:
        return ZoneLookup(_ALIASES[key])
    names, cities = _index()
    slash_key = key.replace(" / ", "/")
    found = names.get(slash_key) or cities.get(key)
    if found is not None:
        return ZoneLookup(found)
    close = difflib.get_close_matches(key, list(cities), n=3, cutoff=0.6)
    if len(close) < 3:
        close += difflib.get_close_matches(slash_key, list(names), n=3 - len(close), cutoff=0.6)
    suggestions = tuple(dict.fromkeys(cities.get(c) or names[c] for c in close))
    return ZoneLookup(None, suggestions)

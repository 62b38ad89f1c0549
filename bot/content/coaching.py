"""What the coach says while guiding a session, one key per message.

Templates use ``{name}`` placeholders; each key lists the placeholders it may
use, so a typo in a content file stops start-up instead of a session.
"""

from __future__ import annotations

import re
from string import Formatter

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.content.sources import Sourced

PLACEHOLDERS: dict[str, frozenset[str]] = {
    "starting": frozenset({"name"}),
    "routine_intro": frozenset({"name", "count"}),
    "equipment": frozenset({"equipment"}),
    "progress_exercise": frozenset({"number", "count", "name"}),
    "progress_step": frozenset({"step", "steps"}),
    "progress_set": frozenset({"set", "sets"}),
    "hold_started": frozenset({"duration"}),
    "hold_first_rep": frozenset({"duration"}),
    "reps_prompt": frozenset({"reps"}),
    "reps_after_hold": frozenset({"reps"}),
    "finished": frozenset({"name"}),
    "rest_tomorrow": frozenset({"groups"}),
    "yesterday_notice": frozenset({"groups"}),
    "replaced_notice": frozenset({"name"}),
    "unknown_exercise": frozenset({"query"}),
    "unknown_routine": frozenset({"query"}),
    "avoid_intro": frozenset({"name"}),
    "avoid_instead": frozenset({"instead"}),
    "start_label": frozenset({"name"}),
    "duration_minutes": frozenset({"minutes"}),
    "duration_seconds": frozenset({"seconds"}),
}
_PLURAL = re.compile(r"\{(\w+)\?[^|{}]*\|[^{}]*\}")
"""``{minutes?minute|minutes}``: the word for one, or for more (``bot.core.markup.fill``)."""


class ButtonLabels(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    next: str = Field(min_length=1, max_length=20)
    done: str = Field(min_length=1, max_length=20)
    repeat: str = Field(min_length=1, max_length=20)
    back: str = Field(min_length=1, max_length=20)
    stop: str = Field(min_length=1, max_length=20)
    hurts: str = Field(min_length=1, max_length=20)


class Coaching(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    buttons: ButtonLabels
    menu_intro: str = Field(min_length=1)
    routine_menu_intro: str = Field(min_length=1)
    starting: str = Field(min_length=1)
    routine_intro: str = Field(min_length=1)
    equipment: str = Field(min_length=1)
    cautions_title: str = Field(min_length=1)
    """Heads the cautions, which are backcoach's advice, and says so."""
    progress_exercise: str = Field(min_length=1)
    progress_step: str = Field(min_length=1)
    progress_set: str = Field(min_length=1)
    footnote_cut_short: str = Field(min_length=1)
    """Under the first step of an exercise whose description the article cuts short."""
    footnote_name_only: str = Field(min_length=1)
    """Under the first step of an exercise the article only names."""
    hold_started: str = Field(min_length=1)
    hold_first_rep: str = Field(min_length=1)
    hold_done: str = Field(min_length=1)
    reps_prompt: str = Field(min_length=1)
    reps_after_hold: str = Field(min_length=1)
    finished: str = Field(min_length=1)
    rest_advice: Sourced
    rest_tomorrow: str = Field(min_length=1)
    suggest_intro: Sourced
    yesterday_notice: Sourced
    stopped: str = Field(min_length=1)
    hurt_stop: tuple[Sourced, ...] = Field(min_length=1)
    """Said when a session stops for pain, one line each, before the warning signs."""
    red_flag_stop: str = Field(min_length=1)
    session_ended: str = Field(min_length=1)
    not_your_session: str = Field(min_length=1)
    earlier_step: str = Field(min_length=1)
    replaced_notice: str = Field(min_length=1)
    unknown_exercise: str = Field(min_length=1)
    unknown_routine: str = Field(min_length=1)
    did_you_mean: str = Field(min_length=1)
    avoid_intro: Sourced
    avoid_instead: str = Field(min_length=1)
    start_label: str = Field(min_length=1)
    duration_minutes: str = Field(min_length=1)
    """How long a hold is in whole minutes: ``{minutes}``, with its plural."""
    duration_seconds: str = Field(min_length=1)
    """How long a hold is in seconds: ``{seconds}``, with its plural."""
    rest_day_suggestions: tuple[str, ...] = Field(min_length=1)
    """Exercise ids offered after a session, gentlest first; ones just done are skipped."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> Coaching:
        for key in type(self).model_fields:
            for text in _texts(getattr(self, key)):
                plain = _PLURAL.sub(r"{\1}", text)
                used = {field for _, field, _, _ in Formatter().parse(plain) if field is not None}
                unknown = used - PLACEHOLDERS.get(key, frozenset())
                if unknown:
                    names = ", ".join("{" + name + "}" for name in sorted(unknown))
                    raise ValueError(f"{key}: unknown placeholder {names}")
        return self


def _texts(value: object) -> list[str]:
    """The template strings in a field: a string, a sourced text, or a tuple of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sourced):
        return [value.text]
    if isinstance(value, tuple):
        return [text for item in value for text in _texts(item)]
    return []

"""The wording of walking reminders and the commands around them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bot.content.sources import Sourced


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReminderCard(_Strict):
    """The reminder message: title, one "why" per day, the article's suggestion, the credit."""

    title: str = Field(min_length=1)
    suggestion: Sourced
    why: tuple[Sourced, ...] = Field(min_length=1)
    credit: str = Field(min_length=1)
    """Names the article the reminder quotes; the card renders without the rest of content."""
    done_button: str = Field(min_length=1)
    snooze_button: str = Field(min_length=1)
    skip_button: str = Field(min_length=1)


class TimeProblems(_Strict):
    hour_24: str
    out_of_range: str
    bare_hour: str
    unreadable: str
    duplicate: str
    too_many: str
    missing: str


class ReminderTexts(_Strict):
    reminder: ReminderCard
    snooze_minutes: int = Field(ge=1, le=240)
    default_walk_minutes: int = Field(ge=1, le=600)
    walk_minute_choices: tuple[int, ...] = Field(min_length=1)
    walk_minute_button: str = Field(min_length=1, pattern=r"\{minutes\}")
    """The label of each choice under a logged walk: ``{minutes}``."""

    status_on: str
    status_quiet: str
    status_off: str
    status_blocked: str
    turn_on_button: str
    turn_off_button: str
    confirm_on: str
    confirm_zone_hint: str
    confirm_private: str
    remind_private_only: str
    confirm_off: str
    already_off: str
    slot_in_quiet: str
    quiet_set: str
    quiet_hides: str
    quiet_cleared: str
    quiet_usage: str
    quiet_all: str
    remind_usage: str
    time_problems: TimeProblems

    zone_current: str
    zone_set: str
    zone_moved: str
    zone_unknown: str
    zone_suggest: str

    snoozed: str
    skipped: str
    skipped_none: str
    reminder_expired: str
    walk_gone: str
    walk_logged: str
    walk_already: str
    walk_changed: str
    walk_usage: str
    walk_undone: str
    walk_none: str
    streak_one: str
    streak_many: str

    stats_title: str
    stats_week: str
    stats_streak: str
    stats_empty: str
    stats_chart: str
    stats_usage: str

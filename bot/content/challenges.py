"""The wording of walking challenges (content/challenges.yaml)."""

from __future__ import annotations

from datetime import time

from pydantic import BaseModel, ConfigDict, Field

from bot.content.sources import Sourced


class ChallengeTexts(BaseModel):
    """Templates take ``{fields}``; field values are always shown as plain text, so a
    challenge or member name can never turn into markup or a mention."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    default_days: int = Field(ge=1, le=90)
    default_goal_minutes: int = Field(ge=1, le=600)
    default_post_time: time
    goal_why: Sourced
    """Shown in the announcement whatever the goal, so it must hold for any goal."""
    needs_group: str
    needs_manager: str
    create_usage: str
    bad_start: str
    bad_post_time: str
    bad_zone: str
    bad_number: str
    cannot_post: str
    cannot_grant_role: str
    reward_reason: str
    """Why the role was given, as the server's audit log shows it."""
    created: str
    announcement: str
    join_button: str
    board_button: str
    joined: str
    already_joined: str
    left: str
    not_member: str
    none_running: str
    pick_one: str
    unknown_challenge: str
    board_title: str
    board_row: str
    board_empty: str
    board_chart: str
    daily_post: str
    daily_leader: str
    nudges: tuple[Sourced, ...] = Field(min_length=1)
    summary: str
    summary_winners: str
    summary_no_winner: str
    reward_given: str
    reward_failed: str
    reward_failed_creator: str
    cannot_post_creator: str
    channel_gone_creator: str
    ended_by: str
    usage: str

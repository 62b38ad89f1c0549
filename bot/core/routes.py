"""Everything the bot understands, registered in one place."""

from __future__ import annotations

from collections.abc import Mapping

from bot.core import answers, basics, challenges, person_settings, privacy
from bot.core.exercises import EXERCISE
from bot.core.exercises import handlers as exercises
from bot.core.exercises.session import HOLD_TIMER
from bot.core.reminders import card
from bot.core.reminders import commands as reminders
from bot.core.router import Router
from bot.core.walks import commands as walks


def build_router(menu_texts: Mapping[str, str]) -> Router:
    """The router; ``menu_texts`` (``content/commands.yaml``) describe every command."""
    router = Router(
        menu_texts, unknown_command=basics.unknown_command, stale_button=basics.stale_button
    )

    router.command("start", basics.start)
    router.command("help", basics.help_)
    router.command("faq", basics.faq_menu)
    router.command("privacy", privacy.privacy)
    router.command("export", privacy.export)
    router.command("forget", privacy.forget)
    router.command("exercise", exercises.exercise_command)
    router.command("routine", exercises.routine_command)
    router.command("remind", reminders.remind)
    router.command("timezone", person_settings.timezone)
    router.command("walk", walks.walk, subcommands=walks.WALK_SUBCOMMANDS)
    router.command("stats", walks.stats)
    router.command(
        "challenge",
        challenges.challenge,
        subcommands=challenges.CHALLENGE_SUBCOMMANDS,
        group_rights=True,
        group_only=True,
    )

    router.action(answers.FAQ_TOPIC, basics.faq_button)
    router.action(basics.CHOICE, basics.choice_button)
    router.action(privacy.FORGET, privacy.forget_answer)
    router.action(EXERCISE, exercises.exercise_action)
    router.action(card.REMIND, reminders.remind_button)
    router.action(walks.WALK, walks.walk_button)
    router.action(challenges.CHALLENGE, challenges.challenge_button, group_rights=True)

    router.timer(HOLD_TIMER, exercises.hold_timer)
    router.timer(reminders.SNOOZE_TIMER, reminders.snoozed_reminder)
    router.timer(privacy.FORGET_TIMER, privacy.confirmation_expired)

    # Free text: the first handler that answers wins; the FAQ comes last.
    # A running exercise session sees text first, so "it hurts" stops it at once.
    router.text(
        exercises.during_session,
        wants=exercises.could_stop_session,
        acts_on=exercises.sessions_running,
    )
    router.answer_text(basics.free_text)
    return router

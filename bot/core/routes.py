"""Everything the bot understands, registered in one place."""

from __future__ import annotations

from bot.core import answers, basics, challenges, person_settings, privacy
from bot.core.exercises import EXERCISE, HOLD_TIMER
from bot.core.exercises import handlers as exercises
from bot.core.reminders import card
from bot.core.reminders import commands as reminders
from bot.core.router import Router
from bot.core.walks import commands as walks


def build_router() -> Router:
    router = Router(unknown_command=basics.unknown_command, stale_button=basics.stale_button)

    router.command("start", "Welcome and what I can do", basics.start)
    router.command("help", "Everything I can do", basics.help_)
    router.command("faq", "Questions I can answer", basics.faq_menu)
    router.command("privacy", "What I store about you", privacy.privacy)
    router.command("export", "A copy of your data", privacy.export)
    router.command("forget", "Delete everything I store about you", privacy.forget)
    router.command("exercise", "Do an exercise, one step at a time", exercises.exercise_command)
    router.command("routine", "Do a routine of exercises", exercises.routine_command)
    router.command("remind", "Walking reminders twice a day", reminders.remind)
    router.command("timezone", "Set your time zone", person_settings.timezone)
    router.command("walk", "Log a walk", walks.walk, subcommands=walks.WALK_SUBCOMMANDS)
    router.command("stats", "Your walks, streak and chart", walks.stats)
    router.command(
        "challenge",
        "Walking challenges in this server",
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
    router.text(exercises.during_session, wants=exercises.could_stop_session)
    router.answer_text(basics.free_text)
    return router

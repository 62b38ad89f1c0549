"""Walking challenges in a group: a shared daily goal, a board, a daily post, a summary.

The logic is the core's, so any platform with groups can run challenges; the
platform adds only what it can do (Discord: buttons, embeds, roles).
"""

from bot.core.challenges.commands import CHALLENGE_SUBCOMMANDS, challenge, challenge_button
from bot.core.challenges.posts import CHALLENGE

__all__ = ["CHALLENGE", "CHALLENGE_SUBCOMMANDS", "challenge", "challenge_button"]

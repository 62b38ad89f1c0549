"""Finding the FAQ entry a message asks about, or knowing there is none."""

from bot.core.faq.matcher import FaqMatcher, Match
from bot.core.faq.normalise import normalise, words

__all__ = ["FaqMatcher", "Match", "normalise", "words"]

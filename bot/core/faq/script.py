"""Whether a message is written mostly in letters the bot cannot read.

The model and the words reader read English: text normalised for them keeps only Latin
letters, so "Я вся горю, температура и спина болит. what exercise for back?" reads as
"what exercise for back" and would be answered with an exercise, while it tells of a
fever. A message whose letters are largely in another script is not answered from the
part that could be read: the person is told so, and shown the warning signs.
"""

from __future__ import annotations

import unicodedata

UNREAD_SHARE = 0.3
"""The share of a message's letters outside the Latin script from which it is unread.
Below it, a name or a word in another script ("my doctor wrote 腰痛") leaves it readable."""
MIN_UNREAD_LETTERS = 4


def mostly_unread(text: str) -> bool:
    """Whether at least :data:`UNREAD_SHARE` of the letters (and a few) are not Latin."""
    # NFKC first: "𝓼𝓺𝓾𝓪𝓽𝓼" and fullwidth "ｓｑｕａｔｓ" are Latin letters in a fancy font
    letters = [ch for ch in unicodedata.normalize("NFKC", text) if ch.isalpha()]
    foreign = sum(not latin(ch) for ch in letters)
    return foreign >= MIN_UNREAD_LETTERS and foreign >= UNREAD_SHARE * len(letters)


def latin(letter: str) -> bool:
    """Whether ``letter`` is of the Latin script (an accented one too)."""
    return unicodedata.name(letter, "").startswith("LATIN")

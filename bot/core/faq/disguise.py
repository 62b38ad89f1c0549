"""Letters in disguise, read as the letters they show.

Both readers read Latin letters: normalised text keeps only ``a``-``z``, and the model's
vocabulary is English. A Cyrillic ``а`` in "I cаn't cоntrol my bladder" looks like
the Latin one but is another character, so the warning sign's words were never seen and
the message got "not sure". Digits standing for letters ("my bl4dd3r") hide words the
same way. Whoever types them, a phone keyboard set to two scripts or someone testing the
bot, what the message shows is what it says, so both are read as the letters they show
before anything else reads the message.

Look-alike letters come from Unicode's confusables (``confusable_homoglyphs``, the data of
Unicode Technical Standard #39). They are folded only where the message then reads as
Latin: a message really written in Russian or Greek keeps its letters, and is told the
bot cannot read it (:mod:`bot.core.faq.script`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bot.core.faq.script import latin, mostly_unread

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"})
_LEET_WORD = re.compile(r"\b[a-z]+(?:[013457@]+[a-z]+)+\b", re.IGNORECASE)
"""A word with digits between its letters ("p41n", "c4n't"): never a spine level
("l4l5"), a dose ("b12"), a count ("5x5") or a time ("10am"), whose digits end or start it."""


def undisguised(text: str) -> str:
    """``text`` with look-alike letters of other scripts and digits between letters read as
    the Latin letters they show; unchanged when it has neither."""
    if not text.isascii():
        text = _folded_if_latin(text)
    return _LEET_WORD.sub(lambda word: word[0].translate(_LEET), text)


def _folded_if_latin(text: str) -> str:
    shown = unicodedata.normalize("NFKC", text)
    folded = "".join(_look_alike(ch) for ch in shown)
    if folded == shown or mostly_unread(folded):
        return text
    return folded


@cache
def _look_alike(char: str) -> str:
    """The ASCII letter ``char`` is drawn like, of its case where Unicode offers one;
    ``char`` itself if it is Latin, not a letter, or like no ASCII letter."""
    if not char.isalpha() or latin(char):
        return char
    from confusable_homoglyphs.confusables import confusables_data  # 40 ms, on first use

    letters = [
        glyph["c"]
        for glyph in confusables_data.get(char, ())
        if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalpha()
    ]
    if char.isupper():
        # Unicode draws capital I, and every letter like it, as "l"
        letters = ["I" if letter == "l" else letter for letter in letters]
    same_case = [letter for letter in letters if letter.isupper() == char.isupper()]
    return next(iter(same_case or letters), char)

"""Letters in disguise, read as the letters they show.

Both readers read Latin letters: normalised text keeps only ``a``-``z``, and the model's
vocabulary is English. A Cyrillic ``а`` in "I cаn't cоntrol my bladder" looks like
the Latin one but is another character, so the warning sign's words were never seen and
the message got "not sure". Digits standing for letters ("my bl4dd3r") hide words the
same way, as do letters stretched ("blaaaadder"), spaced or dotted ("b l a d d e r"), an
emoji inside a word ("bl🔥adder") and a masked vowel ("k*ll myself", as people write to
get past filters). Whoever types them, a phone keyboard set to two scripts or someone
testing the bot, what the message shows is what it says, so they are read as the letters
they show before anything else reads the message.

Look-alike letters come from Unicode's confusables (``confusable_homoglyphs``, the data of
Unicode Technical Standard #39), folded word by word: a word that mixes scripts, or whose
every letter looks Latin. A Russian word keeps its letters, and a message really written
in another script is told the bot cannot read it (:mod:`bot.core.faq.script`). Digits
and masked vowels are read only where they make a word of the model's vocabulary, so
names and codes ("U3A", "HbA1c", "5*3") stay as typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bot.core.faq.script import latin, mostly_unread
from bot.core.semantic.encoder import read_vocabulary

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"})
_LEET_WORD = re.compile(r"\b[a-z]+(?:[013457@]+[a-z]+)+\b", re.IGNORECASE)
"""A word with digits between its letters ("p41n", "c4n't"): never a spine level
("l4l5"), a dose ("b12"), a count ("5x5") or a time ("10am"), whose digits end or start it."""
_STRETCHED = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)
"""Three or more of a letter ("soooo numb"): no English word has them; two are kept
("feeeel" is "feel"), and the words reader's spelling check mends the rest."""
_SPELT_OUT = re.compile(r"\b[a-z]([ .\-_*])[a-z]\b(?:\1[a-z]\b){2,}", re.IGNORECASE)
"""Four or more single letters in a row, each after the same space, dot or dash
("b l a d d e r", "c-a-n-t"); three are often chat ("u r a")."""
_INSIDE_WORD = re.compile(
    r"(?<=[a-z])[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+(?=[a-z])", re.IGNORECASE
)
"""Emoji and pictographs between two letters of a word."""
_MASKED = re.compile(r"\b[a-z]+(?:\*+[a-z]*)+\b", re.IGNORECASE)
_VOWELS = "aeiouy"


def undisguised(text: str) -> str:
    """``text`` with every disguise above read as the letters it shows; most messages have
    none and come back unchanged."""
    if not text.isascii():
        text = _INSIDE_WORD.sub("", _folded_if_latin(text))
    text = _LEET_WORD.sub(lambda word: _known(word[0].translate(_LEET), word[0]), text)
    if "*" in text:
        text = _MASKED.sub(lambda word: _unmasked(word[0]), text)
    text = _SPELT_OUT.sub(lambda letters: letters[0].replace(letters[1], ""), text)
    return _STRETCHED.sub(r"\1\1", text)


def _unmasked(word: str) -> str:
    """``word`` with each ``*`` read as the vowel that makes the commonest English word
    (the model's vocabulary lists words roughly by frequency): "k*ll" is "kill", "s*icide"
    "suicide". Unchanged if no vowel makes a word."""
    stars = word.count("*")
    if stars > 2 or word.strip("*") != word:
        return word
    words = _vocabulary()
    candidates = [word]
    for _ in range(stars):
        candidates = [c.replace("*", v, 1) for c in candidates for v in _VOWELS]
    known = [c for c in candidates if c.lower() in words]
    return min(known, key=lambda c: words[c.lower()]) if known else word


@cache
def _vocabulary() -> dict[str, int]:
    """The model's whole words and their place in its vocabulary (read once, on first use)."""
    return {token: index for index, token in enumerate(read_vocabulary()) if token.isalpha()}


def _known(word: str, otherwise: str) -> str:
    """``word`` if each of its parts is a word of the model's vocabulary ("can't" is
    "can" and "t"), else ``otherwise``: "U3A" and "HbA1c" are names, not "uea"."""
    words = _vocabulary()
    return (
        word
        if all(part.lower() in words for part in re.findall(r"[a-z]+", word, re.I))
        else otherwise
    )


def _folded_if_latin(text: str) -> str:
    shown = unicodedata.normalize("NFKC", text)
    folded = re.sub(r"\w+", lambda word: _folded_word(word[0]), shown)
    if folded == shown or mostly_unread(folded):
        return text
    return folded


def _folded_word(word: str) -> str:
    """``word`` in Latin letters where it is Latin in disguise: it mixes Latin letters with
    others ("cоntrol"), or every letter has a Latin look-alike ("рее"). A Russian word
    ("много") has letters like none and stays as written."""
    folded = "".join(_look_alike(ch) for ch in word)
    mixed = any(ch.isalpha() and latin(ch) for ch in word)
    alike = all(not ch.isalpha() or latin(f) for ch, f in zip(word, folded, strict=True))
    return folded if mixed or alike else word


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

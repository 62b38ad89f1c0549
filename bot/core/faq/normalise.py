"""Turns what people type into plain, comparable words.

Shared by the FAQ matcher and the red-flag check, so both read a message the
same way: one case, no emoji or accents, contractions and chat slang spelled
out ("dont" -> "do not", "ur" -> "your"), and clause punctuation kept as its
own token (the red-flag check needs it to scope negations).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CLAUSE_MARK = ","
"""Every sentence or clause break (. , ; : ! ? and dashes) becomes this one token."""

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_DASHES = re.compile(r"\s[-–—]+\s|[–—]")
_CLAUSE = re.compile(r"[.,;:!?¿¡…]+|\s-+\s")
_NOT_WORD = re.compile(r"[^a-z0-9,' ]+")
_SPACES = re.compile(r"\s+")

_CONTRACTION_SUFFIXES = [
    (re.compile(r"\bcan not\b"), "cannot"),
    (re.compile(r"\bcan't\b"), "cannot"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bain't\b"), "is not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"'"), ""),
]

SLANG: dict[str, str] = {
    # contractions typed without the apostrophe
    "dont": "do not",
    "doesnt": "does not",
    "dosnt": "does not",
    "dosent": "does not",
    "doesent": "does not",
    "didint": "did not",
    "dident": "did not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "shouldnt": "should not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "cant": "cannot",
    "wont": "will not",
    "im": "i am",
    "ive": "i have",
    "youre": "you are",
    "thats": "that",
    "whats": "what",
    "hows": "how",
    "whys": "why",
    # Scots, as people type it
    "cannae": "cannot",
    "cannit": "cannot",
    "canna": "cannot",
    "couldnae": "could not",
    "dinnae": "do not",
    "didnae": "did not",
    "doesnae": "does not",
    "isnae": "is not",
    "wasnae": "was not",
    "wouldnae": "would not",
    "willnae": "will not",
    "oot": "out",
    "doon": "down",
    "jist": "just",
    "sair": "sore",
    "aboot": "about",
    "noo": "now",
    "gaun": "going",
    "fae": "from",
    # Jamaican Patois
    "cyaan": "cannot",
    "pon": "on",
    "mi": "my",
    # the one typo a fall is told with most
    "fel": "fell",
    # chat shorthand
    "u": "you",
    "ur": "your",
    "r": "are",
    "y": "why",
    "pls": "please",
    "plz": "please",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "abt": "about",
    "w": "with",
    "wo": "without",
    "thx": "thanks",
    "ty": "thanks",
    "tmrw": "tomorrow",
    "n": "and",
    "b4": "before",
    "2day": "today",
    "lbp": "lower back pain",
    "wfh": "work from home",
    "af": "",
    "asap": "",
    "lol": "",
    "lbs": "pounds",
    "lb": "pounds",
    "kgs": "kg",
    "kilos": "kg",
}


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, clause breaks as ``,`` tokens."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("w/o", " without ").replace("w/", " with ")
    text = _DASHES.sub(f" {CLAUSE_MARK} ", text)
    text = _CLAUSE.sub(f" {CLAUSE_MARK} ", text)
    text = _NOT_WORD.sub(" ", text)
    for pattern, replacement in _CONTRACTION_SUFFIXES:
        text = pattern.sub(replacement, text)
    out: list[str] = []
    for token in text.split():
        expanded = SLANG.get(token)
        if expanded is not None:
            out.extend(expanded.split())
        elif token != CLAUSE_MARK or (out and out[-1] != CLAUSE_MARK):
            out.append(token)
    return _SPACES.sub(" ", " ".join(out)).strip(f" {CLAUSE_MARK}")


def words(text: str) -> list[str]:
    """The words of ``text`` after :func:`normalise`, without clause marks."""
    return [t for t in normalise(text).split() if t != CLAUSE_MARK]

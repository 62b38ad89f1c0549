"""BERT's uncased WordPiece tokenizer, exactly as all-MiniLM-L6-v2 was trained with it.

The reference implementation is Hugging Face ``tokenizers``; the test suite checks
this one against it token for token. It is written out here (a few dozen lines)
because the runtime package pulls in ``huggingface_hub`` and its download stack,
about 40 MB of install that a bot which never downloads anything does not need.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

MAX_WORD_CHARS = 100
"""A longer "word" is a single unknown token, as in BERT."""


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True  # BERT counts every ASCII non-alphanumeric as punctuation
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


class WordPiece:
    """Text to token ids: ``[CLS]`` pieces ``[SEP]``, cut to a maximum length."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self._ids = {token: index for index, token in enumerate(vocabulary)}
        self.unknown = self._ids["[UNK]"]
        self.start = self._ids["[CLS]"]
        self.end = self._ids["[SEP]"]
        self._pieces = lru_cache(maxsize=65536)(self._word_pieces)

    def encode(self, text: str, max_tokens: int) -> list[int]:
        ids = [self.start]
        for word in self.words(text):
            # A word too long for any piece is one unknown token: known without the cache.
            ids.extend(self._pieces(word) if len(word) <= MAX_WORD_CHARS else (self.unknown,))
            if len(ids) >= max_tokens - 1:
                del ids[max_tokens - 1 :]
                break
        ids.append(self.end)
        return ids

    @staticmethod
    def words(text: str) -> list[str]:
        """Cleaned, lower-cased, accent-free words and punctuation marks, in order."""
        spaced: list[str] = []
        for char in text:
            code = ord(char)
            category = unicodedata.category(char)
            if code in (0, 0xFFFD) or (category in ("Cc", "Cf", "Co") and char not in "\t\n\r"):
                continue
            if char in " \t\n\r" or category == "Zs":
                spaced.append(" ")
            elif _is_cjk(code):
                spaced.append(f" {char} ")
            else:
                spaced.append(char)
        lowered = unicodedata.normalize("NFD", "".join(spaced).lower())
        plain = "".join(c for c in lowered if unicodedata.category(c) != "Mn")
        words: list[str] = []
        for chunk in plain.split():
            start = 0
            for index, char in enumerate(chunk):
                if _is_punctuation(char):
                    if index > start:
                        words.append(chunk[start:index])
                    words.append(char)
                    start = index + 1
            if start < len(chunk):
                words.append(chunk[start:])
        return words

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        """Greedy longest-match-first pieces; a word with an unknown part is one [UNK]."""
        if len(word) > MAX_WORD_CHARS:
            return (self.unknown,)
        pieces: list[int] = []
        start = 0
        while start < len(word):
            for end in range(len(word), start, -1):
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self._ids.get(piece)
                if found is not None:
                    pieces.append(found)
                    start = end
                    break
            else:
                return (self.unknown,)
        return tuple(pieces)

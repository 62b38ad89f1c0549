"""One place that decides whether a message describes a warning sign."""

from __future__ import annotations

from functools import cache, lru_cache

from bot.content import Content, Safety, load_content
from bot.core.safety.meaning import SignMeaning, SignThresholds
from bot.core.safety.signs import RedFlag, SignPatterns
from bot.core.semantic.encoder import shipped_encoder
from bot.core.semantic.reading import Reader
from bot.core.semantic.vectors import ContentVectors

TIER_ORDER = {"emergency": 0, "urgent": 1}


class RedFlagCheck:
    """The most urgent warning sign a message describes, by its words or its meaning.

    The whole message is always read, however long: a story that ends "since
    yesterday I can't control my bladder" is checked to its last sentence.
    """

    def __init__(
        self, safety: Safety, meaning: SignMeaning | None = None, reader: Reader | None = None
    ) -> None:
        self._patterns = SignPatterns(safety)
        self._meaning = meaning if reader is not None else None
        self._reader = reader
        self._signs = {sign.id: sign for sign in safety.signs}
        # A turn asks about the same message more than once (is a session to stop?
        # what to answer?): the answer is remembered, bounded.
        self._found = lru_cache(maxsize=256)(self._find)

    @classmethod
    def of(cls, content: Content, vectors: ContentVectors, reader: Reader) -> RedFlagCheck:
        """Both readers, with the content's signs, examples and calibration."""
        calibration = content.calibration.signs
        thresholds = SignThresholds(calibration.similar, calibration.margin)
        return cls(content.safety, SignMeaning(content, vectors, thresholds), reader)

    def find(self, text: str) -> RedFlag | None:
        return self._found(text)

    def _find(self, text: str) -> RedFlag | None:
        found = [self._patterns.find(text)]
        if self._meaning is not None and self._reader is not None:
            sign_id = self._meaning.find(self._reader.read(text))
            if sign_id is not None:
                sign = self._signs[sign_id]
                found.append(RedFlag(sign.id, sign.about, sign.tier))
        flags = [flag for flag in found if flag is not None]
        return min(flags, key=lambda flag: TIER_ORDER[flag.tier]) if flags else None


@cache
def _shipped_check() -> RedFlagCheck:
    content = load_content()
    encoder = shipped_encoder()
    return RedFlagCheck.of(content, ContentVectors(encoder, content.root), Reader(encoder.embed))


def check(text: str) -> RedFlag | None:
    """The most urgent warning sign in ``text``, by the shipped content's signs."""
    return _shipped_check().find(text)


def is_red_flag(text: str) -> bool:
    return check(text) is not None

"""One place that decides whether a message describes a warning sign."""

from __future__ import annotations

from functools import cache, lru_cache

from bot.content import Content, Safety, default_content_dir, load_content
from bot.core.faq.disguise import undisguised
from bot.core.safety.finding import FindingHead
from bot.core.safety.head import CRISIS_FILE, SignHead
from bot.core.safety.meaning import SignMeaning, parts_of
from bot.core.safety.signs import RedFlag, SignPatterns
from bot.core.semantic.encoder import shipped_encoder
from bot.core.semantic.reading import MAX_SENTENCES, READING_RULES, Reader, every_sentence
from bot.core.semantic.vectors import ContentVectors, MessageVectors


class RedFlagCheck:
    """The warning sign a message describes, by its words or else by its meaning.

    The words reader reads the whole message, however long: a story that ends "since
    yesterday I can't control my bladder" is checked to its last sentence. The meaning
    reader sees its first and last twelve sentences (``MAX_SENTENCES``).
    """

    def __init__(
        self,
        safety: Safety,
        meaning: SignMeaning | None = None,
        reader: Reader | None = None,
        finding: FindingHead | None = None,
    ) -> None:
        """The words reader alone, or both when ``meaning`` and a ``reader`` are given;
        ``finding`` reads the words reader's findings again (``signs.finding``)."""
        self._patterns = SignPatterns(safety)
        self._meaning = meaning
        self._reader = reader
        self._finding = finding
        self._signs = {sign.id: sign for sign in safety.signs}
        # The module-level check() and a pain report in a session ask again about a
        # message already answered: the finding is remembered, bounded.
        self._found = lru_cache(maxsize=256)(self._find)

    @classmethod
    def of(
        cls, content: Content, content_reader: Reader, reader: Reader, *, trained_head: bool = True
    ) -> RedFlagCheck:
        """Both readers, with the content's signs, examples and calibration;
        ``content_reader`` embeds the content, ``reader`` the messages.
        ``trained_head=False`` leaves the sign head out, for training a new one."""
        root = content.root or default_content_dir()
        wanted = trained_head and content.calibration.signs.head_weight > 0
        head = SignHead.load(root) if wanted else None
        signs = content.calibration.signs
        finding = FindingHead.load(root) if trained_head and signs.finding else None
        crisis = (
            SignHead.load(root, CRISIS_FILE)
            if trained_head and signs.crisis_sure is not None
            else None
        )
        meaning = SignMeaning(content, content_reader, head, crisis)
        return cls(content.safety, meaning, reader, finding)

    def find(self, text: str) -> RedFlag | None:
        return self._found(text)

    def _find(self, text: str) -> RedFlag | None:
        """The words reader's sign when it names one: it says precisely which sign (and
        so which tier), and it tries the emergency signs first. The meaning reader
        catches what no pattern words; it guesses the sign from its nearest example, and
        "dad is 84 and can't get up" lies near "both legs weak, can't get up"."""
        told = self._patterns.told(text)
        if told is not None:
            found, clause = told
            return None if self._looks_alike(found, text, clause) else found
        if self._meaning is None or self._reader is None:
            return None
        sign_id = self._meaning.find(
            self._reader.read(text), self._patterns.denies, self._patterns.explains_away
        )
        sign = self._signs[sign_id] if sign_id is not None else None
        if sign is None or (sign.with_back_pain and not self._patterns.back_trouble(text, sign)):
            return None
        return RedFlag.of(sign)

    def _looks_alike(self, found: RedFlag, text: str, clause: str) -> bool:
        """A sign's words in a message that reads like the look-alikes strangers wrote,
        not like a sign. An urgent sign is let go on resemblance alone (see
        ``SignCalibration.look_alike``); a tier in ``let_go`` when the trained head also
        reads every part, and the clause that tells the sign, as no sign, or the clause
        and the whole as surely none (``SignCalibration.let_go``). An emergency told as a
        joke ("my chest went tight at the gym lol") resembles the look-alikes too, so
        resemblance alone never lets one go; its clause, read alone, is the sign it tells.
        Any tier in ``finding`` is let go when the finding head, which learnt from the
        words reader's own findings, reads the clause beside the whole message as surely
        a look-alike (:mod:`bot.core.safety.finding`)."""
        meaning, reader = self._meaning, self._reader
        if meaning is None or reader is None:
            return False
        thresholds = meaning.thresholds
        if found.id in thresholds.never_let_go:
            return False
        rule = thresholds.let_go.get(found.tier)
        distance = thresholds.look_alike if found.tier == "urgent" else None
        below = thresholds.finding.get(found.tier) if self._finding is not None else None
        if (distance is None and rule is None and below is None) or len(
            every_sentence(text)
        ) > MAX_SENTENCES:
            return False  # the meaning reader reads only a very long story's first and last
        reading = reader.read(text)
        told = cache(lambda: reader.embed([clause]))  # embedded only if asked, and once
        if (
            self._finding is not None
            and below is not None
            and self._finding.log_odds(told(), reading.whole) < below
        ):
            return True  # read as the look-alikes the words reader found before
        if distance is not None and meaning.unlike_any_sign(reading, distance):
            return True
        if rule is None:
            return False
        alone = rule.alone
        if (
            alone is not None
            and meaning.reads_as_no_sign(reading.whole, alone.whole)
            and meaning.reads_as_no_sign(told(), alone.clause)
        ):
            return True  # the clause and the whole plainly tell no sign
        return (  # cheapest first: the clause is read only if every part reads as none
            meaning.reads_as_no_sign(parts_of(reading), rule.floor)
            and meaning.reads_as_no_sign(told(), rule.clause)
            and meaning.unlike_any_sign(reading, rule.distance)
        )


@cache
def _shipped_check() -> RedFlagCheck:
    content = load_content()
    encoder = shipped_encoder()
    messages = MessageVectors(content.root, READING_RULES)
    content_reader = Reader(ContentVectors(encoder, content.root).of, messages)
    return RedFlagCheck.of(content, content_reader, Reader(encoder.embed))


def check(text: str) -> RedFlag | None:
    """The most urgent warning sign in ``text``, by the shipped content's signs, its
    letters in disguise read as the answerer reads them (:mod:`bot.core.faq.disguise`)."""
    return _shipped_check().find(undisguised(text))


def is_red_flag(text: str) -> bool:
    return check(text) is not None

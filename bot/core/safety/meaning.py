"""Warning signs found by their meaning: "peeing is hard" names no pattern's words.

Every sentence of a message (and the message as a whole) is compared with the
examples of each sign (``content/understanding.yaml``'s, in the team's words, and the
warning signs strangers described in earlier rounds' sets, ``content/learnt/``) and with
counter-examples: every FAQ question, phrasing and example, every out-of-scope message
and every learnt message that is no sign, whole and sentence by sentence. A part
counts as a sign only when it is close to a sign's example *and* clearly closer to it
than to anything that is not a sign, the more clearly the more parts a long story
offers. A plain similarity threshold would follow the topic rather than the sign,
since nearly every message here is about back pain; the contrast is what keeps "my
back aches after gardening" from looking like "my back aches and I can't pee".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np

from bot.content import Content
from bot.core.faq.normalise import normalise
from bot.core.semantic.encoder import Vectors
from bot.core.semantic.reading import MIN_SENTENCE_WORDS, Reader, Reading, sentences


class SignMeaning:
    def __init__(self, content: Content, reader: Reader) -> None:
        """``reader`` embeds the content's texts through the vector cache. The team's
        examples are embedded whole; a learnt message is read as the bot reads any
        message (a long story is the mean of its sentences), since that is how the
        messages it stands for will be read."""
        examples = content.understanding.signs
        learnt = content.learnt.signs
        self._signs = [sign for sign in examples for _ in examples[sign]]
        self._signs += [sign for sign in learnt for _ in learnt[sign]]
        learnt_signs, _ = reader.wholes(
            [text for sign in learnt for text in learnt[sign]], sentences=False
        )
        self._examples = np.vstack(
            [reader.embed([text for sign in examples for text in examples[sign]]), learnt_signs]
        )
        whole, pieces = _counter_examples(content)
        own = [reader.embed(whole), reader.embed(pieces)]
        learnt_counter = tuple(reader.wholes(content.learnt.no_sign))
        self._near_counter = np.vstack([*own, _nearest(learnt_counter, self._examples)])
        # All the learnt ones, the near ones again: the same closest row, and no 50 MB
        # copy of the others at every start.
        self._far_counter: tuple[Vectors, ...] = learnt_counter
        self.thresholds = content.calibration.signs

    def find(
        self,
        reading: Reading,
        denies: Callable[[str], bool],
        explains_away: Callable[[str, str], bool] = lambda _sign, _text: False,
    ) -> str | None:
        """The sign whose example the closest qualifying part resembles, if any.

        ``denies`` says whether a part names a sign's words only to deny them ("I don't
        have a fever"): an embedding hears the sign all the same, so such a part must be
        clearer by :data:`NEGATED_MARGIN`. ``explains_away(sign, part)`` says whether the
        part gives a reason the sign's words describe none ("but it went back to normal",
        "for my exam"); such a part does not count.
        """
        if not self._signs:
            return None
        parts = _parts(reading)
        texts = [reading.text, *reading.parts[1 : 1 + reading.sentence_count]]
        to_signs = parts @ self._examples.T
        closest = to_signs.argmax(axis=1)
        sign_similarity = to_signs[np.arange(len(parts)), closest]
        qualifies = sign_similarity >= self.thresholds.similar
        if not qualifies.any():  # most messages: no part is near a sign, no contrast needed
            return None
        margin = self.thresholds.margin + self.thresholds.per_part * math.log(len(parts))
        clear = np.full(len(parts), -1.0, dtype=np.float32)
        near = np.flatnonzero(qualifies)
        clear[near] = self._clearance(parts[near], sign_similarity[near], margin)
        qualifies &= clear >= margin
        for index in np.flatnonzero(qualifies):  # the doubt is read only where it matters
            sign = self._signs[int(closest[index])]
            if clear[index] < margin + _doubt(texts[index], denies) or explains_away(
                sign, _with_neighbours(texts, index)
            ):
                qualifies[index] = False
        if not qualifies.any():
            return None
        best = int(np.argmax(np.where(qualifies, sign_similarity, -1.0)))
        return self._signs[int(closest[best])]

    def unlike_any_sign(self, reading: Reading, distance: float) -> bool:
        """Whether every part is at least ``distance`` closer to a counter-example than to
        any sign's example. The far counter-examples are read only for the parts the near
        ones leave in doubt."""
        if not self._signs:
            return False
        parts = _parts(reading)
        to_sign = (parts @ self._examples.T).max(axis=1)
        return bool((self._clearance(parts, to_sign, -distance) <= -distance).all())

    def _clearance(self, parts: Vectors, to_sign: Vectors, floor: float) -> Vectors:
        """How much closer each part is to its closest sign example than to any
        counter-example. The content's own counter-examples and the learnt ones nearest
        a sign settle most parts; the other learnt ones (six in seven) are read only for a
        part still ``floor`` clear of those, since they can only bring it lower: what a
        decision at ``floor`` sees is what comparing with all of them gives."""
        clear = to_sign - _closest(parts, self._near_counter)
        doubt = np.flatnonzero(clear >= floor)
        if doubt.size:
            far = to_sign[doubt] - _closest(parts[doubt], *self._far_counter)
            clear[doubt] = np.minimum(clear[doubt], far)
        return clear


NEAR_LEARNT_ROWS = 2048
"""Learnt counter-examples compared with every part near a sign: those closest to the
signs' examples. The 26,000 others would cost each part 4 ms (50 MB read from memory)."""
PROBES = 64
"""Sign examples, evenly spread, that rank the counter-examples by closeness to a sign."""


def _nearest(counters: tuple[Vectors, ...], examples: Vectors) -> Vectors:
    """The :data:`NEAR_LEARNT_ROWS` counter-examples closest to the signs' examples."""
    probes = examples[:: max(1, len(examples) // PROBES)]
    if not len(probes):
        return np.vstack(counters)
    closeness = np.concatenate([(rows @ probes.T).max(axis=1) for rows in counters])
    if len(closeness) <= NEAR_LEARNT_ROWS:
        return np.vstack(counters)
    chosen = np.sort(np.argpartition(-closeness, NEAR_LEARNT_ROWS)[:NEAR_LEARNT_ROWS])
    starts = np.cumsum([0, *(len(rows) for rows in counters)])[:-1]
    return np.vstack(
        [
            rows[chosen[(chosen >= start) & (chosen < start + len(rows))] - start]
            for rows, start in zip(counters, starts, strict=True)
        ]
    )


def _parts(reading: Reading) -> Vectors:
    """The message whole, then each sentence: what the meaning reader compares."""
    return np.vstack([reading.whole, reading.sentence_vectors])


def _closest(parts: Vectors, *rows: Vectors) -> Vectors:
    """Each part's similarity to its closest row of any of ``rows`` (-1 when there are
    none)."""
    closest = np.full(len(parts), -1.0, dtype=np.float32)
    for block in rows:
        if len(block):
            np.maximum(closest, (parts @ block.T).max(axis=1), out=closest)
    return closest


def _with_neighbours(texts: list[str], index: int) -> str:
    """A sentence with the ones beside it, where the reason that explains its words away
    is often told ("long days in the saddle; my inner thighs were numb by evening");
    the whole message (index 0) is its own context."""
    if index == 0:
        return texts[0]
    return " ".join(texts[max(1, index - 1) : index + 2])


NEGATED_MARGIN = 0.05
"""Extra margin for a part that denies a sign: an embedding hears "no fever" as fever."""
NORMAL = re.compile(r"\b(is|are|feels?|seems?) (fine|normal|ok|okay|good)\b")


def _doubt(text: str, denies: Callable[[str], bool]) -> float:
    """How much more sure the meaning must be of a part that denies or reports normal."""
    if NORMAL.search(normalise(text)):
        return 1.0  # "my chest feels fine" reports no sign, whatever it resembles
    return NEGATED_MARGIN if denies(text) else 0.0


def _counter_examples(content: Content) -> tuple[list[str], list[str]]:
    """Everything that is not a sign: whole messages, and the sentences of long ones."""
    whole: list[str] = []
    for entry in content.faq.entries:
        whole.extend((entry.question, *entry.phrasings))
    for examples in content.understanding.faq.values():
        whole.extend(examples)
    whole.extend(content.understanding.out_of_scope)
    pieces: list[str] = []
    for text in whole:
        found = sentences(text)
        if len(found) > 1:
            pieces.extend(s for s in found if len(s.split()) >= MIN_SENTENCE_WORDS)
    return whole, pieces

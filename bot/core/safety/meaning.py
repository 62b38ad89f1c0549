"""Warning signs found by their meaning: "peeing is hard" names no pattern's words.

Every sentence of a message (and the message as a whole) is compared with the
examples of each sign (``content/understanding.yaml``'s, in the team's words, and the
warning signs strangers described in earlier rounds' sets, ``content/learnt/``) and with
counter-examples: every FAQ question, phrasing and example, every out-of-scope message
and every learnt message that is no sign (look-alikes with no FAQ label included), whole
and sentence by sentence. A part
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
import numpy.typing as npt

from bot.content import Content
from bot.content.safety import URGENCY
from bot.core.faq.normalise import normalise
from bot.core.safety.head import SignHead
from bot.core.semantic.encoder import DIMENSIONS, Vectors
from bot.core.semantic.reading import MIN_SENTENCE_WORDS, Reader, Reading, sentences


class SignMeaning:
    def __init__(
        self,
        content: Content,
        reader: Reader,
        head: SignHead | None = None,
        crisis: SignHead | None = None,
    ) -> None:
        """``reader`` embeds the content's texts through the vector cache. The team's
        examples are embedded whole; a learnt message is read as the bot reads any
        message (a long story is the mean of its sentences), since that is how the
        messages it stands for will be read. ``head`` lowers each part's margin by
        ``signs.head_weight`` per unit of its log-odds above zero
        (:mod:`bot.core.safety.head`); a part ``crisis`` reads at ``signs.crisis_sure``
        or more is thoughts of ending one's life near no example (:meth:`_crisis_sure`)."""
        examples = content.understanding.signs
        learnt = content.learnt.signs
        self._signs = [sign for sign in examples for _ in examples[sign]]
        self._signs += [sign for sign in learnt for _ in learnt[sign]]
        # An emergency's example outranks an urgent sign's; a crisis's, found by fewer
        # examples, only the nearest wins between it and an emergency.
        grave = {s.id for s in content.safety.signs if URGENCY[s.tier] <= URGENCY["emergency"]}
        self._severity = np.array([2.0 * (s in grave) for s in self._signs], dtype=np.float32)
        learnt_signs, _ = reader.wholes(
            [text for sign in learnt for text in learnt[sign]], sentences=False
        )
        self._examples = np.vstack(
            [reader.embed([text for sign in examples for text in examples[sign]]), learnt_signs]
        )
        unvetoed = set(content.calibration.signs.unvetoed)
        self._unvetoed = np.array([sign in unvetoed for sign in self._signs], dtype=np.bool_)
        self._unvetoed_examples = self._examples[self._unvetoed]  # read for every message
        whole, pieces = _counter_examples(content)
        no_sign = [*content.learnt.no_sign, *content.learnt.look_alikes]
        learnt_whole, learnt_pieces = reader.wholes(no_sign)
        self._counter = CounterRows(
            (reader.embed(whole), reader.embed(pieces), learnt_whole, learnt_pieces)
        )
        self.thresholds = content.calibration.signs
        self._head = head
        self._crisis = crisis
        crises = content.safety.signs_of("crisis")
        self._crisis_rows = np.flatnonzero([sign in crises for sign in self._signs])

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
        parts = parts_of(reading)
        texts = [reading.text, *reading.parts[1 : 1 + reading.sentence_count]]
        odds = self._odds(parts)
        crisis_odds, crisis_sure = self._crisis_sure(parts)
        veto = self.thresholds.head_veto
        allowed = (
            np.ones(len(parts), dtype=np.bool_)
            if veto is None or odds is None
            else odds >= veto  # a vetoed part is compared with no example: most messages
        )
        sure = self._sure(odds, len(parts)) | crisis_sure
        heard = allowed | sure
        if len(self._unvetoed_examples):  # a few hundred rows the veto does not apply to
            near = (parts @ self._unvetoed_examples.T).max(axis=1)
            heard |= near >= self.thresholds.similar
        if not heard.any():
            return None
        closest = np.zeros(len(parts), dtype=np.intp)
        sign_similarity = np.full(len(parts), -1.0, dtype=np.float32)
        rows = np.flatnonzero(heard)
        to_signs = parts[rows] @ self._examples.T
        closest[rows] = to_signs.argmax(axis=1)
        sign_similarity[rows] = to_signs[np.arange(len(rows)), closest[rows]]
        if crisis_sure.any():  # its nearest crisis example, not the nearest sign's
            rows = np.flatnonzero(crisis_sure)
            to_crisis = parts[rows] @ self._examples[self._crisis_rows].T
            closest[rows] = self._crisis_rows[to_crisis.argmax(axis=1)]
            sign_similarity[rows] = to_crisis.max(axis=1)
            odds = crisis_odds if odds is None else np.where(crisis_sure, crisis_odds, odds)
        allowed |= self._unvetoed[closest]
        qualifies = heard & allowed & (sign_similarity >= self.thresholds.similar)
        if not (qualifies.any() or sure.any()):  # most of the rest: near no sign
            return None
        margin = self._margins(parts, odds)
        clear = np.full(len(parts), -1.0, dtype=np.float32)
        near = np.flatnonzero(qualifies)
        clear[near] = self._clearance(
            parts[near], sign_similarity[near], margin[near] + NEGATED_MARGIN
        )
        qualifies &= clear >= margin
        for index in np.flatnonzero(qualifies | sure):  # the doubt is read where it matters
            sign = self._signs[int(closest[index])]
            doubt = _doubt(texts[index], denies)
            doubted = (
                self._doubts_sure(doubt, odds[index] if odds is not None else 0.0)
                if sure[index]
                else clear[index] < margin[index] + doubt
            )
            alone = self.thresholds.explained_alone
            told = (
                texts[index]
                if alone is not None and odds is not None and odds[index] >= alone
                else _with_neighbours(texts, index)
            )
            qualifies[index] = not (doubted or explains_away(sign, told))
        if not qualifies.any():
            return None
        if (qualifies & crisis_sure).any():
            # A crisis the crisis head is sure of outranks the back's signs heard beside
            # it: "pain in the back and also in my heart. Today I write a letter to my son
            # for when I am not here" lies near a chest pain's example too.
            return self._signs[int(closest[np.flatnonzero(qualifies & crisis_sure)[0]])]
        # The most urgent sign heard, then the nearest: a story can lie near a night
        # pain in one sentence and a numb saddle in another.
        severity = self._severity[closest]
        best = int(np.argmax(np.where(qualifies, sign_similarity + severity, -1.0)))
        return self._signs[int(closest[best])]

    def _crisis_sure(self, parts: Vectors) -> tuple[Vectors, npt.NDArray[np.bool_]]:
        """The crisis head's log-odds for each part, and the parts it is sure of
        (``signs.crisis_sure``; none without the head). A crisis is most often told
        without its words and near none of its examples: plans made, things given away,
        goodbyes ("I've sorted who gets the dog and the letters are written"). The sign
        head does not judge it (``signs.unvetoed``); this head learnt the crises against
        everything else, their look-alikes included. A part it is sure of is still let go
        when it denies or explains the words away, as a part the sign head is sure of. In
        a story one sentence alone can read like a plan ("He's given me a few weeks to
        think about it."): a part counts only where the whole message reads at least
        ``signs.crisis_whole`` too."""
        sure = self.thresholds.crisis_sure
        if self._crisis is None or sure is None or not len(self._crisis_rows):
            return np.zeros(len(parts), np.float32), np.zeros(len(parts), np.bool_)
        odds = self._crisis.log_odds(parts)
        found: npt.NDArray[np.bool_] = odds >= sure
        whole = self.thresholds.crisis_whole
        if whole is not None and odds[0] < whole:  # parts_of: the whole message first
            found[:] = False
        return odds, found

    def _odds(self, parts: Vectors) -> Vectors | None:
        """The head's log-odds for each part, read once per message; None without one."""
        return None if self._head is None else self._head.log_odds(parts)

    def _margins(self, parts: Vectors, odds: Vectors | None) -> Vectors:
        """How much clearer than any counter-example each part must be: more for a long
        story's parts, and less for a part the head reads as a sign (``odds``). Never
        more for one it reads as none: the head only adds findings, and raising margins
        made the exact search read far more counter-examples (check p99 2.2 -> 4.1-4.9 ms
        on the shared development set) to let go 2 false alarms in 10,000 messages."""
        margin = self.thresholds.margin + self.thresholds.per_part * math.log(len(parts))
        margins = np.full(len(parts), margin, dtype=np.float32)
        if odds is not None:
            margins -= np.float32(self.thresholds.head_weight) * np.maximum(0, odds)
        return margins

    def _sure(self, odds: Vectors | None, count: int) -> npt.NDArray[np.bool_]:
        """The parts the head is sure enough of to be signs near no example (``signs.
        head_sure``): a stranger's wording of a foot that "just flops" lies near no one
        example, yet reads unmistakably like the signs the head learnt from. Such a part
        is still let go when it denies or explains away the sign's words."""
        sure = self.thresholds.head_sure
        if odds is None or sure is None:
            return np.zeros(count, dtype=np.bool_)
        found: npt.NDArray[np.bool_] = odds >= sure
        return found

    def _doubts_sure(self, doubt: float, odds: float) -> bool:
        """Whether a part the head is sure of is let go for its doubt: always when it
        reports normal, and when it denies unless the head is surer still
        (``signs.head_sure_denied``)."""
        if doubt >= 1.0:
            return True
        denied_sure = self.thresholds.head_sure_denied
        return doubt > 0 and (denied_sure is None or odds < denied_sure)

    def reads_as_no_sign(self, vectors: Vectors, floor: float) -> bool:
        """Whether the trained head reads every row of ``vectors`` (a message's
        :func:`parts_of`, or a clause's vector) below ``floor``; never without a head."""
        return self._head is not None and bool((self._head.log_odds(vectors) < floor).all())

    def unlike_any_sign(self, reading: Reading, distance: float) -> bool:
        """Whether every part is at least ``distance`` closer to a counter-example than to
        any sign's example."""
        if not self._signs:
            return False
        parts = parts_of(reading)
        to_sign = (parts @ self._examples.T).max(axis=1)
        return bool((self._clearance(parts, to_sign, -distance) <= -distance).all())

    def _clearance(self, parts: Vectors, to_sign: Vectors, ceiling: float | Vectors) -> Vectors:
        """How much closer each part is to its closest sign example than to any
        counter-example: exactly wherever that is at most ``ceiling``, and just above
        ``ceiling`` (by :data:`BOUND_SLACK` at most) wherever it is more. The decisions
        compare it with ``ceiling`` or less, so they are what comparing every part with
        every counter-example gives. ``ceiling`` may differ from part to part."""
        return to_sign - self._counter.closest(parts, to_sign - ceiling)


class CounterRows:
    """The counter-examples, searched only where they could decide something.

    Reading all 36,800 rows (57 MB) costs a message about 5 ms, and almost every row is
    far from every part of it. In a basis of the rows' main directions each row splits
    into its first :data:`HEAD_DIMENSIONS` coordinates and the rest, and for unit
    vectors ``p·r ≤ p_head·r_head + |p_rest|·|r_rest|``: the bound reads a third of the
    numbers, and only the rows whose bound reaches a part's ``needed`` similarity are
    read in full. Making the basis and the rows' heads takes about 55 ms at start-up,
    less than choosing the counter-examples nearest the signs used to.
    """

    def __init__(self, blocks: tuple[Vectors, ...]) -> None:
        self._blocks = tuple(block for block in blocks if len(block))
        self._basis, self._heads = _bounding_heads(self._blocks)

    def closest(self, parts: Vectors, needed: Vectors) -> Vectors:
        """Each part's similarity to its closest row where that is at least its
        ``needed``, and ``needed - BOUND_SLACK`` where it is less."""
        closest = np.asarray(needed, dtype=np.float32) - BOUND_SLACK
        head = parts @ self._basis
        rest = np.sqrt(np.maximum(0.0, (parts * parts).sum(axis=1) - (head * head).sum(axis=1)))
        for block, (row_heads, row_rests) in zip(self._blocks, self._heads, strict=True):
            bound = head @ row_heads.T + rest[:, None] * row_rests[None, :]
            rows = np.flatnonzero((bound + BOUND_SLACK >= closest[:, None]).any(axis=0))
            if rows.size:
                np.maximum(closest, (parts @ block[rows].T).max(axis=1), out=closest)
        return closest


def _bounding_heads(
    blocks: tuple[Vectors, ...],
) -> tuple[Vectors, list[tuple[Vectors, Vectors]]]:
    """A basis of the rows' main directions, and each block's rows in it: their first
    :data:`HEAD_DIMENSIONS` coordinates and the length of the rest."""
    if not blocks:
        return np.zeros((DIMENSIONS, 0), np.float32), []
    sample = np.vstack([block[::BASIS_SAMPLE_STEP] for block in blocks])
    _, directions = np.linalg.eigh(sample.T @ sample)  # ascending: the main ones last
    basis: Vectors = np.ascontiguousarray(directions[:, ::-1][:, :HEAD_DIMENSIONS])
    heads = []
    for block in blocks:
        row_heads = block @ basis
        # einsum sums each row's squares without a 50 MB temporary of them
        rests = np.einsum("ij,ij->i", block, block) - np.einsum("ij,ij->i", row_heads, row_heads)
        heads.append((row_heads, np.sqrt(np.maximum(0.0, rests))))
    return basis, heads


HEAD_DIMENSIONS = 128
"""Coordinates the bound keeps. With 48 of 384 (sessions 12-18) a part far from the signs
read almost no row in full, but one near a sign in a crowd of look-alikes ("since the
back thing my stream is super weak") read 27,000 of the 36,800 rows, 9 ms. With 128 the
bound costs more for every part and rules out far more rows near signs. One core,
session 19, p99 per message with 48 / 96 / 128 / 160: blind 99 25.0 / 10.7 / 10.1 /
10.8 ms, blind 97 17.4 / 15.1 / 14.2 / 15.6, the real-world set 24.8 / 21.6 / 20.7 /
20.9; making the bound takes 20 ms more at start-up."""
BASIS_SAMPLE_STEP = 16
"""Every sixteenth row shapes the basis; any orthonormal basis keeps the bound true."""
BOUND_SLACK = np.float32(1e-3)
"""Room for float rounding in the bound (about 1e-6 for unit vectors in float32)."""


def parts_of(reading: Reading) -> Vectors:
    """The message whole, then each sentence: what the meaning reader compares."""
    return np.vstack([reading.whole, reading.sentence_vectors])


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

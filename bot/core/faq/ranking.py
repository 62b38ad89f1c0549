"""The FAQ ranking: the lexical score and the meaning, fused, with "no entry" as a rival.

For each entry the evidence is its lexical score (:class:`FaqMatcher`) and its
similarity in meaning (:class:`FaqMeaning`), for the whole message and for the
parts that ask; long messages lean on the asking parts. "No entry answers this"
is one more candidate, scored by how close the message is to the out-of-scope
examples. A conditional-logit model turns the evidence into one score per
candidate; its weights are fitted on the examples of ``content/understanding.yaml``
(``backcoach content calibrate``) and live in ``content/calibration.yaml``.
An entry is the answer when its score, plus a margin chosen on held-out data,
beats "no entry".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.content import ContentError, FaqEntry
from bot.content.calibration import FaqCalibration
from bot.core.faq.head import FaqHead, softmax
from bot.core.faq.matcher import FaqMatcher, Match
from bot.core.faq.meaning import FaqMeaning
from bot.core.semantic.reading import Reading

Floats = npt.NDArray[np.float64]

LENGTH_SCALE = 8.0
"""log(1 + characters) / this: about 0.5 for a chat question, 0.8 for a forum post."""
FEATURES = (
    "lexical",
    "meaning",
    "asking_meaning",
    "asking_lexical",
    "meaning_by_length",
    "lexical_by_length",
    "trained",
)
"""The evidence for each entry, in the order of the fitted weights."""
OUTSIDE_FEATURES = ("bias", "outside", "asking_outside", "elsewhere", "trained_outside")
"""The evidence for "no entry answers this"."""


def length_of(text: str) -> float:
    return math.log1p(len(text)) / LENGTH_SCALE


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything the ranking weighs for one message: one row per entry, and "no entry"."""

    entries: Floats
    """Entries × :data:`FEATURES`."""
    outside: Floats
    """:data:`OUTSIDE_FEATURES`."""


@dataclass(frozen=True, slots=True)
class Ranking:
    matches: tuple[Match, ...]
    """Every entry, best first; ``score`` is its probability among all candidates."""
    outside: float
    """The probability that no entry answers the message."""
    confident: bool
    """Whether the best entry is the answer (else the closest topics are offered)."""


class FaqRanking:
    def __init__(
        self,
        matcher: FaqMatcher,
        meaning: FaqMeaning,
        head: FaqHead,
        calibration: FaqCalibration,
    ) -> None:
        self.matcher = matcher
        self.meaning = meaning
        self.head = head
        self.calibration = calibration
        self._entries: list[FaqEntry] = list(matcher.entries)
        self._index = {entry.id: i for i, entry in enumerate(self._entries)}
        missing = {*FEATURES, *OUTSIDE_FEATURES} - calibration.weights.keys()
        if missing:
            raise ContentError(
                f"calibration.yaml: faq.weights lacks {', '.join(sorted(missing))}; "
                "run `backcoach content calibrate`"
            )
        self._weights = np.array([calibration.weights[name] for name in FEATURES])
        self._outside_weights = np.array([calibration.weights[name] for name in OUTSIDE_FEATURES])

    def evidence(
        self, reading: Reading, without: str | None = None, head: FaqHead | None = None
    ) -> Evidence:
        """The evidence for every candidate. Calibration passes ``without`` (the example
        scored, left out of the nearest examples) and ``head`` (one not trained on it)."""
        count = len(self._entries)
        lexical = self._lexical(reading.text)
        asking_lexical = np.zeros(count)
        for part in reading.parts[1 + reading.sentence_count :]:
            asking_lexical = np.maximum(asking_lexical, self._lexical(part))
        whole = self.meaning.entries(reading.whole, without)[0]
        asking = reading.asking_vectors
        asking_meaning = self.meaning.entries(asking, without).max(axis=0) if len(asking) else whole
        if not len(asking):
            asking_lexical = lexical
        length = length_of(reading.text)
        trained = (head or self.head).probabilities(np.vstack([reading.whole, asking]))
        entries = np.column_stack(
            [
                lexical,
                whole,
                asking_meaning,
                asking_lexical,
                whole * length,
                lexical * length,
                trained[:count],
            ]
        )
        outside_whole = float(self.meaning.outside(reading.whole, without)[0])
        outside_asking = (
            float(self.meaning.outside(asking, without).max()) if len(asking) else outside_whole
        )
        elsewhere = float(self.matcher.elsewhere(reading.text))
        outside = [1.0, outside_whole, outside_asking, elsewhere, float(trained[count])]
        return Evidence(entries, np.array(outside))

    def rank(self, reading: Reading) -> Ranking:
        """Every entry by probability; confident when the best beats "no entry" by the margin."""
        evidence = self.evidence(reading)
        scores, outside = self.scores(evidence, self._weights, self._outside_weights)
        top = float(scores.max())
        probability = softmax(np.append(scores, outside)[None, :])[0]
        order = np.argsort(-scores, kind="stable")
        matches = tuple(Match(self._entries[i], float(probability[i])) for i in order)
        confident = top + self._margin(reading, evidence) > outside
        return Ranking(matches, float(probability[-1]), confident)

    def _margin(self, reading: Reading, evidence: Evidence) -> float:
        """The benefit of the doubt an entry gets over "no entry": none for a message
        about another body part or subject, more for a long story."""
        if evidence.outside[OUTSIDE_FEATURES.index("elsewhere")]:
            return 0.0
        calibration = self.calibration
        return calibration.answer_margin + calibration.length_margin * length_of(reading.text)

    @staticmethod
    def scores(
        evidence: Evidence, weights: Floats, outside_weights: Floats
    ) -> tuple[Floats, float]:
        """Each entry's score and the score of "no entry", under the given weights."""
        return evidence.entries @ weights, float(evidence.outside @ outside_weights)

    def _lexical(self, text: str) -> Floats:
        scores = np.zeros(len(self._entries))
        for match in self.matcher.rank(text, limit=len(self._entries)):
            scores[self._index[match.entry.id]] = match.score
        return scores

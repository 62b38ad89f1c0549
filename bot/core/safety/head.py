"""A trained head: how much a part of a message reads like a warning sign rather than
anything else, learnt from every message the content holds.

The meaning reader (:mod:`bot.core.safety.meaning`) trusts a part's nearest sign example
and its nearest counter-example: one neighbour each. A logistic regression over all of
them learns which directions of the embedding space signs occupy, and so leans the
right way on wordings no single example resembles ("my nethers feel kinda numb"). It
does not decide alone: its confidence only moves the margin a part must clear, by
``signs.head_weight`` per unit of log-odds (``content/calibration.yaml``), so a part
must still be near some sign's example. ``backcoach content calibrate`` trains it and
stores it in ``content/sign_head.npz``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from zipfile import BadZipFile

import numpy as np
import numpy.typing as npt

from bot.content import Content, ContentError
from bot.core.semantic.encoder import Vectors
from bot.core.semantic.reading import Reader
from bot.core.semantic.vectors import Wholes, model_id

HEAD_FILE = "sign_head.npz"
L2 = 1e-3
ITERATIONS = 300
STEP = 0.05
LOGIT_CAP = 13.8
"""Log-odds are clipped here (a probability of one in a million): the head may lean a
part's margin by at most ``head_weight`` times this."""

Floats = npt.NDArray[np.float32]


class SignHead:
    def __init__(self, weights: Floats, bias: float) -> None:
        self.weights = weights
        self.bias = bias

    @classmethod
    def train(cls, vectors: Vectors, signs: npt.NDArray[np.bool_]) -> SignHead:
        """Logistic regression by Adam over the whole batch, a little L2; signs and the
        rest weigh half each, since the rest outnumber the signs six to one."""
        target = signs.astype(np.float32)
        share = np.where(signs, 0.5 / max(1, signs.sum()), 0.5 / max(1, (~signs).sum()))
        share = share.astype(np.float32)
        weights = np.zeros(vectors.shape[1] + 1, dtype=np.float32)
        first = np.zeros_like(weights)
        second = np.zeros_like(weights)
        for step in range(1, ITERATIONS + 1):
            error = (_sigmoid(vectors @ weights[:-1] + weights[-1]) - target) * share
            gradient = np.append(vectors.T @ error + L2 * weights[:-1], error.sum())
            first = 0.9 * first + 0.1 * gradient
            second = 0.999 * second + 0.001 * gradient**2
            mean, spread = first / (1 - 0.9**step), second / (1 - 0.999**step)
            weights -= STEP * mean / (np.sqrt(spread) + 1e-8)
        return cls(weights[:-1].copy(), float(weights[-1]))

    def log_odds(self, parts: Vectors) -> Floats:
        """For each part, the log-odds that it tells a warning sign, clipped."""
        found: Floats = np.clip(parts @ self.weights + self.bias, -LOGIT_CAP, LOGIT_CAP)
        return found

    @classmethod
    def load(cls, directory: Path) -> SignHead:
        """The head trained for this model, or a clear error."""
        path = directory / HEAD_FILE
        redo = "run `backcoach content calibrate`"
        try:
            # Opened here: np.load leaves its own handle open when the zip is corrupt.
            with path.open("rb") as file, np.load(file) as data:
                model, weights, bias = str(data["model"]), data["weights"], data["bias"]
        except (OSError, KeyError, ValueError, BadZipFile) as error:
            raise ContentError(f"{path}: missing or unreadable ({error}); {redo}") from None
        if model != model_id():
            raise ContentError(f"{path}: trained with another model; {redo}")
        if weights.shape != (len(weights),) or not np.isfinite(weights).all():
            raise ContentError(f"{path}: not a head's weights; {redo}")
        return cls(weights.astype(np.float32), float(bias))

    def save(self, directory: Path) -> Path:
        path = directory / HEAD_FILE
        np.savez_compressed(
            path, model=np.array(model_id()), weights=self.weights, bias=np.float32(self.bias)
        )
        return path


def train_sign_head(content: Content, reader: Reader) -> SignHead:
    """The head learnt from the content's signs (``understanding.yaml``'s examples and the
    learnt warning signs) against everything else it holds.

    Labels are per message, but a long story's sign is in one of its sentences: a
    message that is no sign gives its whole and every sentence as counter-examples, and
    a sign gives its whole and, once a first head is trained, the sentence that head
    finds most sign-like (so "the rest of the story" is never taught as a sign)."""
    understanding, learnt = content.understanding, content.learnt
    sign_texts = [text for examples in understanding.signs.values() for text in examples]
    sign_texts += [text for texts in learnt.signs.values() for text in texts]
    other_texts = [t for entry in content.faq.entries for t in (entry.question, *entry.phrasings)]
    other_texts += [text for examples in understanding.faq.values() for text in examples]
    other_texts += [*understanding.out_of_scope, *learnt.no_sign]
    signs, others = _read(reader, sign_texts), _read(reader, other_texts)
    negatives = np.vstack([others.whole, others.kept])

    def fit(positives: Vectors) -> SignHead:
        vectors = np.vstack([positives, negatives])
        labels = np.arange(len(vectors)) < len(positives)
        return SignHead.train(vectors, labels)

    first = fit(signs.whole)
    starts = np.concatenate([[0], np.cumsum(signs.counts)])
    best = [
        starts[i] + int(np.argmax(first.log_odds(signs.kept[starts[i] : starts[i + 1]])))
        for i in range(len(signs.counts))
        if signs.counts[i]
    ]
    return fit(np.vstack([signs.whole, signs.kept[best]]))


def _read(reader: Reader, texts: Sequence[str]) -> Wholes:
    """The texts as the bot reads a message: from the learnt messages' cache where they
    are in it, else read anew."""
    unique = list(dict.fromkeys(texts))
    if reader.messages is not None:
        return reader.messages.wholes(unique, reader.read_wholes)
    return reader.read_wholes(unique)


def _sigmoid(values: Floats) -> Floats:
    result: Floats = 1 / (1 + np.exp(-np.clip(values, -30, 30)))
    return result

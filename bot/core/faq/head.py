"""A trained head: which entry (or none) a message's vector points to, as one more piece of
evidence beside the nearest examples.

The nearest-example similarity (:mod:`bot.core.faq.meaning`) trusts the single closest
example; a softmax regression over all the examples of ``content/understanding.yaml``
learns which directions of the embedding space each entry, and "no entry", occupy. It
generalises differently: a long story far from every single example can still lie in an
entry's region. ``backcoach content calibrate`` trains it and stores it in
``content/head.npz``; the calibration weighs it with everything else.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.content import ContentError, FaqBook
from bot.core.semantic.encoder import DIMENSIONS, Vectors
from bot.core.semantic.trained import REDO, load_trained, save_trained

HEAD_FILE = "head.npz"
L2 = 1e-3
ITERATIONS = 400
STEP = 2.0

Floats = npt.NDArray[np.float64]


class FaqHead:
    def __init__(self, weights: Floats, bias: Floats) -> None:
        self.weights = weights
        self.bias = bias

    @classmethod
    def untrained(cls, faq: FaqBook) -> FaqHead:
        """Every class equally likely: what stands in while a new head is calibrated."""
        count = len(faq.entries) + 1
        return cls(np.zeros((DIMENSIONS, count)), np.zeros(count))

    @classmethod
    def train(cls, vectors: Vectors, classes: npt.NDArray[np.int64], count: int) -> FaqHead:
        """Softmax regression of ``count`` classes by gradient descent, a little L2."""
        target = np.eye(count)[classes]
        weights = np.zeros((vectors.shape[1], count))
        bias = np.zeros(count)
        for _ in range(ITERATIONS):
            probability = softmax(vectors @ weights + bias)
            error = (probability - target) / len(classes)
            weights -= STEP * (vectors.T @ error + L2 * weights)
            bias -= STEP * error.sum(axis=0)
        return cls(weights, bias)

    def probabilities(self, parts: Vectors) -> Floats:
        """For each class, its highest probability over the parts."""
        found: Floats = softmax(parts @ self.weights + self.bias).max(axis=0)
        return found

    @classmethod
    def load(cls, directory: Path, faq: FaqBook) -> FaqHead:
        """The head trained for this model and these FAQ entries, or a clear error."""
        path = directory / HEAD_FILE
        data = load_trained(path, ("entries", "weights", "bias"))
        if [str(e) for e in data["entries"]] != [entry.id for entry in faq.entries]:
            raise ContentError(f"{path}: trained for other FAQ entries; {REDO}")
        return cls(data["weights"].astype(np.float64), data["bias"].astype(np.float64))

    def save(self, directory: Path, faq: FaqBook) -> Path:
        return save_trained(
            directory / HEAD_FILE,
            entries=np.array([entry.id for entry in faq.entries]),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
        )


def softmax(scores: Floats) -> Floats:
    """Row-wise, shifted so that no score overflows."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: Floats = exp / exp.sum(axis=1, keepdims=True)
    return result

"""A trained head: how much a part of a message reads like a warning sign rather than
anything else, learnt from every message the content holds.

The meaning reader (:mod:`bot.core.safety.meaning`) trusts a part's nearest sign example
and its nearest counter-example: one neighbour each. A small network trained on all of
them learns which regions of the embedding space signs occupy, and so leans the right
way on wordings no single example resembles ("my bum cheeks feel like they belong to
someone else"). It does not decide alone: its confidence only lowers the margin a part
must clear, by ``signs.head_weight`` per unit of log-odds above zero
(``content/calibration.yaml``), so a part must still be near some sign's example.
The check also asks it before a sign the words reader heard is let go
(``SignCalibration.let_go``). ``backcoach content calibrate`` trains it, on the content
and ``content/training/``, and stores it in ``content/sign_head.npz``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.content import Content, ContentError, default_content_dir, load_training
from bot.content.loader import TRAINING
from bot.core.semantic.encoder import DIMENSIONS, Vectors
from bot.core.semantic.reading import Reader
from bot.core.semantic.trained import REDO, load_trained, save_trained

HEAD_FILE = "sign_head.npz"
CRISIS_FILE = "crisis_head.npz"
HIDDEN = 256
EPOCHS = 64
"""Session 19, training on three quarters of blind 40-94 and scoring the fourth in turn:
64 units for 8 epochs (sessions 17-18) ranked a held-out sign above a held-out other
message 98.5% of the time, 256 for 64 epochs 99.4% (``bench/sign_head.py``). The whole
check found 12 more of 5,837 signs for 25 fewer false alarms in 15,500 messages, and with
the emergency let-go floor lowered for it (``content/calibration.yaml``) 13 more for as
many. More of either still helped a little (512 for 64: 99.5%); fewer hurt (32 for 8:
98.3%)."""
BATCH = 512
STEP = 1e-3
L2 = 1e-4
SEED = 0
LOGIT_CAP = 13.8
"""Log-odds are clipped here (a probability of one in a million): the head may lean a
part's margin by at most ``head_weight`` times this."""

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True)
class SignHead:
    """One hidden layer of rectified units, then the log-odds. A plain logistic
    regression was tried first: trained the same way and scored on blind 40-87, it found
    25 more signs for 6 false alarms where this finds 35 for 7 (docs/understanding.md)."""

    hidden_weights: Floats
    hidden_bias: Floats
    weights: Floats
    bias: float
    trained_on: str = ""
    """A digest of the texts it learnt from (:func:`trained_on`): `backcoach content
    check` says when the content has moved on (:meth:`is_current`)."""

    @classmethod
    def train(
        cls,
        vectors: Vectors,
        signs: npt.NDArray[np.bool_],
        epochs: int = EPOCHS,
        hidden: int = HIDDEN,
    ) -> SignHead:
        """Adam over shuffled batches, a little L2, seeded so that the same content gives
        the same head; signs and the rest weigh half each, since the rest outnumber the
        signs six to one."""
        rng = np.random.default_rng(SEED)
        dimensions = vectors.shape[1]
        layers = [
            rng.normal(0, dimensions**-0.5, (dimensions, hidden)).astype(np.float32),
            np.zeros(hidden, np.float32),
            rng.normal(0, hidden**-0.5, hidden).astype(np.float32),
            np.zeros(1, np.float32),
        ]
        moments = [(np.zeros_like(layer), np.zeros_like(layer)) for layer in layers]
        share = np.where(signs, 0.5 / max(1, signs.sum()), 0.5 / max(1, (~signs).sum()))
        share = (share * len(signs)).astype(np.float32)
        target = signs.astype(np.float32)
        step = 0
        for _ in range(epochs):
            order = rng.permutation(len(signs))
            for start in range(0, len(order), BATCH):
                batch = order[start : start + BATCH]
                units = np.maximum(0, vectors[batch] @ layers[0] + layers[1])
                odds = units @ layers[2] + layers[3][0]
                error = (_sigmoid(odds) - target[batch]) * share[batch] / len(batch)
                back = np.outer(error, layers[2]) * (units > 0)
                gradients = (
                    vectors[batch].T @ back + L2 * layers[0],
                    back.sum(axis=0),
                    units.T @ error + L2 * layers[2],
                    np.array([error.sum()], np.float32),
                )
                step += 1
                for layer, gradient, (first, second) in zip(
                    layers, gradients, moments, strict=True
                ):
                    first *= 0.9
                    first += 0.1 * gradient
                    second *= 0.999
                    second += 0.001 * gradient**2
                    mean, spread = first / (1 - 0.9**step), second / (1 - 0.999**step)
                    layer -= (STEP * mean / (np.sqrt(spread) + 1e-8)).astype(np.float32)
        return cls(layers[0], layers[1], layers[2], float(layers[3][0]))

    def log_odds(self, parts: Vectors) -> Floats:
        """For each part, the log-odds that it tells a warning sign, clipped."""
        hidden = np.maximum(0, parts @ self.hidden_weights + self.hidden_bias)
        found: Floats = np.clip(hidden @ self.weights + self.bias, -LOGIT_CAP, LOGIT_CAP)
        return found

    @classmethod
    def load(cls, directory: Path, file: str = HEAD_FILE, dimensions: int = DIMENSIONS) -> SignHead:
        """The head trained for this model, or a clear error. ``file`` and ``dimensions``
        name another head of the same shape (:mod:`bot.core.safety.finding`)."""
        path = directory / file
        names = ("hidden_weights", "hidden_bias", "weights", "bias", "trained_on")
        data = load_trained(path, names)
        layers = [data[name] for name in names[:3]]
        hidden = layers[1].shape
        shapes = ((dimensions, *hidden), hidden, hidden)
        if any(
            layer.shape != shape for layer, shape in zip(layers, shapes, strict=True)
        ) or not all(np.isfinite(layer).all() for layer in layers):
            raise ContentError(f"{path}: not a sign head's weights; {REDO}")
        first, second, third = (layer.astype(np.float32) for layer in layers)
        return cls(first, second, third, float(data["bias"]), str(data["trained_on"]))

    def is_current(
        self,
        content: Content,
        examples: Callable[[Content], tuple[list[str], list[str]]] | None = None,
    ) -> bool:
        """Whether it learnt from the texts ``content`` holds now: the sign head's
        (:func:`trained_on`), or those ``examples`` gives (the crisis head's,
        :func:`crisis_examples`). An installed bot ships no training sets
        (pyproject.toml), so it has nothing to tell otherwise by."""
        if not (content.root or default_content_dir()).joinpath(TRAINING).is_dir():
            return True
        if examples is None:
            return self.trained_on == trained_on(content)
        return self.trained_on == texts_digest(*examples(content))

    def save(self, directory: Path, file: str = HEAD_FILE) -> Path:
        return save_trained(
            directory / file,
            hidden_weights=self.hidden_weights,
            hidden_bias=self.hidden_bias,
            weights=self.weights,
            bias=np.array(self.bias, dtype=np.float32),
            trained_on=np.array(self.trained_on),
        )


def train_sign_head(content: Content, reader: Reader) -> SignHead:
    """The head learnt from the content's signs (``understanding.yaml``'s examples, the
    learnt warning signs and those of ``content/training/``) against everything else."""
    sign_texts, other_texts = _examples(content)
    head = fit_sign_head(reader, sign_texts, other_texts)
    return replace(head, trained_on=trained_on(content))


def fit_sign_head(
    reader: Reader,
    sign_texts: Sequence[str],
    other_texts: Sequence[str],
    *,
    epochs: int = EPOCHS,
    hidden: int = HIDDEN,
) -> SignHead:
    """A head learnt from these texts (``bench/sign_head.py`` leaves sets out with it).

    Labels are per message, but a long story's sign is in one of its sentences: a
    message that is no sign gives its whole and every sentence as counter-examples, and
    a sign gives its whole and, once a first head is trained, the sentence that head
    finds most sign-like (so "the rest of the story" is never taught as a sign)."""
    signs = reader.read_all(list(dict.fromkeys(sign_texts)))
    others = reader.read_all(list(dict.fromkeys(other_texts)))
    negatives = np.vstack([others.whole, others.kept])

    def fit(positives: Vectors) -> SignHead:
        vectors = np.vstack([positives, negatives])
        labels = np.arange(len(vectors)) < len(positives)
        return SignHead.train(vectors, labels, epochs, hidden)

    first = fit(signs.whole)
    best = [
        rows[int(np.argmax(first.log_odds(rows)))]
        for rows in signs.sentences_by_message()
        if len(rows)
    ]
    return fit(np.vstack([signs.whole, *best]))


def train_crisis_head(content: Content, reader: Reader) -> SignHead:
    """The crisis head (``content/crisis_head.npz``): the crisis tier's examples and
    learnt crises against everything else, the back's signs and the crisis's learnt
    look-alikes included. Session 26, trained on the content and scored on three crisis
    sets it never saw (blind 122's and 125's crises, blind 128): a part read at log-odds
    5 or more found 10-22 more of each set's 80 crises than the meaning reader alone, and
    none of blind 128's 80 look-alikes nor of the out-of-scope messages of 18 FAQ sets
    more (docs/understanding.md)."""
    crisis_texts, other_texts = crisis_examples(content)
    head = fit_sign_head(reader, crisis_texts, other_texts)
    return replace(head, trained_on=texts_digest(crisis_texts, other_texts))


def crisis_examples(content: Content) -> tuple[list[str], list[str]]:
    """The crises, and everything that is no crisis (the back's signs included)."""
    crises = content.safety.signs_of("crisis")
    understanding, learnt = content.understanding, content.learnt
    training = load_training(content.root or default_content_dir())
    crisis_texts = [
        text
        for source in (understanding.signs, learnt.signs, training.signs)
        for sign in crises
        for text in source.get(sign, ())
    ]
    sign_texts, other_texts = content_examples(content)  # the crises are left out there
    others = [*other_texts, *sign_texts, *training.no_sign, *training.told_signs_but(crises)]
    return crisis_texts, [*others, *learnt.look_alikes]


def trained_on(content: Content) -> str:
    """A digest of the texts a head for ``content`` learns from."""
    return texts_digest(*_examples(content))


def texts_digest(sign_texts: Sequence[str], other_texts: Sequence[str]) -> str:
    """A digest of the texts a head learns from (``bench/sign_check.py`` keeps fold heads
    by it)."""
    digest = hashlib.sha256()
    for texts in (sign_texts, other_texts):
        digest.update("\x1e".join(texts).encode("utf-8", "surrogatepass") + b"\x1d")
    return digest.hexdigest()[:16]


def _examples(content: Content) -> tuple[list[str], list[str]]:
    """The signs, and everything that is no sign: the team's examples, the learnt
    messages and those kept for training (``content/training/``), the FAQ's questions
    and phrasings and the out-of-scope examples."""
    sign_texts, other_texts = content_examples(content)
    training = load_training(content.root or default_content_dir())
    return [*sign_texts, *training.told_signs], [*other_texts, *training.no_sign]


def content_examples(content: Content) -> tuple[list[str], list[str]]:
    """:func:`_examples` without ``content/training/``: what a head always learns from."""
    understanding, learnt = content.understanding, content.learnt
    unjudged = set(content.calibration.signs.unvetoed)  # the head neither learns nor vetoes
    sign_texts = [
        text
        for sign, examples in understanding.signs.items()
        if sign not in unjudged
        for text in examples
    ]
    sign_texts += learnt.told_signs_but(unjudged)
    other_texts = [t for entry in content.faq.entries for t in (entry.question, *entry.phrasings)]
    other_texts += [text for examples in understanding.faq.values() for text in examples]
    other_texts += [*understanding.out_of_scope, *learnt.no_sign]
    return sign_texts, other_texts


def _sigmoid(values: Floats) -> Floats:
    result: Floats = 1 / (1 + np.exp(-np.clip(values, -30, 30)))
    return result

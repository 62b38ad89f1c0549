"""Fitting the FAQ ranking's weights to the content's own examples.

    backcoach content calibrate

Every example of ``content/understanding.yaml`` is ranked as if it were a new
message: left out of the meaning index it belongs to (leave-one-out), so its
evidence looks like a stranger's. The weights of :mod:`bot.core.faq.ranking` are
then the conditional-logit fit of which candidate is right (the example's entry,
any entry of its group, or "no entry" for the out-of-scope ones), by gradient
descent with a little L2 regularisation. The answer margin, chosen on held-out
messages, is left as it is. The trained head (:mod:`bot.core.faq.head`) is fitted on every
example and written beside the weights.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from bot.content import Content
from bot.core.faq.head import FaqHead, softmax
from bot.core.faq.ranking import FEATURES, OUTSIDE_FEATURES, Evidence, FaqRanking
from bot.core.semantic.reading import Reader

FOLDS = 5
L2 = 0.01
ITERATIONS = 3000
STEP = 0.5
CALIBRATION_FILE = "calibration.yaml"


def labelled_examples(content: Content) -> list[tuple[str, int, set[int]]]:
    """Each example, its candidate, and every candidate that is right for it (its group's);
    ``len(entries)`` stands for "no entry"."""
    entries = content.faq.entries
    outside = len(entries)
    found: list[tuple[str, int, set[int]]] = []
    for index, entry in enumerate(entries):
        group = {i for i, other in enumerate(entries) if content.faq.same_group(other, entry)}
        examples = content.understanding.faq.get(entry.id, ())
        found.extend((text, index, group | {index}) for text in examples)
    found.extend((text, outside, {outside}) for text in content.understanding.out_of_scope)
    return found


def fit(evidence: list[Evidence], right: list[set[int]]) -> dict[str, float]:
    """The weights that make the right candidates most likely, softmax over all of them."""
    entries = np.stack([e.entries for e in evidence])  # examples × entries × features
    outside = np.stack([e.outside for e in evidence])  # examples × outside features
    count = entries.shape[1]
    target = np.zeros((len(evidence), count + 1))
    for row, candidates in enumerate(right):
        target[row, sorted(candidates)] = 1.0
    weights = np.zeros(entries.shape[2])
    outside_weights = np.zeros(outside.shape[1])
    for _ in range(ITERATIONS):
        scores = np.concatenate([entries @ weights, (outside @ outside_weights)[:, None]], axis=1)
        probability = softmax(scores)
        wanted = probability * target
        wanted /= wanted.sum(axis=1, keepdims=True)
        error = probability - wanted  # gradient of -log P(a right candidate)
        grad = np.einsum("ne,nef->f", error[:, :count], entries) / len(evidence)
        outside_grad = (error[:, count, None] * outside).mean(axis=0)
        weights -= STEP * (grad + L2 * weights)
        outside_weights -= STEP * (outside_grad + L2 * outside_weights)
    names = (*FEATURES, *OUTSIDE_FEATURES)
    values = (*weights, *outside_weights)
    return {name: round(float(value), 3) for name, value in zip(names, values, strict=True)}


def calibrate(
    content: Content, ranking: FaqRanking, reader: Reader
) -> tuple[dict[str, float], FaqHead]:
    """The fitted weights, and the head trained on every example.

    The head's evidence for an example comes from a head trained without that example's
    fold (cross-fitting), for the same reason the nearest examples leave it out.
    """
    examples = labelled_examples(content)
    embedded = reader.embed([text for text, _, _ in examples])
    classes = np.array([candidate for _, candidate, _ in examples])
    count = len(content.faq.entries) + 1
    fold = np.arange(len(examples)) % FOLDS
    heads = [FaqHead.train(embedded[fold != k], classes[fold != k], count) for k in range(FOLDS)]
    evidence = [
        ranking.evidence(reader.read(text), without=text, head=heads[fold[row]])
        for row, (text, _, _) in enumerate(examples)
    ]
    weights = fit(evidence, [right for _, _, right in examples])
    return weights, FaqHead.train(embedded, classes, count)


def write_weights(directory: Path, weights: dict[str, float]) -> Path:
    """Replace the ``weights:`` line of ``calibration.yaml``, keeping its comments and margins."""
    path = directory / CALIBRATION_FILE
    listed = ", ".join(f"{name}: {value}" for name, value in weights.items())
    text, replaced = re.subn(
        r"(?m)^  weights: \{.*\}$", f"  weights: {{{listed}}}", path.read_text(encoding="utf-8")
    )
    if replaced != 1:
        raise ValueError(f"{path}: expected one 'weights:' line under 'faq:'")
    path.write_text(text, encoding="utf-8")
    return path

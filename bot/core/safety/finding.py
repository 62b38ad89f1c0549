"""A head that reads what the words reader found: is this finding a sign, or a look-alike?

The sign head (:mod:`bot.core.safety.head`) learns what signs read like among every
message and sentence, most of which name no sign at all. The words reader's false
alarms are another matter: messages that do name a sign's words, told by a nurse of her
patients, a student revising, a writer whose fever was in April and cleared. This head
learns from exactly those cases: every message of ``content/learnt/`` and
``content/training/`` in which the words reader finds a sign, with the clause the sign
is told in and the whole message side by side, labelled by whether the message told a
sign. On sets it did not learn from (``bench/finding_head.py``) it reads a fifth of the
look-alikes below any sign; ``signs.finding`` in ``content/calibration.yaml`` says, per
tier, below what log-odds a finding is let go. ``backcoach content calibrate`` trains it
after the sign head, and should be run again when ``content/safety.yaml``'s patterns
change, since they decide which messages it learns from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot.content import Content, default_content_dir, load_training
from bot.content.understanding import Learnt
from bot.core.safety.head import SignHead, trained_on
from bot.core.safety.signs import SignPatterns
from bot.core.semantic.encoder import DIMENSIONS, Vectors
from bot.core.semantic.reading import Reader

FINDING_FILE = "finding_head.npz"
HIDDEN = 128
EPOCHS = 32
"""Session 22, four folds of ``content/training/`` by set: 128 units for 32 epochs read 57
of 229 emergency look-alikes and 16 of 140 urgent ones below -6 and no held-out sign;
the clause alone read none of them that low."""


@dataclass(frozen=True)
class Finding:
    """A message in which the words reader found a sign, and whether it told one."""

    text: str
    clause: str
    sign: bool


@dataclass(frozen=True)
class FindingHead:
    head: SignHead

    def log_odds(self, clause: Vectors, whole: Vectors) -> float:
        """The log-odds that a finding told in ``clause`` (its vector) within a message
        read as ``whole`` is a sign."""
        return float(self.head.log_odds(features(clause, whole))[0])

    @classmethod
    def load(cls, directory: Path) -> FindingHead:
        return cls(SignHead.load(directory, FINDING_FILE, 2 * DIMENSIONS))

    def save(self, directory: Path) -> Path:
        return self.head.save(directory, FINDING_FILE)

    @classmethod
    def fit(
        cls,
        reader: Reader,
        findings: Sequence[Finding],
        *,
        epochs: int = EPOCHS,
        hidden: int = HIDDEN,
    ) -> FindingHead:
        clauses = reader.embed([finding.clause for finding in findings])
        wholes = reader.read_all([finding.text for finding in findings], sentences=False).whole
        signs = np.array([finding.sign for finding in findings])
        return cls(SignHead.train(features(clauses, wholes), signs, epochs, hidden))


def features(clauses: Vectors, wholes: Vectors) -> Vectors:
    return np.hstack([clauses, wholes]).astype(np.float32)


def findings_in(texts: Sequence[str], told_signs: bool, patterns: SignPatterns) -> list[Finding]:
    """The messages among ``texts`` in which the words reader finds a sign."""
    found = []
    for text in texts:
        told = patterns.told(text)
        if told is not None:
            found.append(Finding(text, told[1], told_signs))
    return found


def learnt_findings(learnt: Learnt, patterns: SignPatterns) -> list[Finding]:
    """The findings among one folder of labelled messages: its signs', then the rest's."""
    return [
        *findings_in(learnt.told_signs, True, patterns),
        *findings_in(learnt.no_sign, False, patterns),
    ]


def train_finding_head(content: Content, reader: Reader) -> FindingHead:
    """The head learnt from every labelled message the words reader finds a sign in."""
    patterns = SignPatterns(content.safety)
    training = load_training(content.root or default_content_dir())
    findings = [
        *findings_in([*content.learnt.told_signs, *training.told_signs], True, patterns),
        *findings_in([*content.learnt.no_sign, *training.no_sign], False, patterns),
    ]
    fitted = FindingHead.fit(reader, findings)
    return FindingHead(replace(fitted.head, trained_on=trained_on(content)))

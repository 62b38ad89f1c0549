"""Scores the finding head on sets it did not learn from.

    python bench/finding_head.py                  # the shipped size
    python bench/finding_head.py --sizes 128x32,256x64

``content/training/``'s sets are dealt into four folds as ``bench/sign_head.py`` deals
them. The words reader reads every training message; each fold's finding head learns
from the findings of ``content/learnt/`` and the other three folds, and reads the
fold's findings. Prints per size and tier how many held-out signs and look-alikes read
below each log-odds, the shipped ``signs.finding`` threshold marked: a look-alike below
it is a false alarm let go, a sign below it a sign lost. Reading the findings takes two
to four minutes, a fold of the shipped size about ten seconds.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import numpy.typing as npt
from sign_head import FOLDS, Set, read_sets

from bot.content import load_content
from bot.content.loader import TRAINING
from bot.core.answers import Answerer
from bot.core.safety.finding import EPOCHS, HIDDEN, Finding, FindingHead, learnt_findings
from bot.core.safety.signs import SignPatterns
from bot.core.semantic.reading import Reader

STEPS = (-9.0, -8.0, -7.0, -6.5, -6.0, -5.5, -5.0, -4.0, -3.0)


def held_out_odds(
    reader: Reader, folds: list[list[tuple[Finding, str]]], base: list[Finding], size: str
) -> tuple[npt.NDArray[np.float64], list[tuple[Finding, str]]]:
    """Each training finding's log-odds by the head that did not learn from its fold."""
    hidden, epochs = (int(n) for n in size.split("x"))
    odds: list[float] = []
    read: list[tuple[Finding, str]] = []
    for fold in range(FOLDS):
        learnt = [f for k, found in enumerate(folds) if k != fold for f, _ in found]
        head = FindingHead.fit(reader, [*base, *learnt], epochs=epochs, hidden=hidden)
        held = folds[fold]
        clauses = reader.embed([finding.clause for finding, _ in held])
        wholes = reader.read_all([finding.text for finding, _ in held], sentences=False).whole
        odds += [head.log_odds(clauses[[i]], wholes[[i]]) for i in range(len(held))]
        read += held
    return np.array(odds), read


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=f"{HIDDEN}x{EPOCHS}", help="units x epochs")
    args = parser.parse_args()
    content = load_content()
    root = content.root
    if root is None or not (root / TRAINING).is_dir():
        sys.exit("no content/training/ here: run from a clone of the repository")
    started = time.perf_counter()
    patterns = SignPatterns(content.safety)
    tiers = {sign.id: sign.tier for sign in content.safety.signs}
    sets: list[Set] = read_sets(root / TRAINING)
    folds: list[list[tuple[Finding, str]]] = [[] for _ in range(FOLDS)]
    for k, messages in enumerate(sets):
        for text, sign in messages:
            told = patterns.told(text)
            if told is not None:
                folds[k % FOLDS].append((Finding(text, told[1], sign), tiers[told[0].id]))
    base = learnt_findings(content.learnt, patterns)
    reader = Answerer(content, trained_head=False).content_reader
    count = sum(len(fold) for fold in folds)
    print(
        f"finding head: {FOLDS} folds over {root / TRAINING} ({len(sets)} sets): {count} "
        f"messages the words reader finds a sign in, {len(base)} more from content/learnt/ "
        f"always learnt ({time.perf_counter() - started:.0f} s to read)"
    )
    for size in args.sizes.split(","):
        started = time.perf_counter()
        odds, read = held_out_odds(reader, folds, base, size)
        signs = np.array([finding.sign for finding, _ in read])
        print(f"  {size} (units x epochs), {time.perf_counter() - started:.0f} s:")
        for tier in ("emergency", "urgent"):
            of = np.array([t == tier for _, t in read])
            shipped = content.calibration.signs.finding.get(tier)
            print(
                f"    {tier}: {int((signs & of).sum())} signs, {int((~signs & of).sum())} "
                "look-alikes; below each log-odds, signs lost / look-alikes let go:"
            )
            for step in STEPS:
                below = odds < step
                mark = "  <- signs.finding" if shipped == step else ""
                print(
                    f"      {step:+5.1f}: {int((below & signs & of).sum()):3d} / "
                    f"{int((below & ~signs & of).sum()):3d}{mark}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Scores the warning-sign head on sets it did not learn from.

    python bench/sign_head.py                  # the shipped size and sessions 17-18's
    python bench/sign_head.py --sizes 128x32   # units x epochs, as many as wanted

``content/training/``'s sets are dealt into four folds (set by set, so a writer's
messages stay together). Each fold's head learns from the content and the other three,
as ``backcoach content calibrate`` does, and reads the fold's messages: a message's
log-odds is its most sign-like part's (the whole or a sentence). Prints per size:
  - how often a held-out sign reads above a held-out message that is none (AUC);
  - the share of signs and of the rest the head is sure of (``signs.head_sure``), which
    the check counts as signs near no example;
  - the share of the rest and of signs below each tier's let-go floor
    (``signs.let_go``), which may let a words finding go.
Reading the training sets takes about a minute; a fold of the shipped size one to two
minutes (64 units for 8 epochs: 10 s).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.content import load_content
from bot.content.loader import TRAINING
from bot.core.answers import Answerer
from bot.core.safety.head import EPOCHS, HIDDEN, content_examples, fit_sign_head
from bot.core.semantic.reading import Reader

FOLDS = 4
Set = list[tuple[str, bool]]


def read_sets(folder: Path) -> list[Set]:
    paths = sorted(folder.glob("*.jsonl"), key=lambda path: (len(path.stem), path.stem))
    return [
        [(row["text"], row["label"] == "RED_FLAG") for row in map(json.loads, lines)]
        for lines in ([ln for ln in p.read_text("utf-8").splitlines() if ln.strip()] for p in paths)
    ]


def held_out_odds(
    reader: Reader, sets: list[Set], base: tuple[list[str], list[str]], hidden: int, epochs: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Each training message's log-odds by the head that did not learn from its fold."""
    odds: list[float] = []
    signs: list[bool] = []
    for fold in range(FOLDS):
        learnt = [message for k, s in enumerate(sets) if k % FOLDS != fold for message in s]
        held = [message for k, s in enumerate(sets) if k % FOLDS == fold for message in s]
        head = fit_sign_head(
            reader,
            [*base[0], *(text for text, sign in learnt if sign)],
            [*base[1], *(text for text, sign in learnt if not sign)],
            hidden=hidden,
            epochs=epochs,
        )
        read = reader.read_all([text for text, _ in held])
        for index, ((_, sign), sentences) in enumerate(
            zip(held, read.sentences_by_message(), strict=True)
        ):
            parts = np.vstack([read.whole[index : index + 1], sentences])
            odds.append(float(head.log_odds(parts).max()))
            signs.append(sign)
    return np.array(odds), np.array(signs)


def auc(odds: npt.NDArray[np.float64], signs: npt.NDArray[np.bool_]) -> float:
    """The chance a sign reads above a message that is none (ties count half)."""
    others = np.sort(odds[~signs])
    above = np.searchsorted(others, odds[signs], side="left")
    ties = np.searchsorted(others, odds[signs], side="right") - above
    return float((above + ties / 2).sum() / (signs.sum() * len(others)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default=f"{HIDDEN}x{EPOCHS},64x8", help="units x epochs, comma-separated"
    )
    args = parser.parse_args()
    content = load_content()
    root = content.root
    if root is None or not (root / TRAINING).is_dir():
        sys.exit("no content/training/ here: run from a clone of the repository")
    sets = read_sets(root / TRAINING)
    thresholds = content.calibration.signs
    reader = Answerer(content, trained_head=False).content_reader
    messages = sum(len(s) for s in sets)
    signs_count = sum(sign for s in sets for _, sign in s)
    print(
        f"sign head: {FOLDS} folds over {root / TRAINING} ({len(sets)} sets, {messages} "
        f"messages, {signs_count} signs); each fold's head learns from the content and the "
        "other folds"
    )
    base = content_examples(content)
    for size in args.sizes.split(","):
        hidden, epochs = (int(n) for n in size.split("x"))
        started = time.perf_counter()
        odds, signs = held_out_odds(reader, sets, base, hidden, epochs)
        line = f"  {hidden} units, {epochs} epochs: AUC {auc(odds, signs) * 100:.2f}%"
        if thresholds.head_sure is not None:
            sure = odds >= thresholds.head_sure
            line += (
                f"; sure (>= {thresholds.head_sure:g}): signs {sure[signs].mean() * 100:.1f}%, "
                f"others {sure[~signs].mean() * 100:.2f}%"
            )
        for tier, rule in thresholds.let_go.items():
            below = odds < rule.floor
            line += (
                f"; below the {tier} floor ({rule.floor:g}): others "
                f"{below[~signs].mean() * 100:.1f}%, signs {below[signs].mean() * 100:.2f}%"
            )
        print(line + f" ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

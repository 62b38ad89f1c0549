"""Scores the whole warning-sign check on sets its head did not learn from.

    python bench/sign_check.py                                  # the shipped calibration
    python bench/sign_check.py --try head_sure=5 --try let_go.urgent.floor=-1
    python bench/sign_check.py --heads /tmp/heads --show 20     # keep the fold heads

``bench/sign_head.py`` scores the head alone; this runs what users meet. The sets of
``content/training/`` are dealt into the same four folds. Each fold's sign head learns
from the content and the other three, its finding head from the words reader's findings
in ``content/learnt/`` and the other three, and the check (words reader, meaning reader,
those heads and ``content/calibration.yaml``'s ``signs``) reads the fold's messages.
``--try 'finding={}'`` scores the check without the finding head. It prints the
signs missed and the false alarms over every fold, for the shipped calibration and for
each ``--try`` (a ``signs`` field set to a value, ``;`` between several in one try), with
the messages one try finds or loses against the shipped calibration.

Training the four heads takes four to eight minutes, reading the findings for the
finding heads two to four more; ``--heads DIR`` keeps them (``sign_head.npz`` and
``finding_head.npz`` per fold folder) and reuses them when the content has not moved on.
Each calibration then reads the 15,500 messages in one to two minutes.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sign_head import FOLDS, Set, read_sets

from bot.content import Content, load_content
from bot.content.calibration import SignCalibration
from bot.content.loader import TRAINING
from bot.core.answers import Answerer
from bot.core.safety.check import RedFlagCheck
from bot.core.safety.finding import FINDING_FILE, FindingHead, findings_in, learnt_findings
from bot.core.safety.head import SignHead, content_examples, fit_sign_head, texts_digest
from bot.core.safety.meaning import SignMeaning
from bot.core.safety.signs import SignPatterns
from bot.core.semantic.reading import Reader

Decisions = list[bool]
"""For every training message in fold order, whether the check found a sign."""


def fold_heads(
    reader: Reader, sets: list[Set], content: Content, keep: Path | None
) -> list[SignHead]:
    """Each fold's head, trained on the content and the other folds (or read from ``keep``
    when it learnt from exactly those texts)."""
    base = content_examples(content)
    heads = []
    for fold in range(FOLDS):
        learnt = [message for k, s in enumerate(sets) if k % FOLDS != fold for message in s]
        signs = [*base[0], *(text for text, sign in learnt if sign)]
        others = [*base[1], *(text for text, sign in learnt if not sign)]
        digest = texts_digest(signs, others)
        folder = keep / str(fold) if keep else None
        if folder is not None and (folder / "sign_head.npz").is_file():
            head = SignHead.load(folder)
            if head.trained_on == digest:
                heads.append(head)
                continue
        started = time.perf_counter()
        head = fit_sign_head(reader, signs, others)
        head = replace(head, trained_on=digest)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            head.save(folder)
        print(f"  fold {fold}: head trained in {time.perf_counter() - started:.0f} s")
        heads.append(head)
    return heads


def fold_finding_heads(
    reader: Reader, sets: list[Set], content: Content, keep: Path | None
) -> list[FindingHead]:
    """Each fold's finding head, learnt from the words reader's findings in
    ``content/learnt/`` and the other folds (or read from ``keep``, as the sign heads)."""
    patterns = SignPatterns(content.safety)
    base = learnt_findings(content.learnt, patterns)
    found = [
        [f for text, sign in messages for f in findings_in([text], sign, patterns)]
        for messages in sets
    ]
    heads = []
    for fold in range(FOLDS):
        learnt = [*base, *(f for k, fs in enumerate(found) if k % FOLDS != fold for f in fs)]
        digest = texts_digest(
            [f"{f.text}\x1f{f.clause}" for f in learnt if f.sign],
            [f"{f.text}\x1f{f.clause}" for f in learnt if not f.sign],
        )
        folder = keep / str(fold) if keep else None
        if folder is not None and (folder / FINDING_FILE).is_file():
            head = FindingHead.load(folder)
            if head.head.trained_on == digest:
                heads.append(head)
                continue
        started = time.perf_counter()
        head = FindingHead.fit(reader, learnt)
        head = FindingHead(replace(head.head, trained_on=digest))
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            head.save(folder)
        print(f"  fold {fold}: finding head trained in {time.perf_counter() - started:.0f} s")
        heads.append(head)
    return heads


def decide(checks: list[RedFlagCheck], sets: list[Set]) -> tuple[Decisions, list[tuple[str, bool]]]:
    """Every held-out message's finding, by the check whose head did not learn from it."""
    found: Decisions = []
    messages: list[tuple[str, bool]] = []
    for fold, check in enumerate(checks):
        for k, messages_of_set in enumerate(sets):
            if k % FOLDS == fold:
                for text, sign in messages_of_set:
                    found.append(check.find(text) is not None)
                    messages.append((text, sign))
    return found, messages


def calibrated(signs: SignCalibration, changes: str) -> SignCalibration:
    """``signs`` with ``field=value`` changes (``let_go.urgent.floor=-1``), ``;`` apart."""
    data: dict[str, Any] = signs.model_dump()
    for change in filter(None, (c.strip() for c in changes.split(";"))):
        key, value = change.split("=", 1)
        *path, last = key.split(".")
        place = data
        for name in path:
            place = place.setdefault(name, {})
        place[last] = None if value == "none" else json.loads(value)
    return SignCalibration.model_validate(data)


def report(name: str, found: Decisions, messages: list[tuple[str, bool]]) -> str:
    signs = sum(sign for _, sign in messages)
    missed = sum(sign and not hit for hit, (_, sign) in zip(found, messages, strict=True))
    alarms = sum(hit and not sign for hit, (_, sign) in zip(found, messages, strict=True))
    others = len(messages) - signs
    return (
        f"  {name}: missed {missed} of {signs} signs ({missed / signs * 100:.2f}%), "
        f"false alarms {alarms} of {others} ({alarms / others * 100:.2f}%)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--try", dest="tries", action="append", default=[], metavar="CHANGES")
    parser.add_argument("--heads", type=Path, help="a folder to keep the fold heads in")
    parser.add_argument("--show", type=int, default=10, help="messages shown per change")
    args = parser.parse_args()
    content = load_content()
    root = content.root
    if root is None or not (root / TRAINING).is_dir():
        raise SystemExit("no content/training/ here: run from a clone of the repository")
    sets = read_sets(root / TRAINING)
    answerer = Answerer(content, trained_head=False)
    reader = answerer.content_reader
    print(f"warning-sign check: {FOLDS} folds over {root / TRAINING} ({len(sets)} sets)")
    heads = fold_heads(reader, sets, content, args.heads)
    findings = fold_finding_heads(reader, sets, content, args.heads)
    meanings = [SignMeaning(content, reader, head) for head in heads]
    # The content's reader reads a message as the bot does, and keeps every sentence it
    # embedded: each calibration after the first reads the messages from memory.

    def run(signs: SignCalibration) -> tuple[Decisions, list[tuple[str, bool]]]:
        for meaning in meanings:
            meaning.thresholds = signs
        checks = [
            RedFlagCheck(content.safety, meaning, reader, finding)
            for meaning, finding in zip(meanings, findings, strict=True)
        ]
        return decide(checks, sets)

    shipped = content.calibration.signs
    started = time.perf_counter()
    base, messages = run(shipped)
    print(report("shipped", base, messages) + f" ({time.perf_counter() - started:.0f} s)")
    for changes in args.tries:
        found, _ = run(calibrated(shipped, changes))
        print(report(changes, found, messages))
        _show(
            "found",
            lambda was, now, sign: sign and now and not was,
            base,
            found,
            messages,
            args.show,
        )
        _show(
            "lost",
            lambda was, now, sign: sign and was and not now,
            base,
            found,
            messages,
            args.show,
        )
        _show(
            "alarms gone",
            lambda was, now, sign: not sign and was and not now,
            base,
            found,
            messages,
            args.show,
        )
        _show(
            "new alarms",
            lambda was, now, sign: not sign and now and not was,
            base,
            found,
            messages,
            args.show,
        )
    return 0


def _show(
    what: str,
    picks: Callable[[bool, bool, bool], bool],
    base: Decisions,
    found: Decisions,
    messages: list[tuple[str, bool]],
    limit: int,
) -> None:
    chosen = [
        text
        for was, now, (text, sign) in zip(base, found, messages, strict=True)
        if picks(was, now, sign)
    ]
    if chosen:
        print(f"    {what} ({len(chosen)}):")
        for text in chosen[:limit]:
            print(f"      {' '.join(text.split())[:160]!r}")


if __name__ == "__main__":
    raise SystemExit(main())

"""Scores the answerer on labelled JSONL files, times it, and weighs its install.

    python bench/faq_eval.py            # every set: content/learnt/, content/training/, bench/data/
    python bench/faq_eval.py PATH.jsonl ... [--show-errors]

Each line is ``{"text", "label", "also_ok"?}``; ``label`` is an FAQ question
verbatim, ``OUT_OF_SCOPE`` or ``RED_FLAG``. An answer is right when its entry is
the label, in ``also_ok``, or in the label's group (a near-duplicate heading).
Abstaining means answering with anything but an FAQ entry; a red flag is right
only when the reply is the red-flag advice (either tier). Latency is one call of
``Answerer.answer`` per message, red-flag check included, on one CPU core.

The blind sets (``bench/data/blind*_faq.jsonl``, once 40-94 too: ``content/training/``
since session 18) were each written by someone who never
saw the matcher and frozen before a round of tuning; each was scored once at the end of
its round. The misses of each round were then studied for the next (so all but the
newest are development data now; see docs/understanding.md). Since round 7 the model is
fine-tuned on blind sets 1-5 and the held-out and long sets: their figures are in-sample.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bot.content import Content, FaqEntry, load_content
from bot.content.understanding import LOOK_ALIKE, OUT_OF_SCOPE, RED_FLAG
from bot.core.answers import Answer, Answerer
from bot.core.semantic.encoder import shipped_encoder

TOP_K = 3
DATA = Path(__file__).parent / "data"
LEARNT = Path(__file__).parents[1] / "content" / "learnt"
TRAINING = Path(__file__).parents[1] / "content" / "training"
DEFAULT_SETS = [
    *(LEARNT / name for name in ("heldout.jsonl", "long.jsonl", "blind.jsonl")),
    *(
        path
        for folder in (LEARNT, TRAINING)
        for path in sorted(folder.glob("blind?*.jsonl"), key=lambda path: int(path.stem[5:]))
    ),
    *sorted(DATA.glob("blind*_faq.jsonl")),
]
"""Earlier rounds' sets (learnt from since round 9, or trained on since session 18:
in-sample), then the fresh ones."""


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    label: str
    also_ok: tuple[str, ...]


def read_cases(path: Path) -> list[Case]:
    """The set's cases; a learnt crisis set's look-alikes (``LOOK_ALIKE``) carry no FAQ
    label to score, and are left out (``bench/crisis.py`` scores such sets)."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["label"] != LOOK_ALIKE:
                cases.append(Case(row["text"], row["label"], tuple(row.get("also_ok", ()))))
    return cases


def accepted(content: Content, case: Case) -> set[str]:
    """Every entry id that counts as a right answer for an in-scope case."""
    ids: set[str] = set()
    for question in (case.label, *case.also_ok):
        entry = content.faq.by_question(question)
        if entry is None:
            sys.exit(f"unknown question in labels: {question!r}")
        ids |= {e.id for e in content.faq.entries if content.faq.same_group(e, entry)}
    return ids


def ratio(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "  n/a"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def score(content: Content, answerer: Answerer, path: Path, show_errors: bool) -> list[float]:
    cases = read_cases(path)
    if not cases:
        print(f"file: {path} (no FAQ or warning-sign labels: a crisis set's look-alikes)")
        return []
    answers: list[Answer] = []
    latencies: list[float] = []
    for case in cases:
        begin = time.perf_counter()
        answers.append(answerer.answer(case.text))
        latencies.append((time.perf_counter() - begin) * 1000)

    in_scope = top1 = top3 = in_scope_alarms = oos_alarms = 0
    oos = abstained = abstained_right = flags = flags_caught = 0
    errors: list[str] = []
    for case, answer in zip(cases, answers, strict=True):
        got = answer.entry.question if answer.kind == "faq" and answer.entry else answer.kind
        if answer.red_flag is not None:
            got = f"red_flag {answer.red_flag.id}"
        if case.label == RED_FLAG:
            flags += 1
            flags_caught += answer.kind == "red_flag"
            if answer.kind != "red_flag":
                errors.append(f"missed red flag   {case.text[:300]!r} -> {got}")
            continue
        abstains = answer.kind != "faq"
        abstained += abstains
        if case.label == OUT_OF_SCOPE:
            oos += 1
            abstained_right += abstains
            oos_alarms += answer.kind == "red_flag"
            if not abstains or answer.kind == "red_flag":
                errors.append(f"OOS -> {got} {answer.score:.2f}   {case.text[:300]!r}")
            continue
        in_scope += 1
        right = accepted(content, case)
        ranked: list[FaqEntry] = [m.entry for m in answer.ranked[:TOP_K]]
        hit = answer.kind == "faq" and answer.entry is not None and answer.entry.id in right
        top1 += hit
        top3 += any(entry.id in right for entry in ranked)
        in_scope_alarms += answer.kind == "red_flag"
        if not hit:
            best = f"{answer.score:.2f} {[e.id for e in ranked]}"
            errors.append(f"wrong ({case.label[:30]}) -> {got} {best}   {case.text[:300]!r}")

    print(f"file: {path} ({len(cases)} messages)")
    print(f"  top-1 in-scope accuracy             {ratio(top1, in_scope)}")
    print(f"  top-{TOP_K} in-scope accuracy             {ratio(top3, in_scope)}")
    print(f"  abstention precision                {ratio(abstained_right, abstained)}")
    print(f"  abstention recall                   {ratio(abstained_right, oos)}")
    print(f"  red-flag recall                     {ratio(flags_caught, flags)}")
    print(f"  red-flag false alarms, in-scope     {ratio(in_scope_alarms, in_scope)}")
    print(f"  red-flag false alarms, out-of-scope {ratio(oos_alarms, oos)}")
    print(
        f"  latency per message                 p50 {statistics.median(latencies):.2f} ms, "
        f"p99 {percentile(latencies, 0.99):.2f} ms, max {max(latencies):.2f} ms"
    )
    if show_errors:
        print(*(f"    {error}" for error in errors), sep="\n")
    return latencies


def installed_megabytes() -> float:
    """The runtime install: the files of backcoach and of every distribution it needs,
    following the extras asked for on the way (``sqlalchemy[asyncio]`` brings greenlet).

    pip's compiled ``.pyc`` files of the dependencies count, backcoach's own (1 MB) do not.
    In an editable install backcoach's recorded files are a stale copy of ``content/``
    (hatchling's force-include), so the checkout's folders are counted instead: counting
    both had added 8 to 15 MB. A fresh ``pip install .`` into an empty venv recorded
    295.5 MB of files on 2026-12-06, without pip and setuptools; this count said 294.4."""
    needed = _needed_distributions()
    root = Path(__file__).resolve().parent.parent
    editable = (root / "bot").is_dir()
    total = 0
    for name, distribution in needed.items():
        if editable and name == "backcoach":
            continue  # its copy of the content is stale; the checkout's is counted below
        for file in distribution.files or ():
            located = Path(str(distribution.locate_file(file)))
            if located.is_file():
                total += located.stat().st_size
    if editable:  # count what the wheel would carry (not content/training/)
        for folder in ("bot", "scheduler", "content"):
            files = (root / folder).rglob("*")
            total += sum(
                p.stat().st_size
                for p in files
                if p.is_file() and not {"__pycache__", "training"} & set(p.relative_to(root).parts)
            )
    return total / 1e6


def _needed_distributions() -> dict[str, metadata.Distribution]:
    """backcoach's installed dependencies, transitively, with the extras each is asked for."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, metadata.Distribution] = {}
    extras_read: dict[str, set[str]] = {}
    pending: list[tuple[str, set[str]]] = [("backcoach", set())]
    while pending:
        name, extras = pending.pop()
        name = canonicalize_name(name)
        if name in extras_read and extras <= extras_read[name]:
            continue
        extras_read.setdefault(name, set()).update(extras)
        try:
            distribution = found.get(name) or metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[name] = distribution
        for line in distribution.requires or ():
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None or any(
                marker.evaluate({"extra": extra}) for extra in {"", *extras_read[name]}
            ):
                pending.append((requirement.name, set(requirement.extras)))
    return found


COLD_STARTS = 5
"""Runs of ``backcoach ask`` timed; one run swings by half a second on a shared machine."""


def cold_start_seconds() -> list[float]:
    """Wall times of ``backcoach ask --json`` for one question, each in a fresh interpreter."""
    command = [sys.executable, "-m", "bot", "ask", "--json", "does walking strengthen your back"]
    times = []
    for _ in range(COLD_STARTS):
        begin = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - begin)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="*")
    parser.add_argument("--show-errors", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    paths = args.paths or DEFAULT_SETS
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as promised

    started = time.perf_counter()
    content = load_content()
    loaded = time.perf_counter()
    answerer = Answerer(content)
    built = time.perf_counter()
    answerer.answer("warm up")

    latencies: list[float] = []
    for path in paths:
        latencies += score(content, answerer, path, args.show_errors)
    print(
        f"all messages: latency p50 {statistics.median(latencies):.2f} ms, "
        f"p99 {percentile(latencies, 0.99):.2f} ms ({len(latencies)} messages, one core)"
    )
    print(
        f"load: content {(loaded - started) * 1000:.0f} ms, answerer (model, vectors, "
        f"matcher) {(built - loaded) * 1000:.0f} ms; texts embedded at load: "
        f"{answerer.vectors.missing}, learnt messages read at load: {answerer.messages.missing}"
    )
    weights = "int8 (exact on this CPU)" if shipped_encoder().signed_products else "uint8"
    print(f"model weights multiplied as {weights}")
    starts = cold_start_seconds()
    print(
        f"`backcoach ask` cold start: median {statistics.median(starts):.2f} s "
        f"(fastest {min(starts):.2f}, slowest {max(starts):.2f}; {len(starts)} runs)"
    )
    print(f"runtime install: {installed_megabytes():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

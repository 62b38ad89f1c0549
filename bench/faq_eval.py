"""Scores the answerer on a labelled JSONL file and times it.

    python bench/faq_eval.py PATH.jsonl [--show-errors]

Each line is ``{"text", "label", "also_ok"?}``; ``label`` is an FAQ question
verbatim, ``OUT_OF_SCOPE`` or ``RED_FLAG``. An answer is right when its entry is
the label, in ``also_ok``, or in the label's group (a near-duplicate heading).
Abstaining means answering with anything but an FAQ entry. Latency is one cold
call of ``Answerer.answer`` per message, red-flag check included.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot.content import Content, FaqEntry, load_content
from bot.core.answers import Answer, Answerer

OUT_OF_SCOPE = "OUT_OF_SCOPE"
RED_FLAG = "RED_FLAG"
TOP_K = 3


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    label: str
    also_ok: tuple[str, ...]


def read_cases(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--show-errors", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    cases = read_cases(args.path)

    started = time.perf_counter()
    content = load_content()
    loaded = time.perf_counter()
    answerer = Answerer(content)
    built = time.perf_counter()
    answerer.answer("warm up")

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
        got = answer.entry.question if answer.entry else answer.kind
        if case.label == RED_FLAG:
            flags += 1
            flags_caught += answer.kind == "red_flag"
            if answer.kind != "red_flag":
                errors.append(f"missed red flag   {case.text!r} -> {got}")
            continue
        abstains = answer.kind != "faq"
        abstained += abstains
        if case.label == OUT_OF_SCOPE:
            oos += 1
            abstained_right += abstains
            oos_alarms += answer.kind == "red_flag"
            if not abstains:
                errors.append(f"answered OOS      {case.text!r} -> {got} {answer.score:.2f}")
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
            errors.append(f"wrong ({case.label[:30]}) {case.text!r} -> {got} {best}")

    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))]
    print(f"file: {args.path} ({len(cases)} messages)")
    print(f"top-1 in-scope accuracy      {ratio(top1, in_scope)}")
    print(f"top-{TOP_K} in-scope accuracy      {ratio(top3, in_scope)}")
    print(f"abstention precision         {ratio(abstained_right, abstained)}")
    print(f"abstention recall            {ratio(abstained_right, oos)}")
    print(f"red-flag recall              {ratio(flags_caught, flags)}")
    print(f"red-flag false alarms, in-scope {ratio(in_scope_alarms, in_scope)}")
    print(f"red-flag false alarms, out-of-scope {ratio(oos_alarms, oos)}")
    print(
        f"latency per message          p50 {statistics.median(latencies):.2f} ms, "
        f"p99 {p99:.2f} ms, max {latencies[-1]:.2f} ms"
    )
    print(
        f"load                         content {(loaded - started) * 1000:.0f} ms, "
        f"matcher {(built - loaded) * 1000:.0f} ms"
    )
    if args.show_errors:
        print(*errors, sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

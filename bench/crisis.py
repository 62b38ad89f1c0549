"""Scores the crisis tier on labelled JSONL: thoughts of ending one's life found, and
look-alikes (gym talk, idioms, a crisis long over, questions in general) let be.

    python bench/crisis.py                 # bench/data/*_crisis.jsonl
    python bench/crisis.py PATH.jsonl ... [--show-errors]

Each line is ``{"text", "label"}`` with ``label`` ``CRISIS`` or ``NOT``. A ``CRISIS``
message is found when the whole check (both readers, as a message is answered) gives a
sign of the crisis tier; a ``NOT`` message is a false alarm when it does. Another tier's
sign on a ``NOT`` message is no crisis false alarm (it is counted apart).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from faq_eval import ratio

from bot.content import load_content
from bot.core.answers import Answerer

DEFAULT_SETS = sorted((Path(__file__).parent / "data").glob("*_crisis.jsonl"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="*")
    parser.add_argument("--show-errors", action="store_true", help="list every miss")
    args = parser.parse_args()
    answerer = Answerer(load_content())
    for path in args.paths or DEFAULT_SETS:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        found = missed = alarms = other_tier = 0
        for row in rows:
            flag = answerer.answer(row["text"]).red_flag
            crisis = flag is not None and flag.tier == "crisis"
            if row["label"] == "CRISIS":
                found += crisis
                missed += not crisis
            else:
                alarms += crisis
                other_tier += flag is not None and not crisis
            if args.show_errors and crisis != (row["label"] == "CRISIS"):
                print(f"    {row['label']}: {flag.id if flag else None}   {row['text'][:160]!r}")
        positives, negatives = found + missed, len(rows) - found - missed
        print(f"file: {path} ({len(rows)} messages)")
        print(f"  crisis recall          {ratio(found, positives)}")
        print(f"  crisis false alarms    {ratio(alarms, negatives)}")
        print(f"  look-alikes given another tier's advice: {other_tier}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

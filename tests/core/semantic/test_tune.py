"""The fine-tuning recipe reads what it says it reads (the training itself needs torch)."""

from __future__ import annotations

import json
from pathlib import Path

from bot.content import load_content
from bot.core.semantic.tune import TRAINING_SETS, labelled


def test_the_recipe_trains_on_sets_of_the_repository_and_never_on_the_newest_blind_sets() -> None:
    names = {path.name for path in TRAINING_SETS}
    assert all(path.is_file() for path in TRAINING_SETS)
    assert not names & {"blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl"}
    assert all(path.parent.name == "learnt" for path in TRAINING_SETS)  # never bench/data


def test_each_message_is_labelled_with_its_entry_out_of_scope_or_sign(tmp_path: Path) -> None:
    content = load_content()
    entry = content.faq.entries[0]
    rows = [
        {"text": "how do I get my back strong at home", "label": entry.question},
        {"text": "what should I cook tonight", "label": "OUT_OF_SCOPE"},
        {"text": "my back hurts and I can't pee", "label": "RED_FLAG"},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    found = labelled([path])
    assert found[:3] == [
        ("how do I get my back strong at home", entry.id),
        ("what should I cook tonight", "outside"),
        ("my back hurts and I can't pee", "sign"),
    ]
    signs = [text for texts in content.understanding.signs.values() for text in texts]
    assert found[3:] == [(text, "sign") for text in signs]  # and every sign's example
    # The FAQ and out-of-scope examples stay strangers to the encoder (leave-one-out).
    examples = {text for texts in content.understanding.faq.values() for text in texts}
    assert not {text for text, _ in found} & (examples | set(content.understanding.out_of_scope))

"""The examples the meaning checks learn from, their cached vectors and the fitted weights."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.cli import main
from bot.content import ContentError, default_content_dir, load_content, load_training
from bot.core.answers import Answerer
from bot.core.faq.calibrate import fit, write_weights
from bot.core.faq.head import FaqHead
from bot.core.faq.ranking import FEATURES, OUTSIDE_FEATURES, Evidence
from bot.core.semantic.encoder import shipped_encoder
from bot.core.semantic.reading import READING_RULES, Reader
from bot.core.semantic.vectors import ContentVectors, MessageVectors


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(default_content_dir(), copy)
    return copy


def test_the_shipped_vector_cache_covers_every_text_the_bot_compares_with() -> None:
    """Else every start embeds them again: run `backcoach content vectors` after editing."""
    answerer = Answerer(load_content())
    assert answerer.vectors.missing == 0
    assert answerer.messages.missing == 0  # the learnt messages too


def test_an_edited_example_is_embedded_at_load_and_used(content_copy: Path) -> None:
    path = content_copy / "understanding.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["out_of_scope"].append("which brand of rowing machine folds flattest for a small flat")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    answerer = Answerer(load_content(content_copy))
    assert answerer.vectors.missing == 1
    answer = answerer.answer("which brand of rowing machine folds flattest for a small flat")
    assert answer.kind == "out_of_scope"


def test_content_check_says_when_the_cache_is_stale(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CONTENT_DIR", str(content_copy))
    assert main(["content", "check"]) == 0
    path = content_copy / "understanding.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["out_of_scope"].append("are standing desks worth it")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["content", "check"]) == 1
    assert "backcoach content vectors" in capsys.readouterr().err
    assert main(["content", "vectors"]) == 0
    assert main(["content", "check"]) == 0
    with (content_copy / "learnt" / "blind9.jsonl").open("a", encoding="utf-8") as learnt:
        message = {"text": "are standing desks worth it for a bad back", "label": "OUT_OF_SCOPE"}
        learnt.write(json.dumps(message) + "\n")  # a learnt message the cache lacks
    assert main(["content", "check"]) == 1
    assert main(["content", "vectors"]) == 0
    assert main(["content", "check"]) == 0


def test_content_check_says_when_the_sign_head_has_not_learnt_the_content(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CONTENT_DIR", str(content_copy))
    assert main(["content", "check"]) == 0
    assert "warning-sign head" not in capsys.readouterr().err  # shipped: trained on this
    with (content_copy / "learnt" / "blind9.jsonl").open("a", encoding="utf-8") as learnt:
        message = {"text": "my legs went from under me twice today", "label": "RED_FLAG"}
        learnt.write(json.dumps({**message, "sign": "leg-weakness"}) + "\n")
    main(["content", "check"])
    said = capsys.readouterr().err
    assert "warning-sign head learnt from other examples" in said
    assert "backcoach content calibrate" in said


def test_content_check_says_when_a_training_set_changed_since_the_head_learnt(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``content/training/`` is what the head learns from besides the learnt sets; the
    meaning reader never reads it, so only the head can be stale for it."""
    monkeypatch.setenv("CONTENT_DIR", str(content_copy))
    with (content_copy / "training" / "blind40.jsonl").open("a", encoding="utf-8") as training:
        message = {"text": "since friday I can't tell when I need a wee", "label": "RED_FLAG"}
        training.write(json.dumps(message) + "\n")  # no sign named: the head needs none
    assert main(["content", "check"]) == 0  # no cache reads the training sets
    said = capsys.readouterr().err
    assert "warning-sign head learnt from other examples" in said


def test_content_check_of_an_install_without_training_sets_notes_nothing(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The wheel leaves ``content/training/`` out; the head it ships is not stale for that."""
    monkeypatch.setenv("CONTENT_DIR", str(content_copy))
    shutil.rmtree(content_copy / "training")
    assert main(["content", "check"]) == 0
    assert "warning-sign head" not in capsys.readouterr().err


def test_an_example_for_an_unknown_entry_is_refused(content_copy: Path) -> None:
    path = content_copy / "understanding.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["faq"]["no-such-entry"] = ["a question"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match=r"faq\.no-such-entry: unknown FAQ entry"):
        load_content(content_copy)


def _evidence(right_feature: int, outside: float) -> Evidence:
    entries = np.zeros((3, len(FEATURES)))
    entries[right_feature % 3, :] = 1.0
    return Evidence(entries, np.array([1.0, outside, outside, 0.0, outside]))


def test_the_fit_learns_to_trust_evidence_that_points_at_the_right_entry() -> None:
    evidence = [_evidence(i, 0.0) for i in range(30)] + [_evidence(i, 1.0) for i in range(30)]
    right = [{i % 3} for i in range(30)] + [{3} for _ in range(30)]  # 3 is "no entry"
    weights = fit(evidence, right)
    assert set(weights) == {*FEATURES, *OUTSIDE_FEATURES}
    assert all(weights[name] > 0 for name in FEATURES)
    assert weights["outside"] > 0


def test_the_trained_head_learns_which_region_belongs_to_which_entry() -> None:
    rng = np.random.default_rng(7)
    centres = np.eye(4, 384)
    classes = np.repeat(np.arange(4), 25)
    vectors = centres[classes] + rng.normal(0, 0.05, (100, 384))
    head = FaqHead.train(vectors, classes, 4)
    assert head.probabilities(centres[[2]]).argmax() == 2
    assert head.probabilities(centres[[2]])[2] > 0.5


def test_a_missing_head_stops_the_answerer_with_a_clear_message(content_copy: Path) -> None:
    (content_copy / "head.npz").unlink()
    with pytest.raises(ContentError, match="backcoach content calibrate"):
        Answerer(load_content(content_copy))


@pytest.mark.parametrize("name", ["sign_head.npz", "finding_head.npz", "crisis_head.npz"])
def test_a_missing_sign_head_stops_the_answerer_with_a_clear_message(
    content_copy: Path, name: str
) -> None:
    (content_copy / name).unlink()
    with pytest.raises(ContentError, match=rf"{name}: missing.*backcoach content calibrate"):
        Answerer(load_content(content_copy))


@pytest.mark.parametrize(
    "name", ["head.npz", "sign_head.npz", "finding_head.npz", "crisis_head.npz"]
)
def test_a_corrupt_head_is_refused_in_one_line(content_copy: Path, name: str) -> None:
    (content_copy / name).write_bytes(b"PK\x03\x04 not a zip at all")  # a cut download
    with pytest.raises(ContentError, match=rf"{name}: missing or unreadable"):
        Answerer(load_content(content_copy))


def test_a_sign_head_trained_with_another_model_is_refused(content_copy: Path) -> None:
    shipped = np.load(content_copy / "sign_head.npz")
    np.savez_compressed(
        content_copy / "sign_head.npz", **{**shipped, "model": np.array("some-other-model")}
    )
    with pytest.raises(ContentError, match="trained with another model"):
        Answerer(load_content(content_copy))


@pytest.mark.parametrize("name", ["sign_head.npz", "finding_head.npz", "crisis_head.npz"])
def test_a_sign_head_of_the_wrong_shape_is_refused(content_copy: Path, name: str) -> None:
    shipped = dict(np.load(content_copy / name))
    shipped["weights"] = shipped["weights"][:-1]  # one hidden unit short
    np.savez_compressed(content_copy / name, **shipped)
    with pytest.raises(ContentError, match="not a sign head's weights"):
        Answerer(load_content(content_copy))


def test_the_finding_head_is_not_the_sign_head_s_shape(content_copy: Path) -> None:
    """The finding head reads a clause and a whole message side by side: a sign head's
    weights in its place are refused, not read as half a finding."""
    (content_copy / "finding_head.npz").write_bytes((content_copy / "sign_head.npz").read_bytes())
    with pytest.raises(ContentError, match=r"finding_head\.npz: not a sign head's weights"):
        Answerer(load_content(content_copy))


def test_without_finding_thresholds_the_finding_head_is_not_needed(content_copy: Path) -> None:
    path = content_copy / "calibration.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["signs"]["finding"] = {}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    (content_copy / "finding_head.npz").unlink()
    answerer = Answerer(load_content(content_copy))
    assert answerer.answer("I can't feel my bum and I can't pee, my back is agony").kind == (
        "red_flag"
    )


def test_without_a_head_weight_the_sign_head_is_not_needed(content_copy: Path) -> None:
    path = content_copy / "calibration.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["signs"]["head_weight"] = 0.0
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    (content_copy / "sign_head.npz").unlink()
    answerer = Answerer(load_content(content_copy))
    assert answerer.answer("my bladder has stopped working and my back is agony").kind == "red_flag"


def test_a_head_trained_for_other_entries_is_refused(content_copy: Path) -> None:
    content = load_content(content_copy)
    head = FaqHead.untrained(content.faq)
    head.weights, head.bias = head.weights[:, 1:], head.bias[1:]  # one entry fewer
    np.savez_compressed(
        content_copy / "head.npz",
        model=np.load(content_copy / "head.npz")["model"],
        entries=np.array([e.id for e in content.faq.entries][1:]),
        weights=head.weights,
        bias=head.bias,
    )
    with pytest.raises(ContentError, match="trained for other FAQ entries"):
        Answerer(load_content(content_copy))


def test_a_sign_pattern_that_matches_an_empty_text_is_refused(content_copy: Path) -> None:
    path = content_copy / "safety.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["signs"][0]["patterns"].append("(numb)?")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="matches an empty text"):
        load_content(content_copy)


def test_no_example_is_a_message_of_the_benchmark_sets() -> None:
    """The examples are learnt from; the sets in bench/data judge what was learnt."""
    sets = Path(__file__).parents[2] / "bench" / "data"
    judged = {
        " ".join(json.loads(line)["text"].split()).casefold()
        for path in sets.glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    content = load_content()
    understanding = content.understanding
    examples = [
        *(t for texts in understanding.faq.values() for t in texts),
        *understanding.out_of_scope,
        *(t for texts in understanding.signs.values() for t in texts),
        *(m.text for m in content.learnt.messages),  # earlier rounds' sets: learnt, not judged
        *(m.text for m in load_training(content.root or default_content_dir()).messages),
    ]
    assert judged
    assert [t for t in examples if " ".join(t.split()).casefold() in judged] == []


def _rewrite_learnt(copy: Path, change: dict[str, str]) -> None:
    path = copy / "learnt" / "blind9.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    first_sign = next(row for row in rows if row["label"] == "RED_FLAG")
    first_sign.update(change)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def test_every_learnt_warning_sign_names_which_sign_it_is() -> None:
    learnt = load_content().learnt
    signs = [m for m in learnt.messages if m.label == "RED_FLAG"]
    assert len(signs) > 500 and all(m.sign for m in signs)
    assert sum(len(texts) for texts in learnt.signs.values()) == len(signs)
    look_alikes = [m for m in learnt.messages if m.label == "LOOK_ALIKE"]
    assert look_alikes and all(m.sign for m in look_alikes)
    assert len(learnt.look_alikes) == len(look_alikes)
    assert len(learnt.no_sign) == len(learnt.messages) - len(signs) - len(look_alikes)


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"sign": "sore-thumb"}, "sign: unknown warning sign 'sore-thumb'"),
        ({"label": "LOOK_ALIKE", "sign": "sore-thumb"}, "sign: unknown warning sign"),
        ({"label": "What is a back?"}, "label: unknown FAQ question 'What is a back\\?'"),
    ],
)
def test_a_learnt_message_with_an_unknown_label_stops_the_load(
    content_copy: Path, change: dict[str, str], complaint: str
) -> None:
    _rewrite_learnt(content_copy, change)
    with pytest.raises(ContentError, match=complaint):
        load_content(content_copy)


def test_a_learnt_line_that_is_not_json_is_named_with_its_line_number(content_copy: Path) -> None:
    path = content_copy / "learnt" / "blind9.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + "{oops\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"blind9\.jsonl:\d+: not valid JSON"):
        load_content(content_copy)


def test_a_learnt_line_without_a_label_is_named_with_its_line_and_field(
    content_copy: Path,
) -> None:
    path = content_copy / "learnt" / "blind9.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, '{"text": "is rowing good for my back"}']) + "\n")
    where = rf"blind9\.jsonl:{len(lines) + 1}"
    with pytest.raises(ContentError, match=rf"{where}: label: Field required"):
        load_content(content_copy)


def test_two_messages_on_one_learnt_line_are_refused_with_its_line_number(
    content_copy: Path,
) -> None:
    """A file is read at once, as one list; a line must still hold one message."""
    path = content_copy / "learnt" / "blind9.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    two = '{"text": "rowing?", "label": "OUT_OF_SCOPE"}, {"text": "swim?", "label": "OUT_OF_SCOPE"}'
    path.write_text("\n".join([*lines, two]) + "\n", encoding="utf-8")
    with pytest.raises(ContentError, match=rf"blind9\.jsonl:{len(lines) + 1}: not valid JSON"):
        load_content(content_copy)


def test_refitting_rewrites_only_the_weights(content_copy: Path) -> None:
    before = (content_copy / "calibration.yaml").read_text(encoding="utf-8")
    weights = dict.fromkeys((*FEATURES, *OUTSIDE_FEATURES), 1.5)
    write_weights(content_copy, weights)
    after = (content_copy / "calibration.yaml").read_text(encoding="utf-8")
    assert after.splitlines()[:3] == before.splitlines()[:3]  # the comments stay
    calibration = load_content(content_copy).calibration
    assert calibration.faq.weights == weights
    assert calibration.faq.answer_margin == load_content().calibration.faq.answer_margin


def test_a_cut_short_vector_cache_is_ignored_not_a_failed_start(content_copy: Path) -> None:
    """A cache only saves time: a corrupt one (a write cut short) is read as empty and the
    texts are embedded again, as for a cache made with another model."""
    (content_copy / "vectors.npz").write_bytes(b"PK\x03\x04 cut short")
    (content_copy / "messages.npz").write_bytes(b"PK\x03\x04 cut short")
    encoder = shipped_encoder()
    vectors = ContentVectors(encoder, content_copy)
    vectors.of(["is walking good for my back?"])
    assert vectors.missing == 1
    messages = MessageVectors(content_copy, READING_RULES)
    learnt = load_content(content_copy).learnt.messages[0].text
    read = messages.wholes([learnt], Reader(encoder.embed).read_wholes)
    assert messages.missing == 1 and read.whole.shape == (1, 384)


def test_without_a_crisis_threshold_the_crisis_head_is_not_needed(content_copy: Path) -> None:
    path = content_copy / "calibration.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["signs"]["crisis_sure"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    (content_copy / "crisis_head.npz").unlink()
    answerer = Answerer(load_content(content_copy))
    found = answerer.answer("i want to end my life, the back pain never stops").red_flag
    assert found is not None and found.tier == "crisis"

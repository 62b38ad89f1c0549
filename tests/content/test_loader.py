"""Content is validated at start-up; mistakes name the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.content import ContentError, default_content_dir, load_content


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(default_content_dir(), target)
    return target


def _edit_faq(root: Path, change: object) -> None:
    path = root / "faq.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_shipped_content_holds_every_article_question_verbatim() -> None:
    article = (Path(__file__).parents[1] / "data/source-article.txt").read_text()
    content = load_content()
    assert len(content.faq.entries) == 18
    for entry in content.faq.entries:
        assert entry.question in article, entry.question


def test_unanswered_article_questions_are_marked_editorial() -> None:
    faq = load_content().faq
    editorial = {e.question for e in faq.entries if e.source == "editorial"}
    assert editorial == {
        "How do you strengthen your lower back for beginners?",
        "How can I make my back stronger?",
    }


def test_title_question_answers_with_the_five_step_exercise() -> None:
    entry = load_content().faq.by_question("How Can I Strengthen My Lower Back Muscles At Home?")
    assert entry is not None
    assert "Perform 3 sets on each side." in entry.answer


def test_missing_field_names_file_entry_and_field(content_copy: Path) -> None:
    _edit_faq(content_copy, lambda d: d["entries"][1].pop("answer"))
    with pytest.raises(ContentError) as error:
        load_content(content_copy)
    message = str(error.value)
    assert "faq.yaml" in message
    assert "entries[weak-back-effects].answer" in message
    assert "Field required" in message


def test_wrong_value_is_reported(content_copy: Path) -> None:
    _edit_faq(content_copy, lambda d: d["entries"][0].update(source="blog"))
    with pytest.raises(ContentError, match=r"entries\[strengthen-at-home\]\.source"):
        load_content(content_copy)


def test_duplicate_ids_are_refused(content_copy: Path) -> None:
    _edit_faq(content_copy, lambda d: d["entries"][1].update(id=d["entries"][0]["id"]))
    with pytest.raises(ContentError, match="duplicate FAQ id"):
        load_content(content_copy)


def test_broken_yaml_and_missing_files_are_reported(content_copy: Path) -> None:
    (content_copy / "messages.yaml").write_text("welcome: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match=r"messages\.yaml: not valid YAML"):
        load_content(content_copy)
    (content_copy / "messages.yaml").unlink()
    with pytest.raises(ContentError, match=r"messages\.yaml: file not found"):
        load_content(content_copy)


def test_unknown_message_key_is_refused(content_copy: Path) -> None:
    path = content_copy / "messages.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nwelcom: typo\n", encoding="utf-8")
    with pytest.raises(ContentError, match="welcom"):
        load_content(content_copy)


def test_a_term_several_sign_patterns_share_is_written_once() -> None:
    """``<medicines>`` in a crisis pattern stands for the shipped ``terms.medicines``."""
    safety = load_content().safety
    crisis = next(sign for sign in safety.signs if sign.id == "self-harm")
    medicines = safety.terms["medicines"]
    assert any(f"({medicines})" in pattern for pattern in crisis.patterns)
    assert not any("<medicines>" in pattern for pattern in crisis.patterns)

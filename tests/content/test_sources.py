"""Every sentence traceable: health claims say whose words they are, and the article's are.

The marker is a field in the data, ``source: article`` or ``source: editorial``,
beside the text it covers (``{text: ..., source: ...}``, an FAQ entry's answer, an
exercise step) or above it (safety.yaml is backcoach's wording throughout). The
walk below reads every content file as YAML, independently of the models, and
fails on a health claim that no marker covers.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import snowballstemmer
import yaml

from bot.content import default_content_dir, load_content

ARTICLE = (Path(__file__).parents[1] / "data" / "source-article.txt").read_text(encoding="utf-8")

BODY = (
    r"pain\w*|ach(e|es|ing|iness|y)|sore\w*|hurts?|injur\w*|strains?|muscles?|spine|spinal"
    r"|lumbar|joints?|nerves?|numb\w*|stiff\w*|back|buttocks?|hamstrings?|core|bladder"
    r"|bowels?|legs?|hips?|knees?|neck|body|health\w*"
)
EFFECT = (
    r"strengthen\w*|stronger|strength|weak\w*|reliev\w*|eas(e|es|ed|ing)|reduc\w*|improv\w*"
    r"|recover\w*|heal\w*|cur(e|es|ed)|grow\w*|loosen\w*|support\w*|stabil\w*|impact|aerobic"
    r"|jolt\w*|loads?|caus\w*|risk\w*|best|good for|safe\w*|harm\w*|helps?|benefit\w*|enough"
    r"|gentle\w*|works?|doctor|medical|emergency|urgent\w*|warning|serious|avoid\w*"
    r"|recommend\w*|suggest\w*|deconditioned|rest"
)
CLAIM = re.compile(
    rf"\b({BODY})\b.*\b({EFFECT})\b|\b({EFFECT})\b.*\b({BODY})\b"
    r"|\b(doctor|medical|emergency)\b"
    r"|\bthe article('s)? (says|suggests|lists|recommends|calls|notes|explains|advises)\b",
    re.IGNORECASE,
)
"""A sentence about the body and what helps or harms it, medical advice, or a report of
what the article says. Broad on purpose: a false alarm costs a marker, a miss an
untraceable claim."""

NOT_CLAIMS = (
    "How Can I Strengthen My Lower Back Muscles At Home?",  # the article's title, in credits
    "a weak or sore lower back",  # what backcoach is for, in greetings
)
NOT_TEXT = frozenset({"id", "aliases", "phrasings", "patterns", "typo_targets", "question"})
"""What people type, ids and the article's headings (quoted verbatim, tested elsewhere)."""
MARKERS = frozenset({"article", "editorial"})
NOT_SHOWN = frozenset({"understanding.yaml", "calibration.yaml"})
"""Messages as people type them, and numbers: read by the matcher, never shown to anyone."""


def texts(node: Any, where: str, marked: bool) -> Iterator[tuple[str, str, bool]]:
    """Every string with its path and whether a ``source`` beside or above it covers it."""
    if isinstance(node, dict):
        source = node.get("source")
        marked = marked or (isinstance(source, str) and source in MARKERS)
        for key, value in node.items():
            if key not in NOT_TEXT:
                yield from texts(value, f"{where}.{key}" if where else str(key), marked)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{where}[{index}]", marked)
    elif isinstance(node, str):
        yield where, node, marked


SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n")


def is_claim(text: str) -> bool:
    """Whether a sentence of ``text`` states a claim; a question asks, it claims nothing."""
    for phrase in NOT_CLAIMS:
        text = text.replace(phrase, "")
    for sentence in SENTENCE_END.split(text):
        if sentence.strip(" “”\"'()").endswith("?"):
            continue
        if CLAIM.search(sentence):
            return True
    return False


def unmarked_claims(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.yaml")):
        if path.name in NOT_SHOWN:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text, marked in texts(data, "", False):
            if not marked and is_claim(text):
                found.append(f"{path.relative_to(root).as_posix()}: {where}: {text[:60]}")
    return found


def article_texts(root: Path) -> Iterator[tuple[str, str]]:
    """Every text marked as the article's: ``text`` or ``answer`` beside ``source: article``."""

    def walk(node: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            if node.get("source") == "article":
                for key in ("text", "answer"):
                    if isinstance(node.get(key), str):
                        yield f"{where}.{key}", node[key]
            for key, value in node.items():
                yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}[{index}]")

    for path in sorted(root.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from walk(data, path.relative_to(root).as_posix())


def words(text: str) -> set[str]:
    text = text.casefold().replace("’", "'").replace("'s", "")
    return set(re.findall(r"[a-z0-9]+", text))


FRAMING = frozenset(
    {"article", "also", "elsewhere", "advises", "lists", "among", "calls", "notes", "explains",
     "suggests", "says", "it", "its", "here", "instead"}
)  # fmt: skip
"""Words that say a sentence is the article's ("The article also lists…"), not what it says."""
ARTICLE_WORDS = words(ARTICLE)


STEMMER = snowballstemmer.stemmer("english")
ARTICLE_STEMS = set(STEMMER.stemWords(sorted(ARTICLE_WORDS)))


def not_in_article(text: str) -> set[str]:
    """The words of ``text`` the article never uses in any form."""
    own = words(text) - FRAMING - {"name"}  # {name} fills a template
    return {word for word in own if STEMMER.stemWord(word) not in ARTICLE_STEMS}


def test_every_health_claim_in_every_content_file_has_a_source_marker() -> None:
    assert unmarked_claims(default_content_dir()) == []


def test_a_health_claim_without_a_marker_is_caught(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(default_content_dir(), content)
    reminders = content / "reminders.yaml"
    text = reminders.read_text(encoding="utf-8").replace(
        'snoozed: "OK,', 'snoozed: "A short walk heals a sore back. OK,'
    )
    reminders.write_text(text, encoding="utf-8")
    load_content(content)  # the loader cannot tell a claim from a plain message
    assert unmarked_claims(content) == [
        "reminders.yaml: snoozed: A short walk heals a sore back. OK, I'll remind you again at"
    ]


@pytest.mark.parametrize(
    "claim",
    [
        "Ten to fifteen minutes is enough: walking twice a day helps ease lower back pain.",
        "A short walk loosens a stiff back more than a long sit.",
        "The article suggests core exercises when back pain is not a sharp or growing pain.",
        "If your pain gets worse, see a doctor.",
    ],
)
def test_the_claims_the_review_found_count_as_claims(claim: str) -> None:
    assert is_claim(claim)


@pytest.mark.parametrize(
    "message",
    ["Walking reminders are off. /remind on turns them back on.", "Stopped. Every bit counts."],
)
def test_plain_messages_are_not_claims(message: str) -> None:
    assert not is_claim(message)


@pytest.mark.parametrize(
    ("where", "text"), list(article_texts(default_content_dir())), ids=lambda v: str(v)[:50]
)
def test_what_is_marked_as_the_articles_uses_the_articles_words(where: str, text: str) -> None:
    """Quoted or closely paraphrased: no word of its own beyond saying it is the article's."""
    assert not_in_article(text) == set(), where


def test_an_invented_word_in_article_text_is_caught() -> None:
    assert not_in_article("Ten to fifteen minutes is enough.") == {"enough"}
    assert not_in_article("The article suggests modified sit-ups in place of full crunches.") == {
        "place",
        "full",
    }


def test_every_article_step_is_quoted_verbatim() -> None:
    flat = " ".join(ARTICLE.split())
    for exercise in load_content().exercises.exercises:
        for step in exercise.steps:
            if step.source == "article":
                assert step.text in flat, (exercise.id, step.text)

"""The sign head: a small network that leans the meaning reader's margin toward what
reads like a warning sign. Each conversation here is in the team's own words."""

from __future__ import annotations

import copy

import numpy as np

from bot.content import load_content
from bot.core.safety.check import RedFlagCheck, _shipped_check
from bot.core.safety.head import SignHead, fit_sign_head
from bot.core.safety.meaning import SignMeaning
from bot.core.semantic.encoder import shipped_encoder
from bot.core.semantic.reading import READING_RULES, Reader
from bot.core.semantic.vectors import ContentVectors, MessageVectors
from tests.conftest import with_signs

NUMB_SEAT = "my bum cheeks feel like they belong to someone else since my back went"


def test_a_numb_seat_in_words_no_pattern_knows_is_found_with_the_head() -> None:
    check = _shipped_check()
    assert check._patterns.find(NUMB_SEAT) is None  # no pattern's words: the meaning's call
    found = check.find(NUMB_SEAT)
    assert found is not None and found.id == "saddle-numbness"


def test_without_the_head_the_meaning_reader_misses_it() -> None:
    content = load_content()
    encoder = shipped_encoder()
    messages = MessageVectors(content.root, READING_RULES)
    content_reader = Reader(ContentVectors(encoder, content.root).of, messages)
    without = RedFlagCheck.of(content, content_reader, Reader(encoder.embed), trained_head=False)
    assert without.find(NUMB_SEAT) is None


def test_the_shipped_head_reads_signs_as_signs_and_questions_as_none() -> None:
    head = _shipped_check()._meaning._head
    assert head is not None
    signs = ["I can't feel my bottom or between my legs", "I've wet myself without noticing"]
    others = ["which stretch is best for a stiff lower back?", "is walking good for my back?"]
    odds = head.log_odds(shipped_encoder().embed([*signs, *others]))
    assert (odds[:2] > 0).all() and (odds[2:] < 0).all()


def test_training_learns_the_direction_that_separates_signs() -> None:
    rng = np.random.default_rng(7)
    direction = rng.normal(size=384).astype(np.float32)
    direction /= np.linalg.norm(direction)
    vectors = rng.normal(0, 0.05, (600, 384)).astype(np.float32)
    signs = np.arange(600) < 100  # outnumbered six to one, as in the content
    vectors[signs] += direction
    head = SignHead.train(vectors, signs, epochs=100)
    odds = head.log_odds(np.vstack([direction, -direction]))
    assert odds[0] > 2 > -2 > odds[1]
    again = SignHead.train(vectors, signs, epochs=100)  # seeded: the same content, the same head
    assert np.array_equal(again.log_odds(vectors[:5]), head.log_odds(vectors[:5]))


def test_a_head_learns_from_the_texts_it_is_given_at_the_size_asked() -> None:
    """What bench/sign_head.py relies on to leave sets out: a story's sign is learnt from
    its sign-like sentence, and the rest of the story is not taught as a sign."""
    signs = [
        "Long week at work. Since Tuesday I can't feel anything between my legs.",
        "I've wet myself twice today without noticing",
        "my bottom has gone numb and stays numb",
    ]
    others = [
        "Long week at work. Which stretch helps a stiff lower back?",
        "is walking good for my back?",
        "how many bridges should I do?",
        "what are three core exercises?",
    ]
    head = fit_sign_head(Reader(shipped_encoder().embed), signs, others, epochs=200, hidden=16)
    assert head.hidden_weights.shape == (384, 16)
    odds = head.log_odds(shipped_encoder().embed(["I can't feel anything between my legs"]))
    assert odds[0] > 0
    assert head.log_odds(shipped_encoder().embed(["Long week at work."]))[0] < odds[0]


def test_the_head_only_lowers_margins_so_it_never_hides_a_sign() -> None:
    """A part the head reads as no sign keeps the plain margin; one it reads as a sign
    needs less."""
    meaning = _shipped_check()._meaning
    parts = shipped_encoder().embed(["which stretch is best for a stiff lower back?", NUMB_SEAT])
    plain = meaning.thresholds.margin + meaning.thresholds.per_part * np.log(2)
    margins = meaning._margins(parts, meaning._odds(parts))
    assert margins[0] == np.float32(plain)
    assert margins[1] < plain


SURE_SIGNS = [
    "sat down to pee and couldn't tell if anything was coming out, back's been agony since sunday",
    "my gran is 90, last week she did her own shopping, now she can't get out of bed and her "
    "back pain is much worse",
]


def _meaning_near_no_example(**signs: object) -> tuple[SignMeaning, Reader]:
    """The shipped meaning reader with every sign's example out of reach (``similar``
    0.99): what is left is what the head alone is sure of."""
    content = load_content()
    check = _shipped_check()
    assert check._meaning is not None and check._reader is not None
    far = with_signs(content, **{"similar": 0.99, **signs})
    encoder = shipped_encoder()
    content_reader = Reader(
        ContentVectors(encoder, content.root).of, MessageVectors(content.root, READING_RULES)
    )
    return SignMeaning(far, content_reader, check._meaning._head), check._reader


def test_a_sign_the_head_is_sure_of_is_found_near_no_example() -> None:
    meaning, reader = _meaning_near_no_example()
    denies = _shipped_check()._patterns.denies
    assert [meaning.find(reader.read(text), denies) for text in SURE_SIGNS] == [
        "urinary-retention",
        "older-decline",
    ]
    assert meaning.find(reader.read("is walking good for a stiff lower back?"), denies) is None


def test_without_head_sure_nothing_is_found_near_no_example() -> None:
    meaning, reader = _meaning_near_no_example(head_sure=None)
    denies = _shipped_check()._patterns.denies
    assert [meaning.find(reader.read(text), denies) for text in SURE_SIGNS] == [None, None]


DENIED_SURE_SIGNS = [
    "I didn't notice I'd wet myself until I stood up, and my back has been agony since Monday",
    "back pain + not hungry + lost weight since spring, I'm 69",
]


def test_a_sign_told_with_its_not_is_found_when_the_head_is_surer_still() -> None:
    """A sign told with a word of denial ("I didn't notice I'd wet myself"): the head reads
    it as a sign all the same, and above ``head_sure_denied`` that is enough."""
    denies = _shipped_check()._patterns.denies
    assert all(denies(text) for text in DENIED_SURE_SIGNS)
    meaning, reader = _meaning_near_no_example()
    assert [meaning.find(reader.read(text), denies) for text in DENIED_SURE_SIGNS] == [
        "bladder-bowel",
        "weight-loss",
    ]
    never, reader = _meaning_near_no_example(head_sure_denied=None)
    assert [never.find(reader.read(text), denies) for text in DENIED_SURE_SIGNS] == [None, None]
    # a part that reports normal is let go however sure the head is
    assert meaning.find(reader.read("my bladder feels fine, no problem there"), denies) is None


FALLS_BESIDE_AN_OLD_STORY = [
    "Came off the ladder yesterday clearing the gutters and landed flat on my back on the "
    "patio, it's agony. Last year I had a sore knee but that's fine now. Which stretches help?",
    "My back went a few years ago and settled with physio. On Saturday I came off my "
    "motorbike at about forty on the bypass and my lower back is killing me. Is walking ok?",
    "I had a bit of a tumble last winter, nothing serious. This morning I was knocked off my "
    "bike by a van and landed hard on my lower back. Should I walk it off?",
]


def test_a_sentence_the_head_is_sure_of_is_explained_only_by_its_own_words() -> None:
    """A story's "last year", "a few years ago" or "nothing serious" beside today's fall is
    about something else: it explains the fall away only when the head is unsure of it."""
    shipped = _shipped_check()
    assert shipped._meaning is not None
    neighbours = copy.copy(shipped._meaning)
    neighbours.thresholds = shipped._meaning.thresholds.model_copy(update={"explained_alone": None})
    without = RedFlagCheck(load_content().safety, neighbours, shipped._reader, shipped._finding)
    for text in FALLS_BESIDE_AN_OLD_STORY:
        found = shipped.find(text)
        assert found is not None and found.id == "trauma", text
        assert without.find(text) is None, text

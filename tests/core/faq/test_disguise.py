"""Letters in disguise are read as the letters they show, and nothing else is touched."""

from __future__ import annotations

import pytest

from bot.core.faq.disguise import undisguised
from bot.core.safety import check

CYRILLIC_A, CYRILLIC_O, CYRILLIC_ES, GREEK_CAPITAL_IOTA = "\u0430", "\u043e", "\u0441", "\u0399"


def test_look_alike_letters_of_another_script_read_as_latin() -> None:
    typed = f"I {CYRILLIC_ES}{CYRILLIC_A}n't {CYRILLIC_ES}{CYRILLIC_O}ntrol my bladder"
    assert undisguised(typed) == "I can't control my bladder"


def test_a_capital_look_alike_stays_a_capital() -> None:
    assert undisguised(f"{GREEK_CAPITAL_IOTA} feel numb") == "I feel numb"


def test_a_message_really_in_another_script_keeps_its_letters() -> None:
    russian = "Я вся горю, температура и спина болит. what exercise for back?"
    assert undisguised(russian) == russian


def test_russian_words_inside_an_english_story_keep_their_letters() -> None:
    """ "много" has letters like no Latin one: it is Russian, not English in disguise."""
    story = "Здравствуйте, много хожу пешком. My lower back aches after long walks, why?"
    assert undisguised(story) == story


def test_a_word_of_look_alike_letters_only_reads_as_latin() -> None:
    assert undisguised("my back hurts and my \u0440\u0435\u0435 is hard") == (
        "my back hurts and my pee is hard"
    )


def test_digits_between_letters_read_as_the_letters_they_stand_for() -> None:
    assert undisguised("my bl4dd3r w0n't w0rk and my b@ck p41n") == (
        "my bladder won't work and my back pain"
    )


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("i cant control my blaaaadder", "i cant control my blaadder"),
        ("i cant control my b l a d d e r", "i cant control my bladder"),
        ("I c-a-n-t feel my g.r.o.i.n", "I cant feel my groin"),
        ("can't feel my gr🔥oin", "can't feel my groin"),
        ("i want to k*ll myself", "i want to kill myself"),
        ("thinking about s*icide", "thinking about suicide"),
    ],
)
def test_letters_stretched_spaced_or_masked_read_as_the_word_they_spell(
    typed: str, shown: str
) -> None:
    assert undisguised(typed) == shown


@pytest.mark.parametrize(
    "text",
    [
        "L4-L5 disc and l4l5, s1 and t12",
        "U3A walking group, HbA1c of 48, physio x10d and x3wks",
        "u r a legend, I'm *really* sore, 5*3 sets",
        "b12 low, 5x5 squats at 10am, 2x a day",
        "covid19 in march, a 4yo and 30kg",
        "my doctor wrote 腰痛 🙂",
        "plain words, nothing hidden",
    ],
)
def test_numbers_that_are_numbers_and_other_scripts_words_are_left_as_typed(text: str) -> None:
    assert undisguised(text) == text


def test_the_safety_check_other_features_call_reads_the_disguise_too() -> None:
    found = check("my back hurts and i cant control my b l a d d e r")
    assert found is not None and found.tier == "emergency"

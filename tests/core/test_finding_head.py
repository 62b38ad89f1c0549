"""The finding head: a second reading of what the words reader found, learnt from the
messages it found signs in. Each message here is in the team's own words."""

from __future__ import annotations

import copy

import numpy as np

from bot.content import load_content
from bot.core.safety.check import RedFlagCheck, _shipped_check
from bot.core.safety.finding import Finding, FindingHead
from bot.core.semantic.encoder import shipped_encoder
from bot.core.semantic.reading import Reader

MODULE = (
    "We did a module on cauda equina today, numb saddle, retention, the lot. My back is fine, "
    "I just want to get stronger for rugby. How do I build back strength?"
)
PAST_EMERGENCY = (
    "Years ago, in my thirties, my back went badly while I was on holiday, and back home at "
    "A&E they put a catheter in because I had no bladder control at that time. My back still "
    "flares now and then. What exercises help?"
)


def _check_with(**finding: float) -> RedFlagCheck:
    """The shipped check with the finding head let go below other log-odds per tier."""
    shipped = _shipped_check()
    meaning = shipped._meaning
    assert meaning is not None
    moved = copy.copy(meaning)
    moved.thresholds = meaning.thresholds.model_copy(update={"finding": finding})
    return RedFlagCheck(load_content().safety, moved, shipped._reader, shipped._finding)


def test_a_finding_the_head_reads_below_its_tier_s_threshold_is_let_go() -> None:
    shipped = _shipped_check()
    assert shipped._patterns.find(MODULE) is not None  # the words name retention
    clause = shipped._patterns.told(MODULE)
    assert clause is not None and shipped._reader is not None and shipped._finding is not None
    odds = shipped._finding.log_odds(
        shipped._reader.embed([clause[1]]), shipped._reader.read(MODULE).whole
    )
    assert _check_with(emergency=odds + 0.5).find(MODULE) is None
    assert _check_with(emergency=odds - 0.5).find(MODULE) is not None
    assert _check_with(urgent=odds + 0.5).find(MODULE) is not None  # another tier's threshold


def test_a_past_emergency_a_poster_tells_keeps_its_alarm() -> None:
    """Those who label real posts call an emergency told of years ago a sign: the
    emergency tier's threshold stays below such a story."""
    found = _shipped_check().find(PAST_EMERGENCY)
    assert found is not None and found.tier == "emergency"


def test_the_head_learns_what_separates_signs_from_look_alikes_among_findings() -> None:
    reader = Reader(shipped_encoder().embed)
    signs = [
        Finding("Since Monday I can't pee and my back is agony.", "i cannot pee", True),
        Finding("My bum went numb today and stays numb, back hurts.", "my bum went numb", True),
        Finding("I've wet myself twice today without noticing.", "i have wet myself", True),
    ]
    others = [
        Finding(
            "As a nurse I see patients who can't pee every shift. Best back exercise?",
            "i see patients who cannot pee every shift",
            False,
        ),
        Finding(
            "Revising red flags: numb bum, retention. Is walking good for my back?",
            "revising red flags numb bum retention",
            False,
        ),
        Finding(
            "The GP told me to come back if I wet myself. I haven't. Squats ok for my back?",
            "come back if i wet myself",
            False,
        ),
    ]
    head = FindingHead.fit(reader, [*signs, *others], epochs=300, hidden=16)
    assert head.head.hidden_weights.shape == (768, 16)
    odds = [
        head.log_odds(reader.embed([f.clause]), reader.read(f.text).whole)
        for f in [*signs, *others]
    ]
    assert min(odds[:3]) > max(odds[3:])
    again = FindingHead.fit(reader, [*signs, *others], epochs=300, hidden=16)
    assert np.array_equal(again.head.weights, head.head.weights)  # seeded

"""Warning signs send the person to a doctor; denied signs do not."""

from __future__ import annotations

import copy
import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.content import load_content
from bot.content.loader import load_learnt
from bot.content.understanding import Learnt
from bot.core.answers import Answerer
from bot.core.safety import RedFlagCheck, check, is_red_flag
from bot.core.safety.check import _shipped_check
from bot.core.safety.meaning import SignMeaning
from bot.core.safety.signs import SignPatterns
from bot.core.semantic.encoder import Vectors
from tests.conftest import ConsoleUser, with_signs


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my back hurts and I've lost control of my bladder", "bladder-bowel"),
        ("cant hold my pee since my back went", "bladder-bowel"),
        ("numbness in my groin and lower back pain", "saddle-numbness"),
        ("my bum feels numb and my back aches", "saddle-numbness"),
        ("my legs are getting weaker by the day", "leg-weakness"),
        ("back pain and a fevr of 39", "fever-unwell"),
        ("back is killing me and I feel really unwell", "fever-unwell"),
        ("fell down the stairs last night, back is agony", "trauma"),
        ("had a car accident and now my lower back hurts", "trauma"),
        ("I tripped in the garden yesterday and my back is killing me", "trauma"),
        ("I had prostate cancer 5 years ago, new back pain", "cancer"),
        ("lost a lot of weight without trying, plus back ache", "weight-loss"),
        ("dropped 8kg in two months and my back aches", "weight-loss"),
        ("back pain that wakes me at night every night", "night-pain"),
        ("not sure if it's normal but my groin is numb", "saddle-numbness"),
        ("no fever but I can't control my bowels", "bladder-bowel"),
    ],
)
def test_warning_signs_as_people_describe_them(text: str, sign: str) -> None:
    found = check(text)
    assert found is not None, text
    assert found.id == sign


@pytest.mark.parametrize(
    "text",
    [
        "no numbness, just a stiff lower back",
        "I don't have a fever, is walking good for a sore back?",
        "never had cancer, what exercises help back pain",
        "haven't fallen or had an accident, my back just aches",
        "bladder and bowels are fine, which stretches help my low back",
        "I fell asleep on the couch and my back is stiff",
        "what exercises should I avoid with lower back pain",
        "how long should i sleep each night",
        "I want to lose weight, is walking good for my back?",
        "we are planning a hiking trip in the mountains, how heavy may a backpack be?",
    ],
)
def test_denied_signs_and_ordinary_questions_do_not_alarm(text: str) -> None:
    assert check(text) is None, check(text)
    assert not is_red_flag(text)


def test_a_red_flag_wins_over_a_matching_question() -> None:
    answer = Answerer(load_content()).answer("should I walk if my back hurts and my groin is numb")
    assert answer.kind == "red_flag"
    assert answer.entry is None


async def test_the_reply_is_urgent_care_and_no_exercise(user: ConsoleUser) -> None:
    reply = await user.says("my back hurts and I wet myself without noticing")
    assert "Call your local emergency number" in reply
    assert "Source" not in reply
    assert "[1]" not in reply


def test_a_long_story_must_resemble_a_sign_more_clearly_than_a_short_message() -> None:
    """Each sentence of a story is one more chance to resemble a sign by accident, so the
    meaning reader's margin grows with the parts it reads (``signs.per_part``)."""
    content = load_content()
    answerer = Answerer(content)
    short = "my wee just won't come out properly since my back went"
    story = (
        "I've had a sore lower back since the weekend. I work at a desk all day. "
        f"I tried some stretches from a video. My partner says I should rest more. {short}."
    )

    def meaning_with(per_part: float) -> SignMeaning:
        return SignMeaning(with_signs(content, per_part=per_part), answerer.content_reader)

    def found(meaning: SignMeaning, text: str) -> str | None:
        return meaning.find(answerer.reader.read(text), lambda _: False)

    flat, growing = meaning_with(0.0), meaning_with(0.2)
    assert found(flat, short) == found(flat, story) == "urinary-retention"
    assert found(growing, short) == "urinary-retention"  # one part: no more margin
    assert found(growing, story) is None


@pytest.mark.parametrize(
    "text",
    [
        "back aches and there's a pressure in the middle of my chest",
        "my back pain goes round to the front of my chest",
        "tightness across the centre of his chest since his back went",
    ],
)
def test_chest_pain_is_read_wherever_in_the_chest_it_is(text: str) -> None:
    """The words reader alone: where in the chest ("the middle of", "the front of") is
    still the chest."""
    found = SignPatterns(load_content().safety).find(text)
    assert found is not None and found.id == "chest-pain"


@pytest.mark.parametrize("verb", ["went", "spread", "moved", "shot", "travelled"])
def test_pain_that_spread_to_the_chest_is_chest_pain_in_any_tense(verb: str) -> None:
    found = SignPatterns(load_content().safety).find(
        f"the ache in my back {verb} round into my chest"
    )
    assert found is not None and found.id == "chest-pain"


def _meaning_without_learnt_messages() -> tuple[Answerer, SignMeaning, SignMeaning]:
    content = load_content()
    answerer = Answerer(content)
    alone = SignMeaning(dataclasses.replace(content, learnt=Learnt()), answerer.content_reader)
    return answerer, alone, SignMeaning(content, answerer.content_reader)


def test_strangers_words_for_a_sign_teach_the_meaning_reader_which_sign_it_is() -> None:
    """The team's examples hear "bursting but hardly anything comes" as some emergency;
    the warning signs strangers described (content/learnt/) tell which one it is."""
    answerer, alone, learnt = _meaning_without_learnt_messages()
    reading = answerer.reader.read(
        "back's agony and when I go for a wee hardly anything comes even though I'm bursting"
    )
    assert alone.find(reading, lambda _: False) != "urinary-retention"
    assert learnt.find(reading, lambda _: False) == "urinary-retention"


class _EveryRow:
    """Counter-examples compared the plain way: every part with every row."""

    def __init__(self, blocks: tuple[Vectors, ...]) -> None:
        self.rows = np.vstack(blocks)

    def closest(self, parts: Vectors, needed: Vectors) -> Vectors:
        result: Vectors = (parts @ self.rows.T).max(axis=1)
        return result


def test_the_bounded_search_finds_what_comparing_with_every_counter_example_finds() -> None:
    """The meaning reader reads in full only the counter-examples whose bound could
    decide something; its findings are those of comparing with all 33,500."""
    content = load_content()
    answerer = Answerer(content)
    meaning = SignMeaning(content, answerer.content_reader)
    blocks = meaning._counter._blocks
    everything = copy.copy(meaning)
    everything._counter = _EveryRow(blocks)  # type: ignore[assignment]
    own_only = copy.copy(meaning)
    own_only._counter = _EveryRow(blocks[:2])  # type: ignore[assignment]

    def found(reader: SignMeaning, text: str) -> str | None:
        return reader.find(answerer.reader.read(text), lambda _: False)

    shivering = "the heating is broken at my gym and I was shivering all session, back feels tight"
    assert found(own_only, shivering) is not None  # the learnt ones decide this one
    for text in (
        shivering,
        "in my game my knight fell off a tower. real me: which core moves for a weak back?",
        "my wee just won't come out properly since my back went",
        "my lower back aches after a long day of gardening",
        "the pain in my wallet at night, lol; which stretch for a stiff back?",
    ):
        reading = answerer.reader.read(text)
        assert found(meaning, text) == found(everything, text), text
        assert meaning.unlike_any_sign(reading, 0.15) == everything.unlike_any_sign(reading, 0.15)


def test_the_bound_reads_every_counter_example_that_reaches_the_similarity_needed() -> None:
    content = load_content()
    answerer = Answerer(content)
    meaning = SignMeaning(content, answerer.content_reader)
    counter = meaning._counter
    parts = np.vstack(
        [
            answerer.reader.read(text).vectors
            for text in (
                "my back hurts and I have a fever. Which stretch helps?",
                "numb down below since this morning",
                "which exercises make a weak lower back stronger",
            )
        ]
    )
    every = (parts @ np.vstack(counter._blocks).T).max(axis=1)
    for offset in (-0.2, -0.02, 0.0, 0.02):
        needed = every + np.float32(offset)
        found = counter.closest(parts, needed)
        reached = every >= needed
        assert np.allclose(found[reached], every[reached], atol=1e-6)
        assert (found[~reached] < needed[~reached]).all()
        assert (found[~reached] >= every[~reached] - 1e-6).all()


@pytest.mark.parametrize(
    ("last_earlier_set", "text", "sign"),
    [
        # blind 14-35 joined content/learnt/ in session 9: a leak noticed only by its damp
        (
            13,
            "My back has been rough since the move. Also I've noticed I'm dribbling a bit and "
            "don't realise until my jeans are damp. Is walking OK?",
            "bladder-bowel",
        ),
        # blind 36-39 joined in session 10: an older person's hard fall, played down
        (
            35,
            "my grandad (81) went down hard on the kitchen floor last night, landed on his "
            "back, says it's only bruised, which exercises?",
            "trauma",
        ),
    ],
)
def test_the_later_rounds_sets_teach_the_meaning_reader_signs_the_earlier_ones_did_not(
    tmp_path: Path, last_earlier_set: int, text: str, sign: str
) -> None:
    """Each round's blind sets join content/learnt/ once studied. A meaning reader that
    learnt only the sets before them misses (or misnames) what the later sets teach."""
    content = load_content()
    answerer = Answerer(content)
    assert content.root is not None
    earlier_sets = tmp_path / "learnt"
    earlier_sets.mkdir()
    for path in (content.root / "learnt").glob("*.jsonl"):
        if not path.stem.startswith("blind") or int(path.stem[5:] or 1) <= last_earlier_set:
            shutil.copy(path, earlier_sets)
    earlier = load_learnt(earlier_sets)
    assert 0 < len(earlier.messages) < len(content.learnt.messages)
    before = SignMeaning(dataclasses.replace(content, learnt=earlier), answerer.content_reader)
    now = SignMeaning(content, answerer.content_reader)
    reading = answerer.reader.read(text)
    assert before.find(reading, lambda _: False) != sign
    assert now.find(reading, lambda _: False) == sign


def test_strangers_everyday_messages_keep_a_look_alike_from_alarming() -> None:
    """The learnt messages that describe no sign are counter-examples too."""
    answerer, alone, learnt = _meaning_without_learnt_messages()
    text = "woke up sweaty after a nightmare and my back was stiff, what stretch"
    reading = answerer.reader.read(text)
    assert alone.find(reading, lambda _: False) is not None
    assert learnt.find(reading, lambda _: False) is None
    assert answerer.answer(text).kind != "red_flag"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("since my back went I'm having real difficulty passing water", "urinary-retention"),
        ("can't get my wee to start since the back pain began", "urinary-retention"),
        ("I go to the loo and barely anything comes out, back is awful", "urinary-retention"),
        ("he hasn't passed water since last night and his back is bad", "urinary-retention"),
        ("I'm bursting but I can't go, and my back is agony", "urinary-retention"),
        ("my back's bad and I can't tell when I need the loo any more", "bladder-bowel"),
        ("dad has soiled himself twice since his back went", "bladder-bowel"),
        ("my right foot has started slapping down when I walk, back sore", "leg-weakness"),
        ("I can't lift the front of my foot since my back went", "leg-weakness"),
        ("since the back pain my toes keep catching and I keep tripping", "leg-weakness"),
        ("back pain and I can't stand on my heels any more", "leg-weakness"),
        ("a prop landed knee first into my lower back at training", "trauma"),
        ("took a massive hit in the rugby match, back is killing me", "trauma"),
        ("tearing feeling in my back, and it goes through to my stomach", "tearing-pain"),
        ("ripping pain in my back out of nowhere and I feel faint", "tearing-pain"),
        ("my back is worst at about 3am, every night", "night-pain"),
        ("back ache is awful in the small hours", "night-pain"),
        ("I keep waking at 4am with my back throbbing", "night-pain"),
        ("my back hurts and no position helps at all", "night-pain"),
        ("I'm 81 and my back has gone from stiff to unbearable in a few days", "older-decline"),
        ("mum is 76, her back is much worse over the last week", "older-decline"),
        ("back's a bit better now, but my bladder keeps leaking", "bladder-bowel"),  # not over
        ("since my back went I just can't hold it in any more", "bladder-bowel"),
        ("back's agony and my pants were wet before I even got to the loo", "bladder-bowel"),
        ("hurt my back on Monday and I didn't feel it coming, had an accident", "bladder-bowel"),
        ("my pee has been slow to start since my back went", "urinary-retention"),
        ("back pain and it takes ages to get going when I wee", "urinary-retention"),
        ("sore back, and a weak stream ever since", "urinary-retention"),
        ("since the back started I only pass a little at a time", "urinary-retention"),
        ("my left foot has started to drag since my back flared", "leg-weakness"),
        ("back is sore and I caught my toe on the step twice today", "leg-weakness"),
        ("aching back and a heavy feeling into the middle of my chest", "chest-pain"),
        ("dived into the shallow end and hit my back on the bottom", "trauma"),
        ("fell off the garage roof yesterday, back is killing me", "trauma"),
        ("back's wrecked and I've been running a temp all day", "fever-unwell"),
        ("my back hurts and I've got the shakes, teeth chattering", "fever-unwell"),
        ("sudden pain like a knife through to my front, back agony, feel woozy", "tearing-pain"),
        ("I keep waking at 3am with the pain in my back", "night-pain"),
        ("my dad is 84 and his back is worse every day", "older-decline"),
        ("gran is 90, her back went from fine to awful in a matter of days", "older-decline"),
        ("my old fella's 78 and his back pain is getting worse by the day", "older-decline"),
        ("terrible backache and I've got a fever", "fever-unwell"),  # backache names a back
        ("bak pain n lost loads of wieght without tryin", "weight-loss"),  # bak is a back
        ("a ripping pain right between my shoulder blades out of nowhere", "tearing-pain"),
        ("back's been bad and I'm not managing to hold my water", "bladder-bowel"),
        ("since the back went I didn't make it to the toilet twice", "bladder-bowel"),
        ("back pain a week and now I can't tell when I need a poo", "bladder-bowel"),
        (
            "her back aches all the time and she's got so thin her clothes hang off her",
            "weight-loss",
        ),
        ("my weight is going down without reason and my back hurts", "weight-loss"),
        ("back pain and I'm up at 3 every night with it", "night-pain"),
        ("my back hurts and nothing changes it, lying, sitting, standing", "night-pain"),
        ("back pain, and my chest feels like someone is sitting on it", "chest-pain"),
        ("upper back ache that travels up into my jaw", "chest-pain"),
        ("survivor (breast, 6 years clear) and a new ache in my spine", "cancer"),
        ("my dad is 80 and his back has gone from sore to unbearable", "older-decline"),
        ("a sore back and a pain going down both my legs, which is new", "leg-weakness"),
        ("pain like being torn in two, from my back through to the front", "tearing-pain"),
        ("found a hard lump on my backbone, it's tender", "back-lump"),
        ("he's up pacing every night with his back, nothing settles it", "night-pain"),
        ("back pain and down there feels like it's asleep", "saddle-numbness"),
        ("his back went and now his legs won't hold him", "leg-weakness"),
        ("skied into a tree on Tuesday and my back is agony", "trauma"),
        ("like someone unzipping my back, now I'm sweaty and lightheaded", "tearing-pain"),
        ("not dieting at all but the scale is down and my back aches constantly", "weight-loss"),
        ("back's bad and I leaked twice without noticing", "bladder-bowel"),
        ("back is very pain, my underwear was dirty and I did not feel it", "bladder-bowel"),
        ("knocked off my bike by a car on Monday, back still hurts", "trauma"),
        ("back pain and no position on earth shifts it at night", "night-pain"),
        (
            "weakness lifting my left foot since my back went, it catches on the kerb",
            "leg-weakness",
        ),
        (
            "he rubs his chest, says it's tight like a band round him, and his back hurts",
            "chest-pain",
        ),
        ("my mother is 84 and has had a rapid deterioration in back pain", "older-decline"),
        ("I'm 74 and my back is worse every morning", "older-decline"),
        ("I wake up with this back pain every night now", "night-pain"),
        ("back aches at night and I've tried lying every which way", "night-pain"),
        ("went off the edge of the roof on Tuesday and my back is getting worse", "trauma"),
        ("fell two storeys and landed on rubble; my back's stiff since", "trauma"),
        ("back pain and altered sensation around my back passage", "saddle-numbness"),
        ("she can't feel herself down below since her back went; it's numb", "saddle-numbness"),
        ("back ache and a heaviness right across my chest", "chest-pain"),
        ("the ache moved round from my back, into my chest", "chest-pain"),
        ("since my back went I stand at the toilet and just can't go", "urinary-retention"),
        ("his back got worse and today his legs went from under him", "leg-weakness"),
        ("back's sore; she's had accidents with her waterworks this week", "bladder-bowel"),
        ("sore back and I'm not getting to the toilet in time", "bladder-bowel"),
        ("pain between my shoulders and it go also to chest", "chest-pain"),
        ("back pain, and my weight go down 5 kilo, I eat normal", "weight-loss"),
        ("back pain and between the legs is without feeling", "saddle-numbness"),
        ("back's been bad and my leg went from under me on the kerb", "leg-weakness"),
        ("landed on the top of my head and upper back in the tackle; back is sore", "trauma"),
        ("sciatica, and an awful job getting the water out since Tuesday", "urinary-retention"),
        ("prostate ca in 2019, new lower back pain last month", "cancer"),
        ("thoracolumbar pain after my car rolled on the motorway", "trauma"),
        ("back went last week and today my leg just gave way on the stairs", "leg-weakness"),
        ("since the back tweak I can't go up on tiptoe on my right side", "leg-weakness"),
        ("my back's bad and there's no feeling in his nether regions", "saddle-numbness"),
        ("back pain, and my bum feels numb like a dentist's injection", "saddle-numbness"),
        ("slipped a disc and I can no longer tell when I need to pee", "bladder-bowel"),
        ("a tearing pain in my upper back between the scapulae, sweating", "tearing-pain"),
        ("back pain, and between his legs feels like cardboard", "saddle-numbness"),
        ("my back's sore and I've not managed a wee since yesterday", "urinary-retention"),
        ("back pain at night, not relieved by rest or by changing position", "night-pain"),
        ("every night I wake up with this deep ache in my back", "night-pain"),
        ("dad is 79 and has had a rapid escalation of his back pain this week", "older-decline"),
        ("my mum is 81 and her back pain is rapidly worsening", "older-decline"),
        ("leg gone weak, back's wrecked", "leg-weakness"),
        ("back tight after bench and now my chest feels like an elephant sat on it", "chest-pain"),
        # round 18
        (
            "since my back flared I wait ages at the loo before anything happens",
            "urinary-retention",
        ),
        ("I leak a bit all day now and my lower back is in bits", "bladder-bowel"),
        ("my left leg has no power at all since my back went", "leg-weakness"),
        ("back is sore and I can't even manage a single calf raise on the left", "leg-weakness"),
        (
            "my belt is down three notches and I've done nothing different, back aching",
            "weight-loss",
        ),
        (
            "weight dropping off me with no diet at all, back aching, what exercise is good for it",
            "weight-loss",
        ),
        ("nights are the worst with my back, it just throbs", "night-pain"),
        ("beat the big C six years ago and now my back is aching", "cancer"),
        ("my arse has gone numb and my lower back is killing me", "saddle-numbness"),
        ("back hurts and the part where I sit feels numb", "saddle-numbness"),
        (
            "had lymphoma in 2016, lately a dull ache crept in low down on the left of my back",
            "cancer",
        ),
        # round 19
        ("dad can no longer control his bowels since his back went on Friday", "bladder-bowel"),
        ("grandma has started messing herself since she hurt her back", "bladder-bowel"),
        ("back in agony and when I get to the toilet nothing happens", "urinary-retention"),
        ("since my back went, sex feels different and I can't feel a thing", "saddle-numbness"),
        ("my right leg won't do what I tell it since the back spasm", "leg-weakness"),
        ("mum's back is fine by day but in the night it gets unbearable", "night-pain"),
        ("sweating through my pyjamas every night and my lower back aches", "fever-unwell"),
        # round 20
        (
            "hurt my back lifting, and today I weed a little in my pants without noticing",
            "bladder-bowel",
        ),
        (
            "painter here, I fell through the loft ceiling yesterday and my back is screaming",
            "trauma",
        ),
        ("slipped my footing and dropped ten feet into a trench, back is sore", "trauma"),
        ("back is aching and I've got a crushing tight chest since lunch", "chest-pain"),
        (
            "stepped on the scales and I'm four kilos lighter without trying, back aches all day",
            "weight-loss",
        ),
        ("down 7kg in 5 weeks, not dieting at all, and my back is killing me", "weight-loss"),
        (
            "since my back went, my left knee keeps going out on its own on the stairs",
            "leg-weakness",
        ),
        (
            "back's wrecked and when I wipe after the loo I can't properly feel it",
            "saddle-numbness",
        ),
        ("sudden pain in his back like a knife, now it's going into his stomach", "tearing-pain"),
        (
            "there's a pea-sized ball under the skin on my back that wasn't there before",
            "back-lump",
        ),
        ("ma back's been bad a week and ah cannae get a wee oot", "urinary-retention"),
        (
            "grandad is 81, his back went on Monday and he can't get out his chair now",
            "older-decline",
        ),
        (
            "dad's back went on Sunday and now he can't pee; he thinks it's his prostate",
            "urinary-retention",
        ),
        # round 21 (studied blind 33 after its one scoring)
        (
            "back's bad and both legs feel wooden, I can't really feel them on the stairs",
            "leg-weakness",
        ),
        (
            "since the back injury my left calf keeps giving way and it's getting worse",
            "leg-weakness",
        ),
        ("an ache in my back going straight through to my chest, and I'm breathless", "chest-pain"),
        ("fel down the stairs last nite and my lower back is agony", "trauma"),
        ("his back won't settle and he's lost a lot of weight without trying", "weight-loss"),
        ("my back aches, and in the night it is the most strong, no sleep", "night-pain"),
        ("since my back flared I can't tell when my waterworks are leaking", "bladder-bowel"),
        # round 22 (the integer-product model's meaning reader no longer heard these)
        ("back's gone and I haven't managed to pass water all day", "urinary-retention"),
        ("his back locked up, he needs a wee and can't get it started", "urinary-retention"),
        ("back's shot and I've been shitting myself without noticing, help", "bladder-bowel"),
        ("found a hard lump on my spin and it gets bigger every week", "back-lump"),
        ("the scales keep creeping down, I eat the same, my back still aches", "weight-loss"),
        (
            "grandad's back went from a niggle to him shouting out when he turns, all in two days",
            "older-decline",
        ),
        ("since my back went it is so difficult to make a pee, only drops", "urinary-retention"),
        ("my back aches all the time and i lost loads of wait without dieting", "weight-loss"),
        # round 23 (studied blind 35 after its one scoring)
        ("back's wrecked and I can't even take a leak, trying for hours", "urinary-retention"),
        ("back went and then I sharted with zero warning, didn't feel a thing", "bladder-bowel"),
        ("sore back and I feel nothing at all where I sit on the loo", "saddle-numbness"),
        (
            "can back pain make your groin go numb? mine's been like it since Monday",
            "saddle-numbness",
        ),
        ("my back is bad and my legs are become weak, I nearly fall on the stairs", "leg-weakness"),
        ("back flared, legs like noodles four days on and worse each day", "leg-weakness"),
        ("right foot keeps floppin when i walk and my back hurts", "leg-weakness"),
        ("my upper back aches and there is a crushing pressure on my breastbone", "chest-pain"),
        (
            "back aching, tight pain in my chest on the hill; I put it down to the cold",
            "chest-pain",
        ),
        ("back agony, shivering and feverish. reckon a sauna would sweat it out?", "fever-unwell"),
        # round 24 (studied blind 37)
        ("hurt my back lifting and now my right calf isn't firing at all", "leg-weakness"),
        ("my back went yesterday and my knees just fold under me on the stairs", "leg-weakness"),
        ("back is bad and my legs don't want to hold me up today", "leg-weakness"),
        ("my back's sore and my left foot is sort of slapping down as I walk", "leg-weakness"),
        ("after a heavy pull session my back is shot and my right foot is floppy", "leg-weakness"),
        ("since her back flared she can't get up from a squat, a thigh gives way", "leg-weakness"),
        ("my back aches and there's numbness in the saddle area since Monday", "saddle-numbness"),
        ("back's gone and my undercarriage feels numb", "saddle-numbness"),
        ("bum numb since my back went, I assumed it was the bike saddle", "saddle-numbness"),
        ("I'm 81 and took a heavy fall in the garden, my back is very sore", "trauma"),
        ("got T-boned on the roundabout this morning and my back aches", "trauma"),
        ("she's 78 and landed on her bottom on the kitchen floor, her back hurts", "trauma"),
        ("on treatment for colon ca and my back has started aching", "cancer"),
        ("my nan is 85, her back is bad and she can hardly shuffle to the door", "older-decline"),
        (
            "grandpa, 83, has back pain; he walked fine in May, now he needs a walker",
            "older-decline",
        ),
        # round 25 (studied blind 38)
        ("my legs they become weak since yesterday and my back hurts", "leg-weakness"),
        ("back's bad and my legs feel too weak to hold me this morning", "leg-weakness"),
        ("my back is wrecked and my right knee keeps folding on the stairs", "leg-weakness"),
        ("since my back went I can't pull my toes up on the right foot", "leg-weakness"),
        ("back pain and my foot goes slap on the floor when I walk", "leg-weakness"),
        (
            "grandma is 88, her back hurts and now she uses a stick; she walked fine in May",
            "older-decline",
        ),
        (
            "dad is 80, back pain, and his walking has dropped off a cliff this week",
            "older-decline",
        ),
        (
            "I'm 79 with a sore back and now I can barely make it to the corner shop",
            "older-decline",
        ),
        ("my back is sending pains through to my chest since this morning", "chest-pain"),
        ("back pain and it feels like an elephant is sitting on my chest", "chest-pain"),
        ("back aches and I'm roasting then freezing, teeth chattering", "fever-unwell"),
        (
            "my back's sore and I haven't been able to make water since last night",
            "urinary-retention",
        ),
        ("my back's bad and I'm leaking a bit without knowing", "bladder-bowel"),
        ("I've gone awful thin without trying and my back aches", "weight-loss"),
        ("my back's bad and I've had a numb arse since Monday", "saddle-numbness"),
        ("was up the ladder at the gutter and came off it onto the patio, back's agony", "trauma"),
        ("my mama's back hurts and the pain wakes her up at night", "night-pain"),
        (
            "twice this week my leg has buckled on the stairs, completely gone; my back aches",
            "leg-weakness",
        ),
        # round 26 (studied blind 40 and 41)
        ("my back is sore and I keep weeing myself, is stretching ok", "bladder-bowel"),
        ("bad back and im weeing myself with out noticing, what do i do", "bladder-bowel"),
        ("been feeling grotty for days and my lower back aches, can I still walk?", "fever-unwell"),
        ("lumbar pain, nocturnal, worse for three weeks; which exercises?", "night-pain"),
        ("my back aches and the pain is unrelieved by rest, any stretches?", "night-pain"),
        ("me weight keeps fallin off an I'm not even tryin, me back's killin me", "weight-loss"),
        ("the bull shoved me backwards onto the concrete, back is agony now", "trauma"),
        ("back pain with perineal paraesthesia since lunch, is walking ok?", "saddle-numbness"),
        (
            "tingling where you'd sit on a saddle with, since my back went on Monday",
            "saddle-numbness",
        ),
        (
            "my groin is numb, like that feeling after a long ride but it won't go; back hurts",
            "saddle-numbness",
        ),
        ("there's a palpable mass beside my spine and my back aches; safe to train?", "back-lump"),
        (
            "79M, rapid functional decline this week, from independent to needing a frame, "
            "back pain",
            "older-decline",
        ),
        # round 27 (studied blind 42 and 43)
        (
            "my back's sore and I peed a bit in my shorts at the gym without noticing",
            "bladder-bowel",
        ),
        (
            "back's been bad, went for a wee this morning and couldn't get going at all",
            "urinary-retention",
        ),
        ("my back hurts and down there I can't feel the towel when I dry off", "saddle-numbness"),
        (
            "since Tuesday my left foot been flopping on the stairs and my back aches",
            "leg-weakness",
        ),
        (
            "everyone says I'm looking thinner but I haven't changed a thing, and my back hurts",
            "weight-loss",
        ),
        ("grandad is 81, had a stick last month and now a frame, his back is bad", "older-decline"),
        (
            "my nan is 88, walked with a stick last week, now needs the hoist; her back hurts",
            "older-decline",
        ),
        ("there's a lump come up just above my belt, quite tender, and my back aches", "back-lump"),
        (
            "my lower back has throbbed since 3 in the morning and nothing I do will ease it",
            "night-pain",
        ),
        (
            "I'm 80 with thin bones, missed the bottom step and went down on my bum; my back "
            "has been sore since",
            "trauma",
        ),
    ],
)
def test_the_words_reader_knows_everyday_ways_to_tell_a_sign(text: str, sign: str) -> None:
    """Each is found by the words alone (the meaning reader is not asked here)."""
    found = SignPatterns(load_content().safety).find(text)
    assert found is not None and found.id == sign, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "hot yoga leaves me drenched in sweat, is it good for a stiff back?",
        "the heating is broken at my gym and I was shivering all session, back feels tight",
        "I wake up at 6am for work and my back is stiff until I move",
        "my back went from weak to strong in a few months of training",
        "bladder's fine, I just drink a lot so I'm always at the loo. core moves for my back?",
        "GP checked me: bladder and bowels all normal, legs strong. how do I rebuild my back?",
        "had a fever last month but that's long gone; how long to rebuild back strength?",
        "my groin went numb on a long ride but went back to normal in minutes; back stretches?",
        "lost 6 kilos on keto, now I want a stronger back",
        "would dropping some weight ease my back pain?",
        "writing a leaflet on cauda equina for our surgery's waiting room, what to include",
        "had breast cancer years ago, no back pain at all; which moves build a strong back?",
        "came off my scooter, grazed my knee, back totally fine. best core moves?",
        "I wake at 3am because of the baby, not my back; stretches for a stiff back?",
        "my foot slaps when I run, always has since I started; core moves for my back?",
        "knee's swollen from a knock; the doctor checked it. any back stretches?",
        "the chest pain I had turned out to be heartburn; is walking good for my back?",
        "fell over on the ice two winters ago, no harm done. is walking good for my back?",
        "my bum goes numb on the hard seats at work but it comes back when I stand up",
        "my son had a temperature last week, he's right as rain now; beginner back routine?",
        "doing a push-up challenge for prostate cancer in Movember; do push-ups help my back?",
        "I work in oncology and my back is wrecked from long shifts; best exercises?",
        "feel a bit shivery after my flu jab today; how long to strengthen weak back muscles?",
        "chest feels tight when I do dips but it goes when I stop; back exercises to balance?",
        "crashed on my mate's sofa and my back is stiff, walk it off?",
        "a mozzie bite on my back came up in a big itchy lump; are bridges good?",
        "8 years clear of bowel cancer and I don't have any pain, I just want a stronger back",
        "my knees buckled on the last rep because I went too heavy; squats and my back?",
        "did chest and back yesterday and my chest is so sore; how long till my back gets strong?",
        "chest tight when I run in cold air, it's my asthma; core moves for my back?",
        "dad had a heart attack last year, now in cardiac rehab; will walking help his back?",
        "fell off my skateboard, no pain, just a grazed knee; back exercises at home?",
        "my legs are like jelly after yesterday's 20 km hike and my back is a bit achy",
        "I've had a weak bladder for years, the doctor knows; how long to build my back up?",
        "prostate cancer survivor, 10 years clear, fit as a fiddle; how to keep my back strong?",
        "couldn't pee for hours at the festival, the portaloo queue was huge; back is sore",
        "my laptop crashed and I lost my physio's back exercise sheet",
        "stress incontinence since my daughter was born; how do I strengthen my lower back?",
        "first riding lesson, bum went numb but fine by the time I got home; back a bit achy",
        "legs went dead on the loo but came back after a minute; back achy, walk?",
        "broke my back at 19, fused, zero pain now; best way to build back strength?",
        "had a chest infection, took antibiotics, completely better; does walking help my back?",
        "loving my Saturday Night Fever disco class but my lower back is sore after",
        "World Cup fever, on the sofa all week, back is stiff; walk at half time?",
        "chest sore from coughing all week, back's fine; core moves for the lower back?",
        "long days in the saddle on a motorbike trip; inner thighs numb by evening, back stiff",
        "nine hours driving, legs tingling, but the tingling was gone after a walk; back stiff",
        "night shifts in A&E, my back aches by 7am from being on my feet; walk home or bus?",
        "I read about cauda equina and keep checking, but I have none; is walking ok?",
        "she's 82 and her back hurts on and off, her usual pain, nothing new; daily walks?",
        "our old labrador has started leaking wee on his bed; exercises for a dog's back?",
        "a horror film gave me chills down my spine; which core moves work the lower back?",
        "I always lose a couple of kilos in Ramadan, it's expected; walking with a sore back?",
        "IBS for ten years so my bowels are unpredictable, old news; core moves for my back?",
        "stunt performer, I fall off things for a living onto crash mats; best back programme?",
        "bowel cancer screening came back all clear; what happens if my lower back gets weak?",
        "bronchitis every winter since I was a kid; back stiff from sitting, should I walk?",
        "tripped over the cat and sat down on the carpet, didn't hurt at all; beginner back moves?",
        "my grandad died of cancer and I want to look after my own back; three exercises?",
        "one of my characters ignores a serious back problem; how would night pain feel?",
        "my legs gave out on my last squat set, leg day destroyed me; does it hit the back?",
        "my knees gave way from laughing at the best man's speech; back achy from dancing",
        # round 18
        "had a nasty fall skiing ages ago, fine ever since, which moves build a strong back",
        "my leg went numb once after a disc bulge, it settled by itself and I've been fine since",
        "slipped on the stairs, nothing hurt except my pride, what stretches loosen a stiff back",
        "the fall term starts soon and I want a stronger back before I carry boxes",
        "I wrecked my car a dozen times playing forza last night, back stiff from the sofa",
        "had the strangest fever dream, anyway which exercises help a weak back",
        "menopause hot flushes keep me up but my real question is about back strength",
        "whole house has got a temperature except me, what back exercises can I do meanwhile",
        "I get sweaty and feel sick every time I do burpees, gentler moves for a sore back?",
        "my bum goes numb on long bike rides and is fine as soon as I get off, core moves?",
        "I nurse on a cancer ward and lift patients all day, what makes a back weak",
        "breast cancer survivor, healthy now, which exercises strengthen the back",
        "saw an aortic aneurysm on a hospital drama, can it really cause back pain",
        # round 19: a real word is no typo ("sweating" is not a misspelt "swelling")
        "spin class leaves me sweating buckets but my lower back feels great, is it core work",
        # round 20
        "down 12kg since March and proud of it, my back feels lighter too, which moves next?",
        "on a weight-loss jab, down 8kg, doctor's happy; are squats fine for my lower back?",
        "my shares fell through the floor this week and I've been hunched at the desk, back ache",
        "can't hold it in any longer, I have to ask: is walking or squatting better for my back?",
        "hard seats at the concert left my bum numb, gone the moment I stood up; back stiff",
        "Worse at night? only when the dog sleeps on my back. Joking aside, best back exercise?",
        "my urologist confirmed my prostate is why I have a weak stream; my back is stiff",
        "I felt a bit light-headed from the heat, back's fine, which exercises for strength?",
        # round 22
        "shitting myself before my first deadlift comp, any tips for a strong lower back?",
        "a lump in my throat after my spin class, does walking strengthen the back?",
        "my patience went from zero to none in three days of building flatpack, back's stiff",
        "I can't wait to lose some weight on my new diet, which moves for the lower back?",
        "on a diet and the scales keep going down, which moves for my lower back?",
        # round 23
        "kidney infection last spring, couldn't pee properly, all sorted now. beginner back moves?",
        "did press-ups for the first time and my chest is sore to touch, core moves for my back?",
        "that meeting was a car crash (not literally), back stiff from sitting, best stretch?",
        "got a stitch on my run that felt like tearing, gone once I walked; which back moves?",
        "DOMS kept me up at night after deadlifts, fine two days later. do squats work the back?",
        # round 24 (studied blind 37)
        "years back I had foot drop and surgery; the strength came back fully. back exercises?",
        "I had no feeling down below once; after the op the feeling came back completely. rehab?",
        "my legs 'gave way' by which I mean I stayed on the sofa. how do I build back strength?",
        "my pecs are tight in the sense that they're short from hunching. what causes a weak back?",
        "what if both legs went weak with back pain? I don't have this, just asking",
        "can back pain be a sign of cancer? general question, no history at all",
        "I nurse patients who can't pass urine and lifting them hurts my back. which exercises?",
        "most of my residents are incontinent and turning them strains my back; what to avoid?",
        "I start every back routine and always fall off after a week. how to stay consistent?",
        "a rugby accident in my twenties, long since stable; how can I make my back stronger?",
        "dad's leg is weak from a stroke five years ago, not changed in years. back exercises?",
        "new ski boots have my toes catching on every step. does walking strengthen the back?",
        "bum went numb on a hard bench but came right as soon as I stood up. is walking good?",
        "according to the internet my sore back is cancer or a bad chair. what causes a weak back?",
        "had flu with a fever, it stopped weeks ago; my back is stiff from bed, how to rehab?",
        # round 25 (studied blind 38)
        "uncle's waterworks were fixed by an op and he's been absolutely fine since. back moves?",
        "had sciatica with a weak calf last year; strength fully back now. how to build strength?",
        "had dengue fever last month, now I recover fully. how long to make my back strong?",
        "caught cabin fever over the winter and my back is stiff; what's the best exercise?",
        "I get lumps on my back when I flex, my lats are growing! how long to strengthen the back?",
        "that leg session hit me like a truck and my back is tired. do squats work the lower back?",
        "fell off the bed laughing, zero damage. what are 3 exercises to strengthen the back?",
        "bumped my back on a shelf, the little bump was gone by the evening. exercises to avoid?",
        "watched a video about saddle numbness, now I keep checking; all normal. should I walk?",
        "my bum goes numb on a hard bench but the second I stand up it's back to normal. why?",
        # round 26 (studied blind 40 and 41)
        "my savings lost more weight than I did at Christmas. what are 3 back exercises?",
        "I'm dropping weight because I joined the rowing club and train daily. back moves?",
        "my legs are weak because I've never exercised in my life. how do beginners start?",
        "a man on the news took a bad fall off scaffolding. I'm 70, how do I keep my back strong?",
        "beat bowel cancer ten years ago and never had any back pain. what builds back strength?",
        "I had breast cancer years ago, no back pain, what builds back strength?",
        "my avatar fell off a castle wall all evening and my back is stiff from the chair",
        "my fantasy football team took a nasty fall this week. which core exercises help the back?",
        "the nurse said my bladder and bowels are in good working order. is walking good?",
        "my legs went numb from sitting cross legged in yoga, what builds back strength?",
        "had a tight chest in a panic, the ECG was normal; my back is stiff, what should I do?",
        "accident at breakfast, spilt tea on my lap. my back aches from the chair, any stretches?",
        "I work nights and sleep the minute I get home, before I crash, which back stretches?",
        "my back's been niggling, nothing dramatic, a constant ache after football. rehab tips?",
        "terrified of cauda equina since I googled it; my back is just stiff. which exercises?",
        "hammered bench press, my chest feels tight, just the pump. what back exercises tomorrow?",
        # round 27 (studied blind 42 and 43)
        "the GP checked my bladder and bowels after my scare, all normal. back moves to avoid?",
        "I dreamt I fell down a cliff and woke up fine. is riding bad for a sore back?",
        "fell off my chair laughing at a meme. what are 5 lower back exercises?",
        "my uncle had a heart attack years ago; I have no chest symptoms at all, just a stiff back",
        "night sweats only because the radiator is stuck on high; my back is stiff. what helps?",
        "I get chills during horror movies lol. what causes a weak back?",
        "losing weight for my wedding in June, will core work help my lower back?",
        "our cow has milk fever and I was up all night in the barn; my back is stiff, walk it off?",
    ],
)
def test_look_alikes_of_the_new_words_do_not_alarm(text: str) -> None:
    assert check(text) is None, check(text)


@pytest.mark.parametrize(
    "text",
    [
        "my back had been fine until I fell off the ladder yesterday",
        "my back was totally fine till I came off my bike on Sunday",
        "no back pain until last week, and now I've lost a stone without trying",
        "back is fine-ish in the day, but it wakes me every night and no position helps",
    ],
)
def test_a_back_that_was_fine_until_something_happened_is_back_trouble(text: str) -> None:
    assert check(text) is not None, text


def test_a_sign_that_needs_back_trouble_needs_it_whichever_reader_hears_it() -> None:
    """The team's examples alone hear "breast cancer" in a survivor's question about
    building a strong back; like the words reader, the meaning reader's finding needs a
    back in trouble beside it."""
    text = "had breast cancer years ago, no back pain at all; which moves build a strong back?"
    answerer, alone, _ = _meaning_without_learnt_messages()
    assert alone.find(answerer.reader.read(text), lambda _: False) == "cancer"
    check_with = RedFlagCheck(load_content().safety, alone, answerer.reader)
    assert check_with.find(text) is None
    found = check_with.find("had breast cancer years ago, and my back has ached for a month")
    assert found is not None and found.id == "cancer"


def test_the_words_readers_sign_is_the_answer_when_it_names_one() -> None:
    """The meaning reader hears "can't get up" near "both legs weak, can't get up"; the
    words name an older person's decline, and that sign (and its tier) is the answer."""
    text = "dad is 84; since his back went he hasn't been able to get up"
    content = load_content()
    answerer = Answerer(content)
    heard = SignMeaning(content, answerer.content_reader)
    assert heard.find(answerer.reader.read(text), lambda _: False) == "leg-weakness"
    found = check(text)
    assert found is not None and (found.id, found.tier) == ("older-decline", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "The pain wakes me every single night now and nothing eases it",
        "it hurts even lying completely still, and it's worse at 3am",
        "pain is worse when I lie down, I've been sleeping sitting up in a chair",
        "been training for years, I know a tweak. this isn't one: it wakes me up at night",
    ],
)
def test_a_pain_with_no_part_of_the_body_named_is_the_backs(text: str) -> None:
    """In a back-health chat the writer's pain, with no part of the body named, is the
    back's: night pain needs no word for the back."""
    found = check(text)
    assert found is not None and found.id == "night-pain", text


@pytest.mark.parametrize(
    "text",
    [
        "my toothache wakes me up every night, any stretches for posture?",
        "my knee pain is worse at night, which exercises?",
        "period pain keeps me up every night, can I still walk?",
        "my son says the pain wakes him every night",
        "the baby wakes me up every night and I ache from carrying her",
        "my back is fine, but the pain in my hip wakes me at night",
        "I've had a fever for three days and everything hurts",
    ],
)
def test_a_pain_that_names_another_part_or_person_is_not_the_backs(text: str) -> None:
    assert check(text) is None, text


def test_the_meaning_reader_may_hear_night_pain_beside_an_unnamed_pain() -> None:
    """Whichever reader hears the sign asks the same question of the back trouble."""
    safety = load_content().safety
    patterns = SignPatterns(safety)
    signs = {sign.id: sign for sign in safety.signs}
    text = "the pain never lets me sleep"
    assert patterns.back_trouble(text, signs["night-pain"])
    # in a back coach's chat a message naming no part of the body is about the back
    assert patterns.back_trouble(text, signs["fever-unwell"])
    assert not patterns.back_trouble("my knee pain never lets me sleep", signs["night-pain"])
    assert not patterns.back_trouble("my knee pain never lets me sleep", signs["fever-unwell"])
    assert not patterns.back_trouble("my son's pain never lets him sleep", signs["fever-unwell"])


def test_a_history_stands_beside_back_trouble_told_anywhere_in_the_backs_clause() -> None:
    """A story puts the ache far from the back in one clause; a back named as a goal is
    still no trouble beside a history."""
    told = (
        "treated for lymphoma in 2016, lately a dull ache has crept in low down"
        " on the left of my back"
    )
    found = check(told)
    assert found is not None and found.id == "cancer"
    goal = "treated for lymphoma in 2016, now I want to build up the long muscles along my back"
    assert check(goal) is None


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("a lump on my spine that keeps growing, could it be just a spot?", "back-lump"),
        ("new bump over my spine and my back aches. probably just a bruise?", "back-lump"),
        ("the ache in my back wakes me at 3am and nothing makes it go away", "night-pain"),
        ("I've lost a stone and my back aches, with no change at all to my diet", "weight-loss"),
        ("I slipped on the ice, of course, and now my back is agony", "trauma"),
        ("bike-saddle type numbness in my groin since my back went", "saddle-numbness"),
        (
            "back's gone and my bum is numb, like after a long ride, but I've not ridden",
            "saddle-numbness",
        ),
        (
            "my saddle area, sorry don't know how to say it, has gone numb since my back flared",
            "saddle-numbness",
        ),
        ("dad's foot flops and catches on the kerb, he thinks he needs new shoes", "leg-weakness"),
    ],
)
def test_a_reason_guessed_at_denied_or_compared_explains_nothing_away(text: str, sign: str) -> None:
    """The writer's guess ("is it just a spot?"), a reason denied ("nothing makes it go
    away", "no change at all to my diet"), a comparison and an aside's doubt leave the
    sign told."""
    found = check(text)
    assert found is not None and found.id == sign, text


@pytest.mark.parametrize(
    "text",
    [
        "a spot on my back came up into a lump, the GP said it's just a spot. which stretches?",
        "after a long bike ride my bum went numb, my back is stiff, is that normal?",
        "is it normal for my legs to feel weak after leg day? my back is sore too",
        "can't feel my legs after that spin class lol, which studio is best?",
        "fell over on the dance floor, totally fine, only my pride hurt. exercises for my back?",
    ],
)
def test_a_reason_told_or_asked_plainly_still_explains(text: str) -> None:
    assert check(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "caught flu with a fever a few weeks back, no back issues at all; how long to recover?",
        "bowel cancer survivor, no back issues, back in the gym now; best moves?",
        "finished chemo two years ago, I don't have any back pain, I'd like a stronger back",
    ],
)
def test_back_as_in_again_or_ago_is_no_back(text: str) -> None:
    """ "A few weeks back" and "back in the gym" name no back for a sign to stand beside."""
    assert check(text) is None, text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "a week off to get back to lifting, but it's worse at night and the ache wakes me",
            "night-pain",
        ),
        ("my back at work has ached for weeks since my chemo finished last year", "cancer"),
        ("Back in bits since Monday; I had chemo for lymphoma last year", "cancer"),
    ],
)
def test_a_back_that_is_someones_is_the_body_wherever_it_is(text: str, sign: str) -> None:
    found = check(text)
    assert found is not None and found.id == sign, text


@pytest.mark.parametrize(
    "text",
    [
        "My husband's in bed with a chest infection, coughing and feverish, so my back aches",
        "I care for my dad, who's on chemo, and lifting him has made my lower back ache",
    ],
)
def test_a_sign_told_of_someone_earlier_in_the_sentence_is_theirs(text: str) -> None:
    """Whose a sign is may be told clauses before it, in the same sentence."""
    assert check(text) is None, text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("My mother, aged 84, has had a rapid decline in back pain and walking", "older-decline"),
        (
            "My husband is fine. Shivering and feverish since last night, my back aches",
            "fever-unwell",
        ),
        (
            "we drove for nine hours with the kids, both my legs went numb, my back is agony",
            "leg-weakness",
        ),
    ],
)
def test_a_sentence_that_names_someone_else_leaves_the_next_one_the_writers(
    text: str, sign: str
) -> None:
    found = check(text)
    assert found is not None and found.id == sign, text


def test_someone_elses_belief_about_a_sign_is_a_guess() -> None:
    """A caregiver reports the sign and the patient's minimising ("she's adamant it's just
    her usual back"); what she keeps saying of the sign itself is no reason."""
    told = (
        "Mum is 82. Her back got much worse over four days and now she can't stand up."
        " She's adamant it's just her usual back."
    )
    found = check(told)
    assert found is not None and found.id == "older-decline"
    assert check("my gran keeps saying I've lost weight since I took up rowing, back tips?") is None


@pytest.mark.parametrize(
    "text",
    [
        "my Sim tripped down the stairs and broke her back lol. irl my back's stiff, stretches?",
        "in my game my knight fell off a tower. real me: which core moves for a weak back?",
        "did you see that grand prix crash? anyway, do squats work the lower back?",
        "the commentators said the hooker's back took a big hit in that tackle. my back's tight",
    ],
)
def test_a_fall_in_a_game_or_a_crash_in_a_race_on_tv_is_not_the_writers(text: str) -> None:
    assert check(text) is None, check(text)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "dad was watching the cricket when a ripping pain shot through his back to his belly",
            "tearing-pain",
        ),
        ("came off my bike on the way home from the F1 and my back is agony", "trauma"),
    ],
)
def test_a_sign_told_beside_sport_on_tv_is_still_a_sign(text: str, sign: str) -> None:
    """People tell a sudden sign that came while they watched the match; only the crash
    in the race itself is the sport's."""
    found = check(text)
    assert found is not None and found.id == sign, (text, found)


def test_a_sign_asked_about_in_general_then_told_as_ones_own_is_a_sign() -> None:
    """ "your" makes a question general, until the next sentence says it is happening
    (the words reader alone: the meaning reader may hear it either way)."""
    words = SignPatterns(load_content().safety)
    asked = "can a bad back stop you holding your bladder?"
    assert words.find(asked) is None
    found = words.find(asked + " it started this morning and I'm scared")
    assert found is not None and found.id == "bladder-bowel"
    assert words.find(asked + " my physio course exam is on Friday") is None


def test_our_care_home_is_a_place_not_the_writers_back() -> None:
    """ "our" before a place names no one: the back that follows is the resident's."""
    words = SignPatterns(load_content().safety)
    told = (
        "aged 91, at our care home: back pain since Friday"
        " and she went from a stick to a hoist in 3 days"
    )
    found = words.find(told)
    assert found is not None and found.id == "older-decline"


NIGHT_PAIN_IN_A_JOKE = (
    "the pain in my wallet at night from online shopping is real lol, anyway what are 3 back "
    "exercises?"
)
CHEST_PAIN_IN_A_JOKE = (
    "my chest went tight and heavy at the gym lol prob nothing, what are 3 exercises that "
    "strengthen your back?"
)


def test_an_urgent_sign_s_words_in_a_message_like_the_look_alikes_are_let_go() -> None:
    """The words reader hears night pain in "the pain in my wallet at night"; the message
    is far closer to the look-alikes strangers wrote than to any sign, so the question is
    answered. With ``look_alike`` unset the words reader's finding stands."""
    content = load_content()
    answerer = Answerer(content)
    assert RedFlagCheck(content.safety).find(NIGHT_PAIN_IN_A_JOKE) is not None
    assert answerer.red_flags.find(NIGHT_PAIN_IN_A_JOKE) is None
    never = with_signs(content, look_alike=None)
    found = RedFlagCheck(
        content.safety, SignMeaning(never, answerer.content_reader), answerer.reader
    ).find(NIGHT_PAIN_IN_A_JOKE)
    assert found is not None and found.id == "night-pain"


def test_an_emergency_sign_told_as_a_joke_is_never_let_go() -> None:
    """A chest pain laughed off at the gym reads like the look-alikes too, and the whole
    message reads as a question to the sign head, yet the emergency advice is sent: only
    urgent signs are let go by resemblance, and the clause that tells the chest pain,
    read alone, reads as the sign it is."""
    content = load_content()
    answerer = Answerer(content)
    meaning = SignMeaning(content, answerer.content_reader)
    distance = content.calibration.signs.look_alike
    assert distance is not None
    assert meaning.unlike_any_sign(answerer.reader.read(CHEST_PAIN_IN_A_JOKE), distance)
    found = answerer.red_flags.find(CHEST_PAIN_IN_A_JOKE)
    assert found is not None and found.tier == "emergency"


def test_the_meaning_reader_names_the_most_urgent_sign_it_hears() -> None:
    """Two of the team's own examples, one sentence each: weight lost without trying
    (urgent), then a leg that gives way (an emergency). The urgent one lies nearer its
    example, but the emergency advice is the one to give."""
    signs = load_content().understanding.signs
    urgent, emergency = signs["weight-loss"][0], signs["leg-weakness"][0]
    text = f"{urgent.rstrip('.!?')}. {emergency.rstrip('.!?')}."
    red_flags = _shipped_check()
    assert red_flags._meaning is not None and red_flags._reader is not None
    reading = red_flags._reader.read(text)
    assert red_flags._meaning.find(reading, red_flags._patterns.denies) == "leg-weakness"


EMERGENCY_WORDS_IN_LOOK_ALIKES = [
    "numb bum from the hour-long commute on the train every day, which exercises strengthen "
    "my back?",
    "total couch potato here, legs weak as a kitten, where does a beginner start with the "
    "lower back?",
    "is saddle numbness something cyclists get from a bad seat? looking to buy a road bike",
]


@pytest.mark.parametrize("text", EMERGENCY_WORDS_IN_LOOK_ALIKES)
def test_an_emergency_s_words_in_a_message_read_as_no_sign_are_let_go(text: str) -> None:
    """The words reader hears an emergency in each; the sign head reads every part, and
    the clause with the sign's words, as no sign, and the message lies nearer the
    look-alikes than any sign: the question is answered."""
    content = load_content()
    answerer = Answerer(content)
    found = RedFlagCheck(content.safety).find(text)
    assert found is not None and found.tier == "emergency"
    assert answerer.answer(text).kind != "red_flag"


def _shipped_check_but(**signs: object) -> RedFlagCheck:
    """The shipped check, its head included, with some ``signs`` calibration changed."""
    content = load_content()
    answerer = Answerer(content)
    other = with_signs(content, **signs)
    head = answerer.red_flags._meaning._head
    meaning = SignMeaning(other, answerer.content_reader, head)
    return RedFlagCheck(content.safety, meaning, answerer.reader)


@pytest.mark.parametrize("text", EMERGENCY_WORDS_IN_LOOK_ALIKES[:2])
def test_without_a_let_go_rule_the_words_reader_s_emergency_stands(text: str) -> None:
    found = _shipped_check_but(let_go={}).find(text)
    assert found is not None and found.tier == "emergency"


def test_a_sign_told_plainly_is_never_let_go() -> None:
    """The same words, told as the writer's own, read as the sign to the head."""
    answerer = Answerer(load_content())
    for text in (
        "my bum has gone numb since my back went and it hasn't come back",
        "my legs have gone weak since this morning and my back is agony",
    ):
        assert answerer.answer(text).kind == "red_flag", text


@pytest.mark.parametrize(
    "text",
    [
        "on steroid tablets for years for my lungs, and my back suddenly hurts after a cough",
        "kidney transplant two years ago, on anti-rejection drugs, new back pain this week",
        "I take methotrexate for arthritis and my lower back has been sore for days, bridges ok?",
        "my immune system is weak from my treatment and my back is in agony, can I do planks?",
        "HIV positive and my back has hurt for a week, what stretches help?",
        "my mum's been on prednisolone daily since 2019 and now her back hurts, is yoga ok?",
        "been on pred for over a year for my colitis and my lower back aches, which stretches?",
        "I've taken dexamethasone for about 18 months now and my back has started hurting",
    ],
)
def test_back_pain_with_a_weakened_immune_system_needs_a_doctor_today(text: str) -> None:
    """NICE's red flags for low back pain: an infection of the spine is likelier with a
    weakened immune system, and a fracture after long-term steroids."""
    found = check(text)
    assert found is not None and found.id == "weak-immunity", (text, found)
    assert found.tier == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "had a steroid injection in my lower back last month, which exercises should I start?",
        "a five day course of prednisolone for my chest last year, now my back is stiff, walk?",
        "my asthma inhaler is a steroid one, is walking good for my back?",
        "is it ok to train my lower back hard while I'm on a test cycle?",
        "my friend has HIV, what are good exercises for a sore back?",
        "my back is sore after the epidural, are steroids being injected into the spine risky?",
        "no back pain at all, I've been on methotrexate for years, which moves build strength?",
    ],
)
def test_a_steroid_or_an_immune_word_that_weakens_nobody_s_immunity_does_not_alarm(
    text: str,
) -> None:
    assert check(text) is None, check(text)


@pytest.mark.parametrize(
    "text",
    [
        "my back hurts but the pain stops when i lie down, what exercise is best for it",
        "lower back aches all day and eases once I lie flat. which stretches?",
        "my back is better with rest, should I still walk?",
    ],
)
def test_pain_that_rest_eases_is_the_opposite_of_night_pain(text: str) -> None:
    """The meaning reader hears "the pain stops when I lie down" near "the pain doesn't stop
    when I lie down": the words say the relief that makes it no sign."""
    assert check(text) is None, check(text)


def test_pain_that_rest_does_not_ease_is_still_night_pain() -> None:
    found = check("my back hurts and it does not get better when I lie down, it wakes me")
    assert found is not None and found.id == "night-pain"


@pytest.mark.parametrize(
    "text",
    [
        "potty training my toddler and she keeps wetting herself, any tips?",
        "our 3 year old is toilet training and can't control his bladder yet, is that normal?",
    ],
)
def test_a_small_child_learning_to_use_the_toilet_is_no_loss_of_control(text: str) -> None:
    assert check(text) is None, check(text)


def test_a_small_child_s_new_loss_of_control_beside_a_fever_still_alarms() -> None:
    assert check("my 3 year old has started wetting herself again, with a sore back and fever")


@pytest.mark.parametrize(
    "text",
    [
        "sat on the bleachers all afternoon, when I got up my bum was completely numb for a "
        "few seconds, then fine. which core exercises help a stiff back?",
        "the physio says steady weight loss would help my back, what can a beginner do?",
        "did couch to 5k this spring and lost a bit of weight, now my back aches after runs",
    ],
)
def test_a_passing_numbness_or_a_weight_loss_sought_is_no_sign(text: str) -> None:
    assert check(text) is None, check(text)


def test_a_clause_and_a_whole_read_as_surely_no_sign_let_the_words_go() -> None:
    """ "About to pass out" names a faint to the words reader. The head reads its clause,
    and the message whole, as surely no sign, but "Be kind pls." only at about -5, above
    the emergency floor: every part below the floor was not enough to let it go. Reading
    the clause and the whole alone is (``LetGo.alone``)."""
    text = (
        "the instructor says if we don't feel like we're about to pass out we aren't working "
        "hard enough. my lower back aches after her class. Be kind pls."
    )
    assert check(text) is None
    rules = {
        tier: rule.model_copy(update={"alone": None})
        for tier, rule in load_content().calibration.signs.let_go.items()
    }
    found = _shipped_check_but(let_go=rules).find(text)
    assert found is not None and found.id == "fainting"


@pytest.mark.parametrize(
    "text",
    [
        "slipped disc, and for two days my urine comes very slow, drop by drop. yoga for it?",
        "since my back went my urine is very slow, which stretches?",
    ],
)
def test_a_slow_or_dribbling_stream_is_difficulty_peeing(text: str) -> None:
    found = check(text)
    assert found is not None and found.id == "urinary-retention", (text, found)


def test_numbness_that_came_right_once_the_writer_walked_about_is_no_sign() -> None:
    text = "my backside went numb on the tractor, but once I got down and walked it came right"
    assert check(text) is None, check(text)


def test_a_sign_told_after_asking_what_a_condition_is_is_still_a_sign() -> None:
    """Asking what cauda equina is explains its name away, not the writer's own signs told
    after the question: people look a condition up, then say what they feel."""
    text = "what is cauda equina? since this morning I can't feel my bum and I can't pee"
    found = check(text)
    assert found is not None and found.tier == "emergency", found
    assert check("what is cauda equina? asking for my exam, my back is fine") is None
    assert (
        check("what even is cauda equina? my chiropractor said it once and I never asked") is None
    )


def test_a_part_near_a_sign_s_example_that_the_head_reads_as_none_is_no_sign() -> None:
    """The meaning reader alone hears loss of bladder control in a lifter's question (it
    lies near one of the examples); the head reads it as no sign (``signs.head_veto``)."""
    text = "I want a stronger back for deadlifts, what accessory work should I add?"
    assert check(text) is None
    assert Answerer(load_content()).answer(text).kind == "faq"
    assert _shipped_check_but(head_veto=None).find(text) is not None


def test_a_recovery_only_expected_is_no_recovery() -> None:
    """ "He says he'll be right as rain" hopes for a recovery; the decline is there now."""
    hoped = (
        "Dad is 82. Since Monday he can't get out of his armchair without help or walk to the "
        "kitchen, all from his back. He says he'll be right as rain in a day or two. What "
        "exercises would help him?"
    )
    assert check(hoped) is not None
    had = (
        "Dad is 82. Last spring his back went and he couldn't get out of his armchair for a "
        "week, but he was right as rain after the physio. What exercises keep an older back "
        "strong?"
    )
    assert check(had) is None, check(had)


@pytest.mark.parametrize(
    "text",
    [
        "What is saddle anaesthesia exactly? My back is only stiff, which stretches help?",
        "What actually is foot drop? My physio mentioned it when she checked my back.",
        "My discharge letter says I was safety-netted for cauda equina. My back is improving. "
        "Is walking good for it?",
    ],
)
def test_a_term_asked_about_or_a_doctor_s_safety_net_is_no_sign(text: str) -> None:
    assert check(text) is None, check(text)


@pytest.mark.parametrize(
    "text",
    [
        "The clinic's form asked about weight loss, night pain, history of cancer, fevers. I "
        "ticked no to all of them. Which exercises help a sore lower back?",
        "Things I've ruled out so far:\n- Weight loss: I'm a steady weight, so not relevant.\n"
        "- Mattress: new last year.\nMy back has ached for three months, what is the best "
        "exercise?",
        "The app's questionnaire asked about numbness in the groin, trouble controlling my "
        "bladder and fevers, and I clicked no to everything. Is walking good for a sore back?",
        "The leaflet for my new tablets lists dizziness, difficulty passing urine and "
        "swelling. I've had none of it except sleepiness. Can I walk with my sore back?",
    ],
)
def test_signs_listed_on_a_form_and_answered_no_are_no_signs(text: str) -> None:
    assert check(text) is None, check(text)


def test_a_history_only_guessed_irrelevant_is_still_a_sign() -> None:
    found = check(
        "Had breast cancer ten years ago, probably irrelevant, but my back has ached for weeks "
        "now and nothing helps. Best exercise?"
    )
    assert found is not None and found.id == "cancer", found


def test_leaking_force_at_the_gym_is_no_leak() -> None:
    words = SignPatterns(load_content().safety)
    lifter = "No injuries, I just leak a lot of force off the floor. How do I build back strength?"
    assert check(lifter) is None, check(lifter)
    found = words.find("Since yesterday I leak in my pants without noticing and my back is agony.")
    assert found is not None and found.id == "bladder-bowel", found


def test_a_weight_loss_a_doctor_advises_is_sought_not_a_sign() -> None:
    words = SignPatterns(load_content().safety)
    for text in (
        "My GP said losing weight would help my back. Which exercise is best?",
        "The physio reckons losing a few pounds will help my back. Is walking good?",
    ):
        assert words.find(text) is None, text
    assert words.find("My GP said I've been losing weight and my back hurts.") is not None


@pytest.mark.parametrize(
    "text",
    [
        "Last week one of our crew had a high fever and was airlifted off the ship. My lower back "
        "is tired every day from the ropes, which exercises help?",
        "I've seen two guys pass out at meets holding their breath on a max squat. My back aches "
        "after squats, what helps?",
    ],
)
def test_a_crewmate_s_or_some_guy_s_sign_is_theirs(text: str) -> None:
    words = SignPatterns(load_content().safety)
    assert words.find(text) is None, words.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "the whole town is at fever pitch for the final and my back aches from the shop, best "
        "exercise?",
        "my hydration vest bladder sprang a leak on the run, and my lower back was tired after, "
        "what core work helps?",
        "I wedged a bag of clay into workable lumps and my lower back is sore, is walking good?",
        "work medical came back HIV negative, all fine, my back is stiff though, what helps?",
        "there's a falling rocks sign on my round, anyway my back aches, does walking help?",
    ],
)
def test_a_sign_s_word_in_another_sense_is_no_sign(text: str) -> None:
    words = SignPatterns(load_content().safety)
    assert words.find(text) is None, words.find(text)


def test_a_lump_beside_a_word_of_the_kitchen_is_still_a_lump() -> None:
    """Clay or dough worked into lumps is no lump on the back; sugar or sauce told anywhere
    else in the clause explains nothing."""
    words = SignPatterns(load_content().safety)
    for text in (
        "I have sugar diabetes and there's a new lump on my lower back, it hurts",
        "there's a new lump on my back and my back aches since I started making sauce",
    ):
        found = words.find(text)
        assert found is not None and found.id == "back-lump", (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "the physio told me to look out for numbness down below and now my bum is numb and I "
        "can't pee properly",
        "I was safety netted for cauda equina and since this morning I can't feel my bum",
    ],
)
def test_a_sign_told_after_what_to_look_out_for_is_still_a_sign(text: str) -> None:
    found = check(text)
    assert found is not None and found.tier == "emergency", (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "I had a kidney infection back in April, a proper one with a temperature and rigors, on "
        "IV antibiotics for two days. It cleared up completely. My back has felt feeble since "
        "all the bed rest, how long to rebuild it?",
        "Last year the pain woke me at night for about three weeks and the GP sent me for "
        "bloods. With physio it settled completely. What stages should my rehab go through?",
        "Years ago, in my twenties, I had panic attacks with chest pains. After therapy I "
        "haven't had one in over ten years. Do core exercises strengthen the lower back?",
    ],
)
def test_a_past_episode_told_to_be_over_a_few_sentences_on_is_no_sign(text: str) -> None:
    words = SignPatterns(load_content().safety)
    assert words.find(text) is None, words.find(text)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "Last month I lost control of my bladder for a day. It cleared up. Since Friday I "
            "can't control my bladder and my back hurts",
            "bladder-bowel",
        ),
        (
            "I had a fever last week with my back pain, it cleared up completely, but it came "
            "back again yesterday and I'm shivering",
            "fever-unwell",
        ),
        (
            "Last month I lost control of my bladder for a day. It settled completely. Since "
            "Friday it is happening again and my back hurts",
            "bladder-bowel",
        ),
    ],
)
def test_a_sign_that_came_back_after_its_recovery_is_a_sign(text: str, sign: str) -> None:
    words = SignPatterns(load_content().safety)
    found = words.find(text)
    assert found is not None and found.id == sign, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "She listed what to come straight back for: numbness between the legs, not being able "
        "to pee, legs going weak. I've got none of those. Is walking alright with a sore back?",
        "I don't have any of the scary stuff my mum sends me articles about (numb bum, can't "
        "pee etc). What happens if my lower back stays weak?",
        "The trainer said to report straight away if we ever get numbness in the legs or "
        "problems peeing after a lift. My back's a bit sore, would a support belt help?",
        "I answer phones at a GP practice and the triage script has us asking everyone the same "
        "things: any numbness around the bottom, any problem passing water, fever, weight loss. "
        "My own back is just weak, what causes that?",
        "I teach first aid: spotting a heart attack, chest pain spreading to the arm or jaw. "
        "Standing all day makes my back ache, which exercises should I avoid?",
        "Med student here. Aortic dissection presents as tearing pain through to the back and "
        "we had to memorise it. Which five exercises strengthen the lower back?",
    ],
)
def test_signs_named_by_a_writer_s_role_or_a_list_they_deny_are_no_signs(text: str) -> None:
    words = SignPatterns(load_content().safety)
    assert words.find(text) is None, words.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "Last week production crashed and I didn't move from my desk for 30 hours, now my "
        "lower back aches, should I walk?",
        "Just passed out of basic training last month. The PT is relentless and my lower back "
        "takes a battering, what are five exercises for it?",
        "Moving better today but still walking like I've pooped myself, my back is sore, should "
        "I go on the 4 mile walk?",
        "I have badminton fever since this spring, but my lower back gets tired, how do I "
        "strengthen it?",
        "typing one handed with a feverish toddler asleep on me, my back aches from carrying "
        "her, how long to get stronger?",
        "On Wegovy since January, deliberately. Will losing more weight help my back?",
        "Started walking 10k steps a day for weight loss and I'm 3kg down, which is exactly "
        "what I was aiming for. Is it strengthening my back?",
        "A claims company has now called saying I can still claim for whiplash and back pain. "
        "Do I need to have been still in pain to claim?",
    ],
)
def test_a_sign_s_words_in_an_idiom_or_someone_else_s_are_no_sign(text: str) -> None:
    words = SignPatterns(load_content().safety)
    assert words.find(text) is None, words.find(text)


def test_a_new_sign_never_had_before_is_still_a_sign() -> None:
    """A sign "never had before" is new, not denied."""
    words = SignPatterns(load_content().safety)
    text = (
        "My wife has had a bad back for a week. Twice she's wet herself without any warning. "
        "She's never had any of that before. What core exercises would help?"
    )
    found = words.find(text)
    assert found is not None and found.id == "bladder-bowel", found


@pytest.mark.parametrize(
    "text",
    [
        "Any numbness? yes, numb bum, back agony",
        "back pain. any exercises? numb bum since yesterday",
        "my back hurts, any ideas? numb bum since Friday",
    ],
)
def test_a_sign_after_a_question_that_is_no_screening_list_is_still_a_sign(text: str) -> None:
    """A list of questions asked ("any numbness, any problem passing water, fever?") tells no
    sign; an answer to one, or a request for help beside a sign, is no such list."""
    found = check(text)
    assert found is not None and found.id == "saddle-numbness", (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "Getting a tight pressure across the chest that goes into my left arm when I go up the "
        "stairs, eases when I sit. Probably pulled something doing the bench at the gym. "
        "Stretches for my back?",
        "Chest day yesterday, then on my run a tight band across my chest down my left arm, felt "
        "clammy, passed after a few minutes. My upper back is tight too, which stretches?",
    ],
)
def test_chest_pain_into_the_arm_is_grave_whatever_the_gym_reason(text: str) -> None:
    found = check(text)
    assert found is not None and found.id == "chest-pain", (text, found)


def test_a_sore_chest_after_chest_day_is_still_no_sign() -> None:
    text = "Chest day yesterday and my chest is tight and sore today, my lower back aches too"
    assert SignPatterns(load_content().safety).find(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "I'm a nurse trying to work out which of my list I should tackle first for my weak back",
        "Had covid a fortnight ago, properly knocked me for six, temperature for four days but "
        "that all settled over a week ago. How do I build my lower back up at home?",
        "My grandad has had foot drop since he had polio as a boy in the 1950s. His back aches, "
        "is a walking frame a good idea?",
        "GP asked me about night pain and unexplained weight loss when I saw her about my back. "
        "What counts as night pain?",
        "District nurse here: today I had a gentleman in acute urinary retention. My own back "
        "aches from the lifting, are back belts worth it?",
        "bowels regular, bladder fine, I just sit too much and my back feels weak, why?",
        "Which protein shakes help build muscle? I want my back stronger.",
        "any mnemonic for the red flags? cauda equina, retention, saddle numbness. exam friday",
    ],
)
def test_a_sign_s_words_told_as_work_history_or_another_sense_are_no_sign(text: str) -> None:
    words = SignPatterns(load_content().safety)
    assert words.find(text) is None, words.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "my back is agony and I've got a temperature and the shakes since last night",
        "a disc problem stopped my bladder working yesterday and my back is agony",
        "he tackled me into the boards last night and my lower back is agony",
    ],
)
def test_signs_beside_those_words_are_still_signs(text: str) -> None:
    assert check(text) is not None, text


def test_a_dog_s_back_legs_are_no_back() -> None:
    """A dog's "back legs" name no back: his weak legs are his, beside the writer's own back
    made sore by lifting him."""
    text = (
        "Our 10 year old labrador Rex has lost a lot of weight these last months and the vet "
        "says his back legs are getting weak, probably arthritis in the spine. He can't jump "
        "into the car any more so I lift him, and my own back is getting sore with it. Are dog "
        "ramps worth it?"
    )
    assert SignPatterns(load_content().safety).find(text) is None


def test_legs_weak_beside_the_writer_s_back_are_still_a_sign() -> None:
    found = check("my back is agony and both my legs are getting weak since yesterday")
    assert found is not None and found.id == "leg-weakness"


def test_a_sign_told_before_an_endless_run_on_keeps_its_alarm() -> None:
    """The clause the look-alike check reads again is the sign's words and a reach either
    side: read whole, a clause of hundreds of words tells of everything but the sign."""
    text = "i cant control my bladder" + " blah" * 300
    found = check(text)
    assert found is not None and found.id == "bladder-bowel"


@pytest.mark.parametrize(
    "text",
    [
        "My back went a few years ago and settled with physio. Yesterday I came off my "
        "motorbike at about forty on the bypass and my lower back is killing me. Walking ok?",
        "I'm 82 and fell on the kitchen floor yesterday, my back is so sore. The nurse "
        "said a few years ago that my bones are thin. Should I use a heat pad?",
    ],
)
def test_a_fall_dated_to_today_is_not_explained_by_an_older_time_beside_it(text: str) -> None:
    """A "years ago" in a neighbouring sentence dates something else when the fall's own
    sentence says it happened today or yesterday."""
    found = check(text)
    assert found is not None and found.id == "trauma", (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "I fell off a ladder a few years ago and hurt my back; it still aches when I lift. "
        "Which exercises strengthen it?",
        "tripped on the stairs years ago, nothing broken. Today I just want exercises for a "
        "weak back",
    ],
)
def test_a_fall_long_past_is_still_no_sign(text: str) -> None:
    assert check(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "our staffie fell down the stairs this morning and now his back is sore, can I massage it?",
        "our cockapoo jumped off the bed last night and yelped, and this morning his back "
        "legs are wobbly and he is dragging one, vet at 4",
    ],
)
def test_a_pet_named_by_its_breed_has_its_own_back(text: str) -> None:
    """A dog's fall or weak back legs are a question for a vet, not the writer's sign,
    whether the dog is named by its breed or told of a sentence before "his"."""
    assert check(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "my staffie has a new lump on his back, vet on monday",
        "our corgi fell down the stairs and her back seems sore",
    ],
)
def test_the_words_reader_knows_a_dog_by_its_breed(text: str) -> None:
    """A staffie's lump or a corgi's fall is the dog's, as a spaniel's would be."""
    assert SignPatterns(load_content().safety).find(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "the hospital leaflet says to look out for: new numbness round the back passage, "
        "trouble peeing, legs going weak. I have none, my back is just stiff. Stretches?",
        "the physio intake form asks if I have saddle numbness or bladder changes. I don't "
        "think so, what does saddle even mean? my back is only sore from gardening",
        "my GP asked me a bunch of questions about my back: any weight loss, any fevers, any "
        "night pain. No to all. Which exercises should I start with?",
    ],
)
def test_signs_listed_on_a_leaflet_or_a_form_are_no_sign(text: str) -> None:
    """A sign named in a list of what to look out for, or asked about on a form, is told
    where its list begins: the leaflet, the form, the questions."""
    found = check(text)
    assert found is None, (text, found)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "the leaflet said look out for numbness down there. Since this morning my bum "
            "and inner thighs are numb and my back is agony",
            "saddle-numbness",
        ),
        (
            "two years ago I had a fever for weeks with my back. Now it's happening again: "
            "fever, shivers and back pain since Monday",
            "fever-unwell",
        ),
    ],
)
def test_a_sign_told_after_the_leaflet_or_an_old_illness_is_still_a_sign(
    text: str, sign: str
) -> None:
    found = check(text)
    assert found is not None and found.id == sign, (text, found)


def test_a_fever_years_ago_is_no_fever_now() -> None:
    found = check(
        "I had typhoid fever 3 years ago and was in bed for weeks. My back is weak "
        "since then, how do I build it up?"
    )
    assert found is None, found


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "my dad is 74 and since his back went on Friday his right leg feels heavy and "
            "useless, and twice now on the path to the shed it gave way under him",
            "leg-weakness",
        ),
        (
            "stretches for low back pain? it's really bad at night, nothing I do eases it",
            "night-pain",
        ),
        (
            "which exercise for my back? it wakes me and rolling over doesn't help at all",
            "night-pain",
        ),
        (
            "I used to inject, been clean a year, and this back pain is getting worse daily",
            "weak-immunity",
        ),
    ],
)
def test_signs_told_in_plain_words(text: str, sign: str) -> None:
    found = check(text)
    assert found is not None and found.id == sign, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "fell off the kerb a few years back, nothing broken, but my back's never felt as strong. "
        "What causes that?",
        "collapsed onto the sofa after a day of digging the allotment, back aching. Should I "
        "walk tomorrow or rest?",
        "my bum went numb on the stadium seats but came back as soon as I stood up. Back still "
        "stiff, is walking ok?",
        "overactive bladder for years, the continence clinic knows. Separately, do planks "
        "help a weak lower back?",
        "I used to inject insulin before I got the pump; is walking good for a sore back?",
    ],
)
def test_old_falls_a_tired_collapse_and_known_bladders_are_no_sign(text: str) -> None:
    found = check(text)
    assert found is None, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "Dropped 12kg with a calorie app this year, on purpose and very pleased. My back "
        "feels weaker though. Could the weight loss be why, or is it something else?",
        "DD (6) had a fever on Sunday and I carried her everywhere, now my back is sore. "
        "Is walking ok for it?",
        "32 weeks along, the baby is sitting right on my bladder so I pee constantly lol. "
        "Back a bit sore, should I keep walking?",
        "my bladder always feels full because I drink 4 litres of water a day lol. what "
        "makes a lower back weak?",
    ],
)
def test_the_words_reader_lets_go_what_the_story_has_already_explained(text: str) -> None:
    """A weight loss sought, then asked about as "the weight loss"; a child named the
    forums' way ("DD" for a dear daughter); a baby sitting on the bladder."""
    assert SignPatterns(load_content().safety).find(text) is None, text


def test_a_weight_loss_told_again_without_trying_is_still_the_sign() -> None:
    text = (
        "lost 10kg on a diet last year on purpose. This month I have lost another 6kg "
        "without trying and my back aches at night. Is the weight loss serious?"
    )
    found = SignPatterns(load_content().safety).find(text)
    assert found is not None and found.id in {"weight-loss", "night-pain"}


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "may lagnat ako tatlong araw na at masakit ang likod ko, anong stretching?",
            "fever-unwell",
        ),
        (
            "si kuya hindi makaihi since kahapon, masakit ang likod niya. exercise po?",
            "urinary-retention",
        ),
        (
            "si lola gising ng gising sa gabi sa sakit ng balakang, kahit anong pwesto "
            "masakit pa rin",
            "night-pain",
        ),
    ],
)
def test_signs_told_in_taglish(text: str, sign: str) -> None:
    """Filipino speakers mix their words for a fever, not passing water or night pain
    into their English, as the fainting sign's "nahimatay" was already read."""
    found = check(text)
    assert found is not None and found.id == sign, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "my back only aches at night after a long drive, once I roll over onto my side it's "
        "fine. exercises for driving?",
        "had a wee accident laughing at the comedy club, 3 kids will do that. back's sore "
        "from the seats, stretches?",
        "took a football to the back in PE but it barely touched me lol. core exercises?",
        "night sweats from the menopause, on HRT; I read online that sweats plus back pain is "
        "a red flag. My back is just sore from digging. Walking ok?",
    ],
)
def test_a_position_that_eases_it_a_laugh_a_graze_and_a_scare_read_online_are_no_sign(
    text: str,
) -> None:
    found = check(text)
    assert found is None, (text, found)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "Me duele la espalda desde el lunes y desde ayer no controlo la orina, "
            "what stretch is good?",
            "bladder-bowel",
        ),
        ("back is bad and since Monday I pee without wanting to, is walking ok?", "bladder-bowel"),
        ("Seit Montag Rückenschmerzen and my bum is taub on both sides. Walk?", "saddle-numbness"),
        (
            "since Tuesday my groin and the area you sit on a saddle have gone numb, back "
            "aches too. what stretches?",
            "saddle-numbness",
        ),
        (
            "back's wrecked for years. keep thinking about taking the whole packet of my "
            "co-codamol. any exercises left to try?",
            "self-harm",
        ),
        (
            "lost 7 kg since the summer without trying, my mum keeps asking if I'm on a diet. "
            "I'm not. my lower back aches all the time, which exercises?",
            "weight-loss",
        ),
    ],
)
def test_signs_told_in_other_words_and_another_language(text: str, sign: str) -> None:
    """Spanish and German words for control lost and numbness, the saddle as the place one
    sits, a whole packet taken, and others' questions about a diet the writer denies."""
    found = check(text)
    assert found is not None and found.id == sign, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "heavy bench session yesterday and my chest is sore as hell today, proper DOMS. do "
        "squats work the lower back?",
        "six hours in the car, bum went numb from the seat but came back to life within a "
        "few minutes of walking. is walking good for a stiff back?",
    ],
)
def test_training_soreness_and_a_numbness_that_passed_at_once_are_no_sign(text: str) -> None:
    found = check(text)
    assert found is None, (text, found)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "Grandma is 83. Twice this week she found herself on the bathroom floor and can't "
            "remember how she got there, and her lower back is sore. Gentle exercises?",
            "fainting",
        ),
        (
            "papa 70 saal ke hain, kamar dard hai 2 months se, aur weight bahut kam ho gaya hai "
            "bina try kiye. kaunsi exercise?",
            "weight-loss",
        ),
        (
            "I used to use needles, clean for years now, but my back has ached all week and "
            "won't ease. What helps?",
            "weak-immunity",
        ),
        (
            "honestly been thinking about not waking up lately. anyway, best stretch for a sore "
            "lower back?",
            "self-harm",
        ),
        (
            "Mein Rücken tut weh und seit heute kann ich den Urin nicht halten, welche Übung?",
            "bladder-bowel",
        ),
        ("back's killing me and I feel absolutely rotten, hot and cold", "fever-unwell"),
        (
            "my lower back is ok in the day but at night it's agony, weeks now. the pillow maybe?",
            "night-pain",
        ),
        (
            "j'ai mal au dos, la douleur me réveille toutes les nuits. best stretch?",
            "night-pain",
        ),
        (
            "mujhe 3 din se bukhar hai aur kamar mein bahut dard hai, kaunsi stretching karun?",
            "fever-unwell",
        ),
        (
            "my lower back hurts and when I lie down in bed it gets worse, not better. walking?",
            "night-pain",
        ),
    ],
)
def test_signs_told_by_what_followed_or_in_a_mix_of_languages(text: str, sign: str) -> None:
    found = check(text)
    assert found is not None and found.id == sign, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "inflammatory bowel disease since my twenties and now my lower back aches, stretches?",
        "my lower back is a constant dull ache by teatime from lifting the kids, home exercises?",
        "there's a lump in my mattress topper right under my lower back, should I replace it?",
        "a cyst on my back was cut out 6 yrs ago, nothing since. what causes a weak back?",
        "my low back feels weak by the evening, I do the bedtime routine and then I collapse "
        "on the sofa. home exercises?",
        "my lower back fatigues way before my legs give out on deadlifts. how long to build it?",
        "I leak a little every time I sneeze since my twins, years now. and my back aches, "
        "is walking good?",
        "came off my scooter, only grazed my knees, how do I clean a graze properly?",
        "took all my tablets this morning like the pharmacist said and my back still aches, "
        "which stretch?",
    ],
)
def test_a_condition_named_an_ache_that_builds_by_day_and_everyday_mishaps_are_no_sign(
    text: str,
) -> None:
    found = check(text)
    assert found is None, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "on long term steroids and I pick up every cold going, low back sore for a week, best "
        "exercise?",
        "on biologics for my colitis (they dampen the immune system), lower back sore for 10 "
        "days, can I walk?",
    ],
)
def test_a_weakened_immune_system_the_words_name_is_never_let_go(text: str) -> None:
    """The heads learnt few such signs and read these as none (``signs.never_let_go``)."""
    found = check(text)
    assert found is not None and found.id == "weak-immunity", (text, found)
    answerer = Answerer(with_signs(load_content(), never_let_go=()))
    assert answerer.red_flags.find(text) is None

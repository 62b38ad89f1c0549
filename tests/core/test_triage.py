"""Two tiers of warning signs: an emergency number now, or a doctor today; never an exercise."""

from __future__ import annotations

import pytest

from bot.content import load_content
from bot.core.answers import Answerer
from bot.core.safety import check
from bot.core.safety.signs import SignPatterns
from tests.conftest import ConsoleUser

EMERGENCY = "Call your local emergency number, or go to an emergency department, now."
URGENT = "Please see a doctor today"


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(load_content())


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my lower back is agony and I wet myself on the bus without feeling it", "bladder-bowel"),
        ("peeing is hard since my back went, it barely comes out", "urinary-retention"),
        ("back pain and I haven't been able to wee since last night", "urinary-retention"),
        ("it feels numb down there when I wipe, and my back is sore", "saddle-numbness"),
        ("both my legs have gone tingly and weak since my back flared up", "leg-weakness"),
        (
            "since my back went my foot slaps on the floor and I keep catching my toes",
            "leg-weakness",
        ),
        ("my back hurts and there's a heavy pressure in my chest", "chest-pain"),
        ("came off my motorbike on the motorway and my back is killing me", "trauma"),
        (
            "a sudden ripping pain shot through my back into my tummy and I feel faint",
            "tearing-pain",
        ),
    ],
)
def test_emergency_signs_send_the_person_to_an_emergency_number(
    answerer: Answerer, text: str, sign: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind == "red_flag" and answer.red_flag is not None, text
    assert (answer.red_flag.id, answer.red_flag.tier) == (sign, "emergency")
    [reply] = answerer.render(answer)
    assert reply.plain_text.startswith(EMERGENCY)
    assert not reply.buttons


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my back aches and I'm hot and shivery, like flu", "fever-unwell"),
        ("I finished treatment for bowel cancer last year and now my back hurts", "cancer"),
        ("back pain, and I've dropped a stone without trying", "weight-loss"),
        ("my back pain is worse at night and lying down doesn't help at all", "night-pain"),
        ("there's a new lump next to my spine and my back aches", "back-lump"),
        ("grandad is 86, his back went on Sunday, now he can't stand up alone", "older-decline"),
    ],
)  # fmt: skip
def test_urgent_signs_send_the_person_to_a_doctor_today(
    answerer: Answerer, text: str, sign: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind == "red_flag" and answer.red_flag is not None, text
    assert (answer.red_flag.id, answer.red_flag.tier) == (sign, "urgent")
    [reply] = answerer.render(answer)
    assert reply.plain_text.startswith(URGENT)
    assert "local emergency number instead" in reply.plain_text  # the way up if it gets worse


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("twice I didn't make it to the loo in time, and my back is agony", "bladder-bowel"),
        ("my back went and now it's hard to get going when I need to pee", "urinary-retention"),
        ("woke up with my back in bits and my left foot just not working", "leg-weakness"),
        ("a lorry drove into the back of my car and my back has hurt since", "trauma"),
        ("dad is 84; since his back went he hasn't been able to get up", "older-decline"),
        ("my husband's back hurts and he can't really feel his legs", "leg-weakness"),
        ("dad is 72, his back hurts and since yesterday he cannot make pee", "urinary-retention"),
        ("took a hockey ball full in the lower back last night, sore to bend", "trauma"),
        ("since my back went it's numb down there, like I've sat on a bike saddle all day",
         "saddle-numbness"),
        ("this morning I am not control the pee, it come out by itself", "bladder-bowel"),
        ("my foot is dragging when I walk and my lower back is killing me", "leg-weakness"),
        ("back's been sore all week and my chest went tight and heavy on the stairs",
         "chest-pain"),
        ("my nephew is 12, he fell off the climbing frame onto his back and now his legs are weak",
         "leg-weakness"),
        ("my back went on Monday and I've been weeing myself since without meaning to",
         "bladder-bowel"),
        ("sciatica flared up and now I don't notice when I leak", "bladder-bowel"),
        ("I couldn't hold it on the way to the loo and my back is in bits", "bladder-bowel"),
        ("back seized up, I keep needing to go but it just doesn't happen", "urinary-retention"),
        ("since my back went I can't go number one properly", "urinary-retention"),
        ("numb in the undercarriage ever since my back went", "saddle-numbness"),
        ("back hurting 4 days, hot body and shaking", "fever-unwell"),
        ("had a mastectomy and now a new ache low in my back", "cancer"),
        ("my lower back hurts and I'm down 6 kg without trying", "weight-loss"),
        ("dad is 81, his back is bad and he needs a frame now", "older-decline"),
        ("gran is 88, her walking has gone to pot and her back is sore", "older-decline"),
        ("my back's agony and the bit of the seat where I sit feels like dead", "saddle-numbness"),
        ("numb right where you'd sit on a bike saddle, my back hurts, I haven't cycled in years",
         "saddle-numbness"),
        ("my knee gives away on the stairs and my back aches since Monday", "leg-weakness"),
        ("back pain, and my thigh is without power since yesterday", "leg-weakness"),
        ("trying to bulk but I've lost 4 kg and my back aches all the time", "weight-loss"),
        ("LBP 6 wks, unexplained wt loss", "weight-loss"),
        ("pt c/o hesitancy, LBP 3/7", "urinary-retention"),
        ("back hurts and I go back to the loo and still feel full", "urinary-retention"),
        ("the waterworks won't get going since my back went", "urinary-retention"),
        ("my husband's back is bad and his bits feel numb, what should he do?", "saddle-numbness"),
        ("back's sore and there's a strange feeling in my groin", "saddle-numbness"),
        ("leg's wobbly and weaker by the day, back's wrecked", "leg-weakness"),
        ("slammed down on my back on the ice rink, can't breathe in properly", "trauma"),
        ("lower back pain that's the same no matter what I do, 3 weeks now", "night-pain"),
        ("3 months back pain and I've lost 5 kg without trying", "weight-loss"),
        ("upper back ache and a tight chest on the stairs, goes away when I sit", "chest-pain"),
        ("leaks when I sneeze for years, but since my back went I can't feel when I need to go",
         "bladder-bowel"),
        ("sciatica in both legs and without any warning I can't control my bladder",
         "bladder-bowel"),
        ("pt with L5 radic, new DF weakness 4/5", "leg-weakness"),
        ("I'm 72 and my back aches; my left knee just folded on the stairs", "leg-weakness"),
        ("hurt my back and I have to stand there ages before I can go", "urinary-retention"),
        ("anyone else's knee just buckle with back pain? happened twice today", "leg-weakness"),
        ("upper back pain for an hour, a tightness across my chest, I thought it might be muscular",
         "chest-pain"),
        ("had breast cancer years ago and now my back is givin gyp", "cancer"),
        ("disc flare and I have to really strain to get the stream going", "urinary-retention"),
        ("my back's been bad since Friday and I need to go but can't", "urinary-retention"),
        ("since my back went I don't feel the urge to go anymore", "bladder-bowel"),
        ("back pain for a month and it doesn't change whether I move or rest", "night-pain"),
        ("did the clams. a week ago I walked to town fine now I'm weak in both legs, back same",
         "leg-weakness"),
        ("pelvic floor exercises for a bad back? since Monday I have lost control of my bladder",
         "bladder-bowel"),
        ("stopped chest day because my chest felt crushing and I went sweaty; back sore, lift?",
         "chest-pain"),
        ("sore back and I can't hold my water since the weekend", "bladder-bowel"),
        ("slipped disc and I woke up to a wet bed twice this week", "bladder-bowel"),
        ("back's been playing up and the waterworks have packed up since Tuesday",
         "urinary-retention"),
        ("my back aches and my bum feels deaf on both sides", "saddle-numbness"),
        ("rolled the ute into a ditch last night, back sore, stretches?", "trauma"),
        ("lost my footing on the ladder and came down on the decking, back's stiff", "trauma"),
        ("waking up soaked every night and my lower back aches, stretch?", "fever-unwell"),
        ("low grade temps all week with this back pain, walk or rest?", "fever-unwell"),
        ("my back pain does not change with position; what exercise?", "night-pain"),
        ("since my back went I scuff my toes on every kerb", "leg-weakness"),
        ("best stretch when ur back aches and ur groin is numb? asking for me", "saddle-numbness"),
        ("my waist is paining me since last week and I've had chills every night", "fever-unwell"),
        ("my junk has gone numb since my back flared", "saddle-numbness"),
        ("lower back sore, and since today the urine escapes alone", "bladder-bowel"),
        ("since my back went I need to go but very little comes", "urinary-retention"),
        ("back flare and barely any sensation down there", "saddle-numbness"),
        ("back pain and my knee suddenly keeps buckling on the stairs", "leg-weakness"),
        ("back's bad and my knee keeps gaun fae under me", "leg-weakness"),
        ("back sore and a pressure in me chest that won't go", "chest-pain"),
        ("back ache a month and I'm sweating buckets in bed every night", "fever-unwell"),
        ("hurt my back lifting, and it's worse when I'm resting in bed", "night-pain"),
        ("a prostate cancer survivor myself and an oncology nurse; new back pain for 3 weeks",
         "cancer"),
        ("mi come off mi bike and land pon mi back", "trauma"),
        ("lower back ache and I lost 8kg without trying, how to strengthen?", "weight-loss"),
        ("back pain from sitting for exam study and now it is difficult to start urinating",
         "urinary-retention"),
        ("my back flared and I've had incontinence since Monday, probably just a bit of stress "
         "incontinence right?", "bladder-bowel"),
        ("back hurts, fever and chills, had to put the electric blanket on", "fever-unwell"),
        ("back sore since the gym and when I pee I never actually empty", "urinary-retention"),
        ("back went at work and I've had a few skid marks I never felt", "bladder-bowel"),
        ("right foot is not lifting since Monday, back sore", "leg-weakness"),
        ("slid off the barn roof onto pallets, back sore", "trauma"),
        ("our taxi flipped over on the mountain road, my back has hurt since", "trauma"),
        ("gnawing pain in my back whether I move or not", "night-pain"),
        ("back pain out of nowhere, worst pain ever, I feel woozy", "tearing-pain"),
        ("they kicked me in the lower back when I was down; painful today", "trauma"),
        ("my back went on Monday and every day it is more bad, I'm 76", "older-decline"),
        ("sciatica making me run to the loo and only a trickle comes", "urinary-retention"),
        ("my lady bits went numb overnight and my back is sore", "saddle-numbness"),
        ("plank went fine but my chest's been tight for an hour", "chest-pain"),
        ("weighed myself, 6 kilos less than in June and nothing's changed; back aches",
         "weight-loss"),
        ("crying at night with my back, nothing takes the edge off", "night-pain"),
        ("blacked out on the walk and came round on the grass, back and belly really hurting",
         "tearing-pain"),
        ("I'm 79 and so much weaker this week I need help getting dressed; back sore",
         "older-decline"),
        ("my sciatica's bad and my foot won't flex up any more, it drags along", "leg-weakness"),
        ("lower back pain, at night very bad, lie down not help, what exercise?", "night-pain"),
        ("took a hurley across the lower back at training, still sore, bridges ok?", "trauma"),
        ("back's sore and I've had two little poo accidents I didn't feel happening",
         "bladder-bowel"),
        ("lower bk pain and lost 12lbs w/o trying, normal?", "weight-loss"),
        ("had a melanoma out years ago, and my back's been grumbling for two months", "cancer"),
        ("back sore since the weekend and today my chest has gone all tight", "chest-pain"),
        ("no amount of pillows or heat shuts it down at night, my back, I mean", "night-pain"),
        ("my back hurts even when I'm sitting perfectly still", "night-pain"),
        ("got clipped by a car on my bike, went over the bonnet, back sore now", "trauma"),
        ("beat myeloma last year and now my back wants to ruin my year, best exercise?", "cancer"),
        ("the feeling is gone down there since my back went", "saddle-numbness"),
        ("back's sore and I'm hardly managing a trickle each time I go", "urinary-retention"),
        ("my back hurts and in the intimate area I don't feel anything since Monday",
         "saddle-numbness"),
        ("back sore and each morning the leg is a bit more useless", "leg-weakness"),
        ("walked up the hill and my chest went heavy and my arm ached, better now I think",
         "chest-pain"),
        ("chest is feeling squeezing when I walk fast", "chest-pain"),
        ("during the exercise my chest has pressure", "chest-pain"),
        ("I have febre since 4 days and my back is very painful", "fever-unwell"),
        ("without dieting my weight is dropping, 5 kg this month, back sore", "weight-loss"),
        ("the pain doesn't go whatever I do, heat, ice, tablets, nothing", "night-pain"),
        ("no position is good at night, the back pain is worst lying down", "night-pain"),
        ("I'm 77 with a bad back and fading fast this week", "older-decline"),
        ("my jeans keep falling down, I haven't been dieting, and my back has ached for a month",
         "weight-loss"),
        ("back aching for weeks, lost 6kg without trying, jeans falling off", "weight-loss"),
    ],
)  # fmt: skip
def test_signs_told_in_everyday_words_are_found(text: str, sign: str) -> None:
    found = check(text)
    assert found is not None and found.id == sign, text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I had a bad fall yesterday and my back hurts. I am worried it is broken", "trauma"),
        ("my leg is getting weak and my bladder is fine", "leg-weakness"),
        ("I have no control of my bladder since this morning", "bladder-bowel"),
        ("without warning I wet myself, and my back is killing me", "bladder-bowel"),
        ("my husband found a lump on my lower back yesterday", "back-lump"),
        ("I am a cancer patient with back pain", "cancer"),
        ("my back hurts and I can not feel my legs", "leg-weakness"),
    ],
)
def test_a_sign_beside_words_that_look_like_a_denial_still_counts(text: str, sign: str) -> None:
    found = check(text)
    assert found is not None and found.id == sign, text


@pytest.mark.parametrize(
    "text",
    [
        "My son, 14, has a fever and my back hurts, which stretch helps?",
        "our dog has a lump on his back, should we see a vet?",
        "I nearly wet myself laughing at my mate's squat form; do squats work the lower back?",
        "chest is sore from yesterday's bench session, can I still train my back today?",
        "tripped over a toy but didn't actually fall, caught myself; which back exercise is best?",
        "can back pain be a sign of cancer? mine is only stiff from gardening",
        "my bum went numb on a long drive, fine now, is walking good for a stiff back?",
        "first aid course question: what are the symptoms of cauda equina syndrome?",
        "my other half is in bed with flu, fever, shivers; is a walk ok for my stiff back?",
        "shivers down my spine when chalk squeaks; do core exercises help the lower back?",
        "I'm a Cancer (star sign) and lazy; how can a beginner strengthen the lower back?",
        "back in the fall I started raking leaves and my back has felt weak since, why?",
        "a car bumped ours in the car park, nobody hurt; what's the best back exercise?",
        "my back hurts and my chest feels fine, which stretch should I do?",
        "the pain has never woken me at night, but how do I rehab my back after a strain?",
        "a friend's mum had cauda equina last year; my back is only a bit stiff, which stretches?",
        "my aunt survived cancer and runs a walking club; she says walking strengthens your back",
        "I do pelvic floor exercises to prevent bladder problems later on; are they core work?",
        "can't pee for hours on long hikes as there are no toilets, is hiking good for my back?",
        "I tripped over my words at the physio and forgot to ask how to rehab my back",
        "will high heels wreck my back at a wedding?",
        "my flatmate has a fever and chills, I'm fine, back a bit stiff from the sofa, walk?",
        "my niece had a nasty fall off her bike, she's ok; which exercises make my back stronger?",
        "my coworker lost loads of weight and my back aches from my desk, what core moves help?",
        "grandson's got a temperature and I've been carrying him, my back's sore, is walking ok?",
        "nurse here, I assessed a patient with saddle numbness today; what helps my own low back?",
    ],
)
def test_a_sign_someone_else_had_or_no_sign_at_all_is_no_alarm(text: str) -> None:
    assert check(text) is None, (text, check(text))


def test_an_emergency_sign_outranks_an_urgent_one_in_the_same_message() -> None:
    found = check("I've had a fever for two days and now I can't pee, my back is killing me")
    assert found is not None and found.tier == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "which diet makes you lose weight fastest",
        "my son had a temperature on Monday; anyway, which stretches help a stiff back?",
        "I'm walking 10k for a cancer charity, which exercises get my back ready?",
        "I'm scared of falling on the ice, which back exercises are safe indoors?",
        "my legs feel like jelly after leg day, do squats work the lower back too?",
        "for a quiz: what is cauda equina syndrome?",
        "no numbness, no bladder trouble, just a stiff lower back after gardening",
        "I lost weight on purpose this year and my back still feels weak, why?",
        "what's a good temperature for a bath to relax a sore back?",
        "I stumbled upon an article about back pain, is walking good for it?",
        "the fever broke yesterday, my back's just stiff from lying in bed, is walking ok?",
        "chest infection last month has cleared, back stiff from coughing, how do I build it up?",
        "lost weight when I was ill last spring and put it all back on since; walk for my back?",
        "had to make weight for my judo grading so I lost 3 kilos; my back feels weak, why?",
        "if I ever fell off my bike, how would I rehab my back?",
        "it's been a car crash of a month and my back is tight from stress, best stretch?",
        "did wall sits to muscle failure and my legs gave out, are squats good for the back?",
        "what's cauda equina? someone mentioned it at the gym",
        "got chills waiting for the train this morning; how do I strengthen my back?",
        "I've convinced myself it's a tumour; do stretches help a stiff back?",
        "my back is only sore at night when I sleep on my front, is it my mattress?",
        "vet student: what causes foot drop in a horse?",
        "postnatal bladder leaks were sorted by pelvic floor physio years ago; where do I start?",
        "the phone bill nearly gave me a heart attack; which core moves help my lower back?",
        "my shares crashed this week and my back is stiff from worry, is walking good?",
        "binged a show about a plane crash investigation, back stiff, best stretch?",
        "my GP asked me if I had any numbness in my groin; I don't. How do I rehab my back?",
        "me wee lass fell off the trampoline, she's fine; my back is sore from lifting her, help?",
        "whiplash years back in a car accident, everything settled within a month; walk for it?",
        "big chest session yesterday and my chest is tight today; which back exercises can I do?",
        "leg day wrecked me, my legs are like jelly on the stairs; do squats work the lower back?",
        "legs gave out at the end of the race but fine by the next day; walking for my back?",
        "this month has been an absolute car crash, back tight from stress; best stretch?",
        "nearly got knocked off my bike by a van, I'm fine; how long to strengthen my back?",
        "got hit with a huge parking fine and my back is tense; which exercise?",
        "slipped on the stairs last week, x-ray clear; how do I rehab my back?",
        "read on the internet that a fever with back pain is bad; is walking good for me?",
        "my doctor asked whether the pain wakes me at night; why would she ask that?",
        "fever in spring from a kidney infection, now totally fine; walking for my back?",
        "can back trouble cause bladder problems? mine is totally normal",
        "let my stretches slip over Christmas and my back is stiff; what helps?",
        "you'd think I'd been hit by a train, my back after moving house; best stretch?",
        "came off my bike in the 80s, grand since; what causes a weak back?",
        "on the plane 10 hours my bum was sleeping, but after it is normal; how to sit, my back?",
        "planks made my chest tight because I was holding my breath; do they help my back?",
        "physio said to come back if my foot starts dragging; it hasn't, which core moves help?",
        "a patient fell on the ward and I hurt my back catching him; how do I rehab it?",
        "lost a few pounds with flu but they went straight back on; beginner back exercises?",
        "bum goes numb on long drives but comes right as soon as I get out; walking for my back?",
        "my foot slaps when I run, been like this for years; what core work helps my back?",
        "knee gave way years ago, an ACL tear, all repaired now; how do I strengthen my back?",
        "my game crashed my computer and I sat hunched for hours; back sore, walk?",
        "got tackled at rugby, not even bruised; which exercises for the lower back?",
        "bum's numb after a 3 hour zoom, jk; best stretch for my lower back?",
        "fell off a swing when I am child, no problem now; how to make my back strong?",
        "lost 2 kilos cycling everywhere on holiday; does walking strengthen the back?",
        "my 5yo fell off the sofa, she's totally fine, but lifting her hurts my back; exercises?",
        "does back pain mean cancer? dr google says so, I only pulled a muscle",
        "an Emmerdale storyline about spine cancer upset me; my back's only sore from cleaning",
        "a tight sports bra gives me pressure across my chest on runs; is running bad for my back?",
        "my car got hit while it was parked, I wasn't in it; back sore from stress, walk?",
        "hit by a bus, metaphorically, after a 12 hour shift; best stretch for my back?",
        "took a tumble dancing at a wedding, bruised but fine; walk it off for a stiff back?",
        "nearly had a crash on the motorway, no contact; back tense, stretches?",
        "mum has MS and her legs give way at times; gentle seated back exercises for her?",
        "my leg is weak after a knee replacement; my back aches from limping, is walking good?",
        "bum went numb on a long flight but it sorted itself out once I walked; walk for my back?",
        "arse gone numb from 4 hours of gaming; exercises for my back?",
        "the physio asks about a numb bum, peeing and fever and the answer is no; back exercises?",
        "hit chest hard yesterday, blasted my pecs, chest is tight today; build back strength?",
        "both legs went numb on the toilet, came right after a couple of minutes; back routine?",
        "I've a fever from the flu, nothing to do with my back; how long to build back strength?",
        "a little fall off the step, healing fine, back stiff; core exercises?",
        "my hound's hind legs give out now and then; walking good for my sore back?",
        "dad worries he'll have a fall if he doesn't get stronger; exercises for his back?",
        "baby is sitting on my bladder, midwife is aware; back achy, can I walk?",
        "as a carer I see a lot of cancer patients; my back aches from lifting, rehab?",
        "the night sweats came from my new duvet; back stiff, best stretch?",
        "my legs gave way on the dance floor after a few too many pints; back sore, avoid what?",
        "as a urology nurse I see retention every day; my back aches from shifts, rehab tips?",
        "almost crashed the bike on gravel, didn't hit anything; squats for my back?",
        "what do physios mean by saddle anaesthesia? heard it on a podcast",
        "the warning list says bladder, bowels, numbness, leg weakness, fever; I have none of "
        "those. How long to strengthen my back?",
        "me ma's in hospital with a chest infection; I did my back in carrying her bags, avoid?",
        "I fell off a swing when I was about seven; how long to build back strength now?",
        "my lola fell last week but she's ok; 5 exercises for my lower back?",
        "for health class our poster lists bladder problems under back pain; which 5 exercises?",
        "my back's stiff after a feverish week of exams; 3 good back exercises?",
        "hypothetically, if my groin went numb during squats I'd know it's A&E; do squats work "
        "the lower back?",
        "my husband's in hospital with chest pains, stable; do core exercises help the lower back?",
        "I went through the warning signs like fever, bladder trouble, weak legs; I have none. "
        "Best exercise for back pain?",
        "had a fever last year with dengue, now it is all fine; what to avoid with back pain?",
        "rehabbing my back after a disc bulge; what's the next stage?",
        "writing a thriller where the detective's slipped disc makes him lose bladder control; "
        "realistic?",
        "in the show last night a man fell off a roof and walked away; could my back take that?",
        "a wave knocked me off my feet on holiday, not a scratch; core vs back strength?",
        "the woman next to me on the bus had chest pains; my back is stiff from the ride, walk?",
        "my husband keeps leaking urine since his prostate operation; which incontinence pads?",
        "paramedic student: what's the guidance after a fall from height for the back?",
        "my villager in animal crossing has a fever lol; exercises for my sore lower back?",
        "screenplay question: my hero has chest pains after a crash, what would paramedics say?",
        "nurse here, I spend my shifts hearing about chest pain and falls; my back is just tired",
        "crashed out on the couch after the workout; how long until my back gets stronger?",
        "it felt like I'd lost a weight off my shoulders after the move; walking good for my back?",
        "got the chills on the walk, proper frosty morning; does walking build the back?",
    ],
)
def test_a_signs_words_in_a_harmless_message_are_no_alarm(answerer: Answerer, text: str) -> None:
    answer = answerer.answer(text)
    assert answer.kind != "red_flag", (text, answer.red_flag)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("did the bridges. been waking up soaked in sweat every night", "fever-unwell"),
        ("walked 15 mins. I've lost 6 kilos since summer without trying", "weight-loss"),
        ("did the chair exercises, I'm 81, and I've gone downhill fast this week", "older-decline"),
        ("skipped the stretches, had breast cancer in 2019 and the pain feels different now",
         "cancer"),
        ("I'm 79 and getting weaker every day this week, can hardly get to the loo now",
         "older-decline"),
        ("fell off the garage roof yesterday onto the drive, probably just bruising", "trauma"),
        ("up at 3am most nights with it, whether I'm lying, sitting or walking, nothing eases it",
         "night-pain"),
        ("had bowel cancer in 2018, and the pain's been different this month", "cancer"),
        ("did cat cow. been waking up drenched every night", "fever-unwell"),
        ("I'm 80 and this week I've gone from walking the dog to barely getting out of my chair",
         "older-decline"),
    ],
)  # fmt: skip
def test_a_message_to_the_coach_naming_no_body_part_implies_the_back(text: str, sign: str) -> None:
    found = check(text)
    assert found is not None and found.id == sign, text


@pytest.mark.parametrize(
    "text",
    [
        "did the bridges! my son has a fever so I'll skip tomorrow",
        "did the stretches, I've lost 4 kg on my diet this month",
        "did the clams, it's freezing out and I'm shivering, should I walk later?",
        "my back's fine, I tripped on the stairs, what are 3 core exercises?",
        "fell down the same pit 40 times on this elden ring boss lol any tips",
        "for physics we build a car crash test dummy with an egg, tips?",
        "care home manager here: updating our falls policy, what should staff check after a "
        "resident has had a fall?",
        "my husband says the pain keeps him up every night",
    ],
)
def test_an_implied_back_does_not_make_every_sign_the_writers(text: str) -> None:
    assert check(text) is None, text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my back is killing me and I passed out in the shower this morning", "fainting"),
        ("did the planks, then everything went black and I came to on the floor", "fainting"),
        ("halfway round the park my chest went tight and heavy, it wore off after a few "
         "minutes so I finished the walk", "chest-pain"),
        ("my back never ached like this before the radiotherapy", "cancer"),
        ("breast cancer survivor here, back's been grumpy for weeks", "cancer"),
        ("my mum says I'm wasting away, and my back aches all day", "weight-loss"),
        ("since my back flared my leg went wobbly and folded on the stairs", "leg-weakness"),
        ("my thighs don't have any power since my back went", "leg-weakness"),
        ("since the sciatica started my foot makes a flappy noise on the pavement",
         "leg-weakness"),
    ],
)  # fmt: skip
def test_episodes_and_signs_told_past_a_turn_in_time_count(text: str, sign: str) -> None:
    found = check(text)
    assert found is not None and found.id == sign, text


@pytest.mark.parametrize(
    "text",
    [
        "nearly fainted when I saw the bill for the physio, my back is stiff",
        "my friend passed out in the queue (she hadn't eaten); my back is sore, walk or rest?",
        "in the film where the hero faints his back is broken, what a plot. core exercises?",
        "had chest pain last month, the doctor checked my heart and it was all clear",
        "3 kg down, 2 to go on my diet, back's a bit stiff",
        "my feet slap on the treadmill because I overstride, back fine, walk or run?",
    ],
)  # fmt: skip
def test_a_faint_feared_or_someone_elses_or_an_episode_checked_is_no_alarm(text: str) -> None:
    assert check(text) is None, text


@pytest.fixture(scope="module")
def words() -> SignPatterns:
    """The words reader alone: the meaning reader may hear a sign the patterns miss."""
    return SignPatterns(load_content().safety)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # told in everyday words
        ("had bowel cancer a few years ago and now my back is at me", "cancer"),
        ("sent flying off my scooter by a taxi, back's screaming", "trauma"),
        ("down 4 pounds this week and I'm eating loads, back aches", "weight-loss"),
        # the writer's own, beside a back the coach's chat implies
        ("hit by a van crossing the road. sore. walk today?", "trauma"),
        ("just got knocked off my bike on the way to the walk, hurts", "trauma"),
        ("pissed meself on the walk and never felt it, back's bad", "bladder-bowel"),
        # a walking challenge explains no weight lost in it
        (
            "weighed in for the challenge and I'm down 5kg without changing anything, back aches",
            "weight-loss",
        ),
        # a recovery told as partial is none
        (
            "for a day I couldn't hold my wee at all after my back went, it's mostly back to "
            "normal now",
            "bladder-bowel",
        ),
        ("went numb between my legs on Sunday, partly back to normal now, back still sore",
         "saddle-numbness"),
        # a faint told by what it did, or in the writer's words ("I was out") someone reports
        ("stood up after the bridges and next thing I knew I was on the kitchen floor, back hurts",
         "fainting"),
        ("my wife says I was out for about ten seconds after the walk, back's aching", "fainting"),
        ("pengsan after my walk, back still pain", "fainting"),
        # "half" is someone only as an "other half": this back and this weight are mine
        ("I'm down a stone and a half without trying. Back's been grumbling for weeks.",
         "weight-loss"),
        # the coach's "cat cow" is no cat; an "I" among a sign's first words
        ("finished cat cow and everything went black for a moment, back's sore", "fainting"),
        ("did the bridges and next thing I was lying on the mat, back aches", "fainting"),
        ("Mate, back's wrecked since Friday and I don't know I need a wee till it's too late",
         "bladder-bowel"),
        # a negation in an aside between a sign's words denies nothing
        (
            "felt something rip in my back when I lifted the mower, never had pain like it, now "
            "I'm dizzy and clammy",
            "tearing-pain",
        ),
        # everyday words
        ("my right leg went to jelly on the stairs today, back's been bad all week",
         "leg-weakness"),
        ("back is bad and when I try to pee only few drops come", "urinary-retention"),
        ("my back's been sore since Monday and I can't make xixi", "urinary-retention"),
        ("at night it's a horrible throbbing ache in my back, been a month", "night-pain"),
        ("back pain for weeks now and rest doesn't touch it", "night-pain"),
        ("went down hard on the ice yesterday, back's agony", "trauma"),
        ("back's really sore and since last night fever and shivers", "fever-unwell"),
        (
            "mum's 86 and her back's bad, last month she walked to the shops, now she needs help "
            "getting to the loo",
            "older-decline",
        ),
        ("sleepy feeling in my bum and groin since my back went", "saddle-numbness"),
        ("the area you sit on has gone numb since my back went", "saddle-numbness"),
        # an emoji ends a sentence: the exercise reported done is no reason for the next one
        ("planks done ✅ chest has been tight and heavy all morning", "chest-pain"),
        # the coach's exercises named anywhere put the message in the programme
        ("fainted after the bird dogs, banged my knee on the way down", "fainting"),
        # a faint told by what it did, in a clause the writer is in
        ("this morning in walk everything go black and I am on floor, few second only",
         "fainting"),
        ("got dizzy and dropped in the park, out for a minute or so apparently", "fainting"),
        ("one minute I was tying my lace, the next I was flat on the pavement. back aches since",
         "fainting"),
        # everyday words
        ("leaking since the weekend and I genuinely can't tell when it's happening, back's bad",
         "bladder-bowel"),
        ("sweat in the night every night since Monday, back pain is more", "fever-unwell"),
        ("I have hot and cold from yesterday and the back is very pain", "fever-unwell"),
        ("I'm 79 and over the last week I've become very feeble, back's bad", "older-decline"),
        ("my dad is 83, scarcely able to get out of his chair now, his back is bad",
         "older-decline"),
        ("left calf just wouldn't hold me going up on my toes, back sore since gardening",
         "leg-weakness"),
        ("chest burns every time I walk uphill, stops when I stop", "chest-pain"),
        # a back whose pain "is good" in a question is no back at peace
        ("slipped on the ice and landed hard on my back two days ago. what exercise for back "
         "pain is good?", "trauma"),
        # a reason guessed at after it ("maybe that's why?") explains nothing away
        ("everything went black in the kitchen and I came round on the floor. skipped lunch, "
         "maybe that's why? back aches today", "fainting"),
        # a sofa explains a faint away only as sleep ("passed out on the sofa")
        ("my dad blacked out on the sofa earlier, his back's been bad all week", "fainting"),
        # other languages
        ("mi padre tiene dolor de espalda y se orina sin darse cuenta desde ayer",
         "bladder-bowel"),
        ("kamar dard hai aur raat ko bukhar aa raha hai", "fever-unwell"),
        ("bro leg just went weak out of nowhere mid walk, back's playing up", "leg-weakness"),
        # the coach's "bird dog" is no dog; a boat trailer is no film's
        ("during bird dog everything went black for a second, back aches", "fainting"),
        # round 52: everyday words for a lump, a numb seat, a leg, a faint, night pain, decline
        ("back's been aching and a knot has come up on it this week, hard as a pea", "back-lump"),
        ("mum's back has been bad since Monday and she says she can't feel the loo seat under "
         "her", "saddle-numbness"),
        ("on the walk my left leg went all wobbly and I nearly went down, back's sore",
         "leg-weakness"),
        ("halfway round the walk everything went grey and I slumped on a bench, back's sore",
         "fainting"),
        ("back throbs at night and lying down does nowt, I'm up at all hours", "night-pain"),
        ("I'm 74 and over the last three weeks I've gone weak as a kitten, back's sore",
         "older-decline"),
        # chest pain on a hill that stops me, told as passing: an episode all the same
        ("the hill to the shops gives me a tightness across my chest and I have to stop till it "
         "passes, then I'm right as rain. back's stiff", "chest-pain"),
        ("lost the back end on a wet roundabout yesterday and slid along the tarmac, back's "
         "stiff", "trauma"),
        ("refused the ambulance after the bump yesterday, back's stiff today", "trauma"),
        # a professional's own sign, or one client's now, is no professional's habit
        ("HCA on a busy ward, back sore since a lift went wrong, now my right foot drags",
         "leg-weakness"),
        ("client complaining of numbness in her saddle area since her back flare, should I stop "
         "her class?", "saddle-numbness"),
        ("hubby's back went lifting the boat trailer and now he hasn't passed water all day",
         "urinary-retention"),
    ],
)  # fmt: skip
def test_the_words_reader_hears_a_sign_told_in_everyday_words(
    words: SignPatterns, text: str, sign: str
) -> None:
    found = words.find(text)
    assert found is not None and found.id == sign, text


@pytest.mark.parametrize(
    "text",
    [
        # a denial the sign's words do not need, a list denied, a near miss
        "my groin isn't numb at all, just sore from the bridges",
        "the nurse read out the list, bladder, bowels, numb bum, and I said no to all of them",
        "woke up soaked cos the duvet is far too warm, back's a bit stiff",
        "had a bladder repair after my son was born, all good since, walk or rest?",
        # a look-alike that gives its reason
        "what happens if I slip on the ice on my walk, could I hurt my back?",
        "my chest was tight with pride at the finish line, my back's a bit stiff",
        "so hungover, feeling very unwell and it's all the tequila's fault, back's ok",
        "walking challenge fever has gripped the whole street, back's never been better",
        "I'm a Cancer, born in July, my back's sore from gardening, which stretches?",
        "weight's dropping off me from breastfeeding, back sore from the night feeds",
        "years ago the back pain woke me every night, nothing like that now, core moves?",
        "the drive took nine hours and my bum went numb, came good once I stretched",
        # a sign denied in dialect, asked about, or given its cause
        "nae fever, nae numbness, jist a stiff back fae the garden",
        "pas de fièvre, my back is stiff from the train, walk or rest?",
        "did a mud run, fell in the mud a dozen times, back's sore but buzzing",
        "you're giving me chest pains with all these reminders lol, walked twice",
        "this leaderboard kept me up all night plotting, back's holding up",
        "is foot drop the one where your toes catch? my back is just stiff",
        "can a fall cause back pain years later? my back aches a bit",
        "had a kidney infection with fever in the spring, all cleared, back's stiff now",
        "my foot keeps catching cos the new boots are stiff, back's a bit sore",
        # an accident or a faint told of nobody in particular, or of a pet
        "the radio said a lorry driver crashed on the motorway this morning, awful",
        "that goalkeeper fainted on the pitch last night, scary match",
        "in the soap last night Kath had a fall down the pub stairs, I cried",
        "my budgie fainted when the fireworks started, poor thing",
        "my parrot fell off his perch and hurt his back, vet tomorrow",
        # a joke, a fear, someone else's story
        "my chest hurts from laughing at the group chat",
        "fell off the bike into a hedge, only my ego is hurt, bridges later",
        "I'm terrified of ending up incontinent like my gran, which core moves help?",
        "the news said a jockey fell at the last fence, my back aches watching it",
        "did planks till I feel like I'll pass out, back ok",
        "what if I fall on the walk and can't get up? I'm 82 and my back is stiff",
        # a character's sign, a trip that ended upright, a recovery "almost" years ago
        (
            "Playing Last of Us all weekend. There's a bit where a character falls off a "
            "building and ends up incontinent, grim. Anyway my back is stiff from the sofa, "
            "stretches?"
        ),
        "Tripped on the kerb yesterday, didn't actually go over, jarred myself a bit. Which "
        "shoes grip best?",
        "fell off a ladder almost 10 years ago, long since healed, which core moves?",
        "my left leg went to jelly after leg day squats, back's fine",
        # a screen blacked out, a watch's guess, a little one's fever, a night's sleep
        "blacked out the names in the screenshot before posting, back sore from the desk",
        "my smartwatch thought I'd had a hard fall when I flopped onto the sofa, back's stiff",
        "the little one has a fever so I'm on sofa duty, my back's stiff from carrying her",
        "was out cold by nine after the long walk, back feels looser today",
        "out for a few minutes getting the paper, back's stiff, which stretch?",
        # a film, a crashed laptop, a couple of years ago, half lotus, a bill, an ice bath
        "the crash in that film had me gripped, back's a bit stiff from the cinema seats",
        "my laptop crashed twice today, back's stiff from hunching over it",
        "a couple of years ago I had chest pain from a rib strain, all clear since, back's stiff",
        "sitting in half lotus makes my legs go numb, back's fine, cushion ideas?",
        "opened my credit card statement and I'm having chest pains lol, back's ok",
        "ice bath after deadlifts, shivering for twenty minutes, is heat better for a stiff back?",
        "night sweats cos the heating's cranked to 25, back's a bit stiff",
        "the farmer's carry is where I fall down, my back tires first. how to build strength?",
        "my legs went weak when my crush replied, also did 9k steps today, back's fine",
        # round 52: on purpose, a game, professionals and their patients, a past infection
        "lost 5kg on purpose for the challenge, back feels lighter already",
        "my pokemon fainted in the gym battle, back's stiff from sitting",
        "physio here, had two cauda equina referrals this week, which core moves do you give?",
        "GP here: when patients mention urinary retention, does the bot send them to A&E?",
        "nurse on the spinal ward, I see bladder retention every shift, my own back is just achy",
        "had a kidney infection with a fever last spring, cleared with antibiotics, back's stiff",
        "can a heart attack feel like back pain? just wondering",
        "long day behind the wheel, back's sore, should I just crash?",
        "a learner nearly rear-ended a bus today, back's stiff from the car",
        "mum's been incontinent for years with her dementia, it's my back that's sore from lifting",
    ],
)
def test_look_alikes_are_no_alarm_to_the_words_reader(words: SignPatterns, text: str) -> None:
    assert words.find(text) is None, text


async def test_a_long_story_ending_in_a_warning_sign_gets_the_advice(user: ConsoleUser) -> None:
    story = (
        "I've had a bad back on and off for years and I usually manage it with walking. " * 30
        + "Since yesterday I can't control my bladder."
    )
    assert len(story) > 2000
    reply = await user.says(story)
    assert EMERGENCY in reply
    assert "very long" not in reply


async def test_a_red_flag_in_a_session_stops_it_with_the_tier_advice(user: ConsoleUser) -> None:
    await user.says("/exercise bridges")
    reply = await user.says("hang on, my back hurts and there's a new lump on my spine")
    assert "I've stopped the session." in reply
    assert URGENT in reply

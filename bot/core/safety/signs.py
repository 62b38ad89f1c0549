"""Warning signs found by their words: the patterns of ``content/safety.yaml``.

A message is read the way the matcher reads it (:func:`bot.core.faq.normalise`),
misspelt key words are corrected, and the patterns are tried on the line as written
and on the line without filler words ("both my legs", "my own toes"). A match counts
unless

- a negation in the same clause governs it ("no numbness", "I don't have a fever"), or
  one inside it that the pattern does not spell ("the pain has never woken me");
  doubt is not denial, so "not sure if it's numb" still counts;
- a reason in its clause or a neighbour shows the words describe no sign: the sign's own
  ``unless`` (a weight loss sought on purpose, a fall feared rather than had), words that
  put it in the past and over (``resolved``: "fine now", "went away"; not for a history of
  cancer, which is the sign), or a question about signs rather than a sign (``general``: a
  first-aid course, a novel); a reason inside a comparison ("like I've sat on a bike
  saddle"), itself denied ("without dieting", "nothing makes it go away") or only guessed
  at in a question ("is it just a spot?") explains nothing away;
- it is someone else's: a sign that needs back trouble beside it (``with_back_pain``)
  and has none of its holder's, a pet's, anyone's in general ("can it make you numb"),
  or any sign told of someone else beside the writer's own back ("a friend's dad had
  cauda equina; my back is only stiff").

The work per message is linear: each pattern is searched a bounded number of times and
the first match that counts ends the search.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Literal, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.content.safety import URGENCY, RedFlagSign, Safety, Tier
from bot.core.faq.normalise import CLAUSE_MARK, normalise
from bot.core.faq.terms import common_words


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


NEGATIONS = _listed("no not never without nor neither none denies zero nae pas")
UNINTENDED = _listed("dieting trying exercising")
"""After "without", the mark of a sign that came unbidden ("without trying, I've lost")."""
NOT_NEGATING_NEXT = (
    _listed("sure certain know knowing only longer idea warning fail doubt") | UNINTENDED
)
"""After a negation word these make it doubt, not denial: "not sure", "no longer",
"without warning"; "without dieting, my weight is dropping" is the sign's own mark."""
CLAUSE_BREAKS = _listed(f"{CLAUSE_MARK} but though although however except yet")
NEW_CLAUSE_AFTER_AND = _listed("i my now it then also since lately he she they we his her")
TURNS_IN_TIME = _listed("before until till since after")
"""A time word between a negation and a sign's words turns to another event: "never
had this before the chemo" denies the pain before it, and tells of the chemo."""
NEGATION_SCOPE = 6
"""How many words before a sign a negation word may stand and still govern it; the words
of a list ("no numbness or weakness or bladder trouble or a temperature") are not counted."""
LIST_WORDS = _listed("or nor and any a an")
DENIED_AFTER = re.compile(
    r"^((?!(but|though|although|yet)\b)(?!and (my|his|her|i|the|it)\b)\w+ ){0,3}"
    r"((is|are|seems?|feels?|been) (fine|normal|ok|okay|good)"
    r"|((all|both|totally|completely|perfectly) )?(fine|normal))\b"
)
"""A sign followed, in its own clause, by "... is fine" is reported as normal ("bladder and
bowels are fine"); "my leg is weak and my bladder is fine" still reports the leg."""
LIST_DENIED = re.compile(
    r"\b(i|he|she|we) (have|has|had|get|got|ve got|have got|has got)( had)? none"
    r"( of (them|those|these|that|it|the above))?"
    r"(?= ,|$| just\b| only\b| but\b| though\b| thankfully\b| thank\b| luckily\b| except\b)"
    r"|\b(i|he|she|we) (said|say|says|answered|ticked|tick|ticks|put|circled|marked|clicked)"
    r" no to ((all|each|every one|both) of (them|those|these|it)|everything|the (whole )?lot|all)"
)
"""After a list of signs, the writer has none of them: "bladder, bowels, numbness ... I have
none of those", "weight loss, night pain, history of cancer ... I ticked no to all of them"."""
ASKED_REACH = 3
"""A clause that opens with "any" this close before a sign's words asks about the sign,
as a screening list does ("any numbness around the bottom, any problem passing water,
any fever?"); it tells none."""
SCREENED = _listed(
    "numb numbness tingling pins needles bladder bowel bowels pee peeing wee weeing urine "
    "water toilet incontinence leaking weakness weak fever temperature sweats weight cancer "
    "night lump lumps swelling saddle groin bottom bum accidents trouble problems problem"
)
"""Words a screening question asks about, beside its "any"."""
ANSWERED_YES = _listed("yes yeah yep yup ya aye sadly unfortunately")
LISTED_QUESTIONS = 6
LISTED_ITEM = 5
"""A list's items are at most this many words: the list's "any" reaches that far back."""
ANY_TIME = _listed(
    "time times more longer minute moment day night morning movement ideas idea advice tips "
    "help suggestions thoughts recommendations experience clue way ways exercise exercises "
    "stretch stretches treatment cure remedy remedies"
)
"""After a clause's "any", words that tell or ask for something else rather than ask about
a sign: "any time I cough I leak", "any ideas? numb bum since Friday"."""
NOT_APPLICABLE = re.compile(
    r"(?<!\bprobably )(?<!\bmaybe )(?<!\bpossibly )(?<!\blikely )(?<!\bthink )"
    r"(?<!\bguess )(?<!\bhopefully )(?<!\bprob )"
    r"\b(not (relevant|applicable)|irrelevant|(does|do) not apply)\b"
)
"""After a sign in its sentence, the writer says it does not apply, as on a form: "- Weight
loss: I'm a healthy weight, so not relevant". Only guessed, it still does: "had a melanoma
removed years ago, all clear since, probably irrelevant, but ..."."""
LIST_REACH = 30
"""How many tokens after a sign such a denial of the whole list is looked for."""
BACK_DENIED_BEFORE = re.compile(
    r"\b(no|zero|without|not any|(do|does|did) not have( any)?|never (ever )?had( any)?)"
    r"( real| actual| other| lower)?$"
)
SUITS = re.compile(r"^(pain|pains|ache|aches|problems?|issues?|trouble) (is|are) good\b")
"""After a back, its pain "is good": what suits it is good, the back is no better."""
UNTIL = re.compile(
    r"^ ?,? ?(\w+ ){0,3}(until|till|before|up until|but then|to|ish|in the|during|when|while"
    r"|except|apart|mostly|most)\b"
)
"""After "back is fine": the trouble began later, or the fine is qualified ("fine-ish",
"fine in the gym but at night..."), so the back is troubled after all."""
PAIN_FREE = re.compile(
    r"\b(no pain( at all| whatsoever)?|(do|does|did) not have (any )?pain|pain free|zero pain"
    r"|not in (any )?pain|no pain (in|with) (my |his |her |the )?back|fit as a fiddle"
    r"|fighting fit|i am (well(?! aware)|healthy|keeping well)|no aches( (or|and) pains)?"
    r"|nothing hurts|no (back )?(problems|issues|trouble) (whatsoever|at all))"
    r"\b(?! (until|till|before|except|apart|but))"
)
TROUBLE = re.compile(
    r"\b(backache\w*|pain\w*|hurt\w*|ach\w*|sore\w*|agony|killing|injur\w*|tweak\w*|stiff\w*|went|gone"
    r"|flare\w*|spasm\w*|problem\w*|trouble\w*|issues?|bad|worse|playing|twing\w*|niggl\w*|grief"
    r"|murder|bother\w*|giving (me|him|her)|gyp|complain\w*|nagg\w*|in (bits|pieces)|on fire"
    r"|sakit|grumbl\w*|ruin\w*|grumpy|cranky|acting up|at (me|him|her))\b"
)
PAIN = re.compile(
    r"\b(pain\w*|hurt\w*|ach(e|es|ed|ing|y)|agony|sore\w*|throb\w*|tweak\w*|spasm\w*)\b"
)
"""Words of a pain that may be the back's when no part of the body is named (``unnamed_pain``)."""
SPANS_BEFORE_BACK = _listed("weeks days months years while way")
BACK_NOUNS = _listed(
    "pain pains ache aches problem problems issue issues trouble spasm spasms injury"
)
"""After a span, these make "back" the body: "2 months back pain" is a back's pain."""
GOING_BEFORE_BACK = _listed(
    "am is are was were be been being get gets got getting go goes going went gone come comes "
    "came coming"
)
PLACES_AFTER_BACK = _listed("in at on to into home from")
BODY_AFTER_BACK = re.compile(rf"{TROUBLE.pattern}|\b(bits|pieces|fire|a state|a mess)\b")
"""Beside these "back" is an adverb: "a while back", "I'm back in the gym", "got back home"."""
BACK_TROUBLE_SCAN = 4
"""Words either side of a back searched for its trouble once another back is at peace."""
HISTORY_TROUBLE_SCAN = 10
"""Words either side of a back searched for its trouble beside a history: a story puts
them further apart ("a nagging pain, low down in the back, unlike my usual")."""
MIN_TYPO_LENGTH = 4
SENTENCE_END = re.compile(r"(?<=[.!?\u2600-\u27bf\U0001f300-\U0001faff])(?=\s)")
"""Where a sentence ends: its stop, or an emoji typed in place of one ("bridges done ✅
chest hurts when I breathe in"), so a reason in one is no reason in the next."""

FIRST_PERSON = _listed("i me myself")
BESIDE = _listed("to beside near behind opposite")
"""Before "me", words that make it a place ("next to me"), not whose the sign is."""
STRUCK_ME = re.compile(r"\b(kicked|hit|knocked|punched|struck|tackled|threw|pushed|shoved) me\b")
"""A blow that names its victim: "they kicked me in the back" is the writer's, whoever did it."""
OTHERS = _listed(
    """
    he she him his her hers they them their son sons daughter daughters child children kid kids
    boy girl baby toddler husband husbands wife wives partner partners boyfriend girlfriend
    fiance friend friends mate brother brothers sister sisters mum mums mom mother dad dads
    father parents nan nana gran granny grandma grandmother grandpa grandad granddad
    grandfather grandparents aunt aunts uncle uncles cousin cousins colleague colleagues
    hubby wifey missus bf gf half
    neighbour neighbor youngest eldest oldest boss manager teacher coach client customer
    clients customers patients residents pupil pupils mama mam mammy mummy mommy
    papa daddy pops
    aunty auntie aunties niece nieces nephew nephews grandson grandsons granddaughter
    granddaughters grandkid grandkids grandchild grandchildren stepdad stepmum stepmom
    stepson stepdaughter flatmate flatmates roommate roommates housemate housemates
    coworker coworkers workmate workmates bestie godson goddaughter
    lad lads laddie lass lasses lassie bairn bairns wean weans sprog sprogs
    ma da lady woman gentleman fella bloke lola lolo man men resident
    character characters hero heroine protagonist villain
    guy guys gal gals dude dudes women crew crewmate crewmates teammate teammates stranger
    strangers
    abuela abuelo abuelita abuelito nonna nonno oma opa
    ds dd dh dw dp dsd dss ds1 ds2 ds3 dd1 dd2 dd3 mil fil sil bil
    """
)
"""Words that put a sign or a back on someone other than the writer (forums' "DS", "DH",
"MIL": a dear son, husband, mother-in-law)."""
PRONOUNS = _listed("he she him his her hers they them their")
SUBJECT_REACH = 3
"""An "I" among a sign's first words makes it the writer's: "next thing I was on the mat"."""
AGE = re.compile(r"\d+(yo|yrs?|y)")
"""A child's age written as one word: "my 4yo", "my 10yr"."""
TELEGRAPHIC = _listed("just got get been had was then and so")
"""Words that may open a clause whose subject, the writer, is left out ("just got hit")."""
PLACES = _listed("home house flat office gym school ward practice clinic surgery club care")
"""Words after "my"/"our" that name a place, not the writer's own body or sign."""
PETS = _listed(
    "dog dogs cat cats puppy kitten pet pets horse rabbit labrador spaniel terrier collie tabby "
    "pup pups pooch doggo shepherd alsatian retriever poodle beagle greyhound whippet dachshund "
    "bulldog husky pug hound hounds mutt moggy frenchie frenchies cockapoo labradoodle "
    "cavapoo cavachon staffie staffy corgi schnauzer chihuahua yorkie westie bichon "
    "pomeranian rottweiler doberman lurcher springer cocker dachshunds "
    "cow cows calf heifer ewe sheep goat pig pony mare "
    "budgie budgies parrot parakeet cockatiel hamster hamsters gerbil ferret tortoise "
    "bunny hen hens chicken chickens lamb"
)
"""A pet's back is no one's: its lump or its fall is a question for a vet, not a sign."""
GENERIC = _listed("you your yours yourself anyone someone people")
"""Words that make a back nobody's in particular ("walking strengthens your back"): the
scan for a holder stops there, with nobody's."""
CLAUSES_AFTER = 2
"""How many clauses after a sign's own are searched for the reason that explains it away."""
FILLERS = _listed(
    "my his her their our own the a an much really kinda sorta just very so quite properly even "
    "totally completely pretty actually literally"
)
"""Words people slip into a description without changing it ("both my legs", "my own toes",
"nothing much comes out"); the patterns are also tried on the line without them."""
FILLER_OF_AFTER = _listed("kind sort either both each one")
""""of" is a filler after these: "either of his feet", "sort of hangs"."""
SIMILE_STARTS = frozenset(
    [
        ("like", "i"),
        ("like", "you"),
        ("like", "he"),
        ("like", "she"),
        ("like", "someone"),
        ("as", "if"),
        ("as", "though"),
        ("like", "after"),
        ("like", "when"),
        ("like", "where"),
        ("like", "that"),
        ("same", "as"),
        ("similar", "to"),
        ("where", "you"),
        ("area", "where"),
        ("part", "where"),
        ("bit", "where"),
        ("place", "where"),
        ("bit", "you"),
        ("part", "you"),
    ]
)
"""A reason in a comparison ("like I've been sat on a bike saddle", "as if ...") explains
nothing away; "like jelly after leg day" is no comparison clause, and still explains."""
UNLESS_NEGATION_SCOPE = 6
"""A negation this close before a reason denies the reason ("not on a diet", "no change
at all to my diet", "not eating differently or trying to lose it")."""
REASON_NEGATIONS = NEGATIONS | _listed("nothing nobody")
"""Words that deny a reason: "nothing makes it go away" is no pain gone away."""
PARTLY = ("mostly", "partly", "partially", "largely", "half", "kind of", "sort of", "somewhat")
EXPECTED = ("will", "will be", "should", "should be", "might", "might be", "hope", "hopefully")
"""Before a recovery, words that only expect it: "she says she'll be right as rain with a
bit of rest" tells of a sign there now ("would" stays out: "it would ease once I walked"
tells of episodes that passed)."""
WHOLLY = "".join(f"(?<!\\b{words} )" for words in (*PARTLY, *EXPECTED)) + (
    "(?:(?<!\\balmost )(?<!\\bnearly )"
    "|(?=(?:\\d|a|an|one|two|three|four|five|six|ten|twenty|several|a few) ))"
)
"""Before a recovery, what makes it part of one or only expected: "it's mostly back to
normal now" tells of a sign not gone. "almost" and "nearly" before a time are no part
("nearly 20 years ago")."""
HEDGES = _listed("just only simply probably maybe surely reckon")
HEDGE_FILLERS = _listed("a an bit of little touch")
GUESSES = _listed("maybe probably perhaps possibly reckon guess wonder")
"""After a reason, in its question, words that make it a guess: "skipped lunch, maybe
that's why?" ("just" is no guess there: "no injury, just a fright")."""
HEDGED_QUESTIONS = frozenset(
    [
        ("is", "it"),
        ("is", "this"),
        ("is", "that"),
        ("could", "it"),
        ("could", "this"),
        ("might", "it"),
        ("might", "this"),
    ]
)
"""A reason the writer asks about ("is it just a spot?", "is this DOMS?") is a guess, and
the sign told beside it still counts."""
SET_ASIDE = _listed("but however because")
"""Between a reason and the sign, a word that turns away from the reason: "leaks when I
cough for years, but since Friday ...", "sat down during chest day because my chest was
crushing" (the sign is the cause there, not the reason's effect)."""
TURNS_TO_NOW = _listed("now since today tonight suddenly yesterday")
"""Between a general reason and a sign, a word that turns to the writer's own present:
"the physio said to look out for numbness, and now my bum is numb"."""
PAST_EPISODE = re.compile(
    r"\b(last (week|month|year|summer|winter|spring|autumn|christmas|easter)"
    r"|back in (january|february|march|april|may|june|july|august|september|october"
    r"|november|december|the spring|the summer|the autumn|the winter|\d+)"
    r"|(in|during) (january|february|march|april|june|july|august|september|october"
    r"|november|december)"
    r"|(\d+|a|an|one|two|three|four|five|six|a few|a couple of|several|few) "
    r"(days?|weeks?|months?|years?) (ago|back)"
    r"|(years|months|ages|decades) ago|in (my|his|her) (teens|twenties|thirties|forties|fifties)"
    r"|in (19|20)\d\d|in the past|previously|once before|a while (ago|back))\b"
)
"""Words that set a sign in the past, in its clause or the one before: the sign may be
an episode over since (see ``_over_later``)."""
RECENT = re.compile(
    r"\b(this (morning|afternoon|evening|week)|today|tonight|yesterday|last night|now"
    r"|at the moment|currently|an hour ago|(\d+|two|three|few|a few|couple of) hours ago"
    r"|since (monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend))\b"
)
"""Words that date a sign to now: a time long past in a neighbouring clause dates
something else ("slipped on the ice this morning. The doctor told me a few years ago I've
got brittle bones")."""
EPISODE_REACH = 8
"""How many clauses after a past episode's own are searched for the words that end it."""
CLAUSE_REACH = 20
"""Words kept either side of a sign's own in the clause :meth:`SignPatterns.told` gives:
a run-on post with no commas is one clause, and read whole by the language model (the
first 128 tokens) it tells of everything but the sign. Of 10,216 clauses found in the
training sets, 110 are cut (none of their answers changed)."""
TURNS_FROM_EPISODE = _listed(
    "but however though although yet now since today tonight yesterday lately recently "
    "currently still again suddenly returned"
)
RETURNS = _listed("returned returning recurred recurring")
RECOVERED_AGAIN = _listed("normal fine myself himself herself well ok okay good better right")
"""Before "again", words that say the recovery, not the sign's return: "normal again"."""
TURNS_BACK = _listed("but however until till")
"""After a past episode's end told far from it, words that may bring it back."""
BELIEF = re.compile(
    r"\b(thinks|reckons|insists|insisted|adamant|convinced|swears|claims|assumes|believes"
    r"|assumed|figured|thought|keeps saying|kept saying|tell(s|ing)? (myself|himself|herself))"
    r"( that)? it( is| was| might be| could be| may be| must be)?( just| only| simply)?"
    r"( (from|due to|down to|because of|caused by))?( the| my| a| an)?$"
    r"|\b(put|putting|puts) it down to( the)?$"
    r"|\b(ask|asks|asked|asking|wonder|wonders|wondered|wondering) (me |us )?(if|whether)"
    r" (i|he|she|we|they)( am| is| are| was| were| have been| had been| been)?"
    r"( on| going on| doing)?( a| the| some)?$"
)
"""Someone else's belief about what a sign is, however sure, is a guess: "she's adamant
it's just her usual back", "he keeps saying it's just age", "he thinks it's a pulled
muscle"; so is what one tells oneself ("I keep telling myself it's a panic attack"), and what
others ask: "people at work keep asking if I'm on a diet. I'm not".
(What she keeps saying of the sign itself is no reason: "mum keeps saying I've lost weight
since I started netball".)"""
COMPARED_AFTER = _listed("type style like")
""""bike-saddle type numbness" compares with a saddle; it does not blame one."""
PERSON_SCAN = 12
"""How many words before a sign are searched for whose it is."""
MAX_MATCHES = 20
"""Matches of one pattern examined per message: a message repeating one phrase a thousand
times is judged on its first ones, in bounded time."""

Holder = Literal["me", "other", "pet", "anyone", ""]
"""The writer, someone else, an animal, anyone in general ("your back"), or nobody named."""
IMPLIED: tuple[int, Holder] = (-1, "me")
"""The writer's back, implied by a message to the coach that names none (see ``_implied``):
at no token, so no back named in the message is ever taken for it."""


class Reason(NamedTuple):
    """Words that explain a sign's words away, and what kind they are: the sign's own
    ``unless``, a ``recovery`` (it is over) or a ``general`` question about signs, which
    the writer cannot only guess at."""

    pattern: re.Pattern[str]
    kind: Literal["own", "recovery", "general"]


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    about: str
    tier: Tier

    @classmethod
    def of(cls, sign: RedFlagSign) -> RedFlag:
        return cls(sign.id, sign.about, sign.tier)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a match stands in the normalised line, in whole tokens; ``text`` is what the
    pattern matched (without fillers, for a match found in the compact line)."""

    first: int
    last: int
    """Token indexes, both included."""
    text: str


@dataclass(slots=True)
class _Line:
    """One message, normalised once: its tokens, their offsets and the compact line."""

    tokens: list[str]
    questions: frozenset[int] = frozenset()
    """The indexes of the tokens in a sentence that ends with a question mark."""
    stops: frozenset[int] = frozenset()
    """The indexes of the clause marks that end a sentence."""
    line: str = field(init=False)
    starts: list[int] = field(init=False)
    compact: str = field(init=False)
    kept: list[int] = field(init=False)
    kept_starts: list[int] = field(init=False)
    """Where each kept token starts in the compact line."""

    def __post_init__(self) -> None:
        self.line = " ".join(self.tokens)
        self.starts = []
        offset = 0
        for token in self.tokens:
            self.starts.append(offset)
            offset += len(token) + 1
        self.kept = [
            index
            for index, token in enumerate(self.tokens)
            if token not in FILLERS
            and not (token == "of" and index and self.tokens[index - 1] in FILLER_OF_AFTER)
        ]
        self.compact = " ".join(self.tokens[i] for i in self.kept)
        self.kept_starts = []
        offset = 0
        for index in self.kept:
            self.kept_starts.append(offset)
            offset += len(self.tokens[index]) + 1

    def token_at(self, offset: int) -> int:
        """The index of the token at (or, on a space, right after) a character offset."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0) + (
            1 if offset < len(self.line) and self.line[offset] == " " else 0
        )

    def spans(self, pattern: re.Pattern[str]) -> Iterator[Span]:
        """Matches in the line, then in the compact line, as token spans."""
        seen: set[tuple[int, int]] = set()
        for match in _searches(pattern, self.line):
            first, last = self.token_at(match.start()), self.token_at(max(match.end() - 1, 0))
            seen.add((first, last))
            yield Span(first, last, match.group())
        if len(self.kept) == len(self.tokens):
            return
        offsets = self.kept_starts
        for match in _searches(pattern, self.compact):
            first = bisect.bisect_right(offsets, match.start()) - 1
            last = bisect.bisect_right(offsets, max(match.end() - 1, 0)) - 1
            span = (self.kept[first], self.kept[last])
            if span not in seen:
                seen.add(span)
                yield Span(*span, match.group())


def _searches(pattern: re.Pattern[str], line: str) -> Iterator[re.Match[str]]:
    """Overlapping matches too (a denied first one must not hide the next), bounded."""
    position = 0
    for _ in range(MAX_MATCHES):
        match = pattern.search(line, position)
        if match is None:
            return
        yield match
        position = match.start() + 1
        if position > len(line):
            return


class SignPatterns:
    """The first sign, the most urgent tier first, whose words some clause really says."""

    def __init__(self, safety: Safety) -> None:
        ordered = sorted(safety.signs, key=lambda sign: URGENCY[sign.tier])
        self._signs = [
            (sign, [(re.compile(p), _spelled(p)) for p in sign.patterns]) for sign in ordered
        ]
        self._within = {s.id: re.compile(s.within) for s in safety.signs if s.within}
        self._unless = {s.id: re.compile(s.unless) for s in safety.signs if s.unless}
        self._grave = {s.id: re.compile(s.grave) for s in safety.signs if s.grave}
        self._back_pain = re.compile(safety.back_pain)
        self._elsewhere = re.compile(safety.elsewhere) if safety.elsewhere else None
        self._spectated = re.compile(safety.spectated) if safety.spectated else None
        self._coached = re.compile(safety.coached) if safety.coached else None
        self._targets = list(safety.typo_targets)
        self._known = frozenset(self._targets)
        self._corrected = lru_cache(maxsize=8192)(self._correct)
        # A message is asked about several times (its sign, then by the meaning reader
        # whether it denies, explains away or has back trouble): it is read once.
        self._read = lru_cache(maxsize=256)(self._line)
        general = [re.compile(safety.general)] if safety.general else []
        resolved = [re.compile(f"{WHOLLY}(?:{safety.resolved})")] if safety.resolved else []
        # An episode's end is no recovery from it: "(?!went away ...)" before the
        # recoveries keeps only those that say more than that it ended.
        lasting = (
            [re.compile(f"{WHOLLY}(?!{safety.passed})(?:{safety.resolved})")]
            if safety.resolved and safety.passed
            else resolved
        )
        self._recoveries = {
            sign.id: [Reason(r, "recovery") for r in _recoveries(sign, resolved, lasting)]
            for sign in safety.signs
        }
        self._reasons = {
            sign.id: [
                *([Reason(self._unless[sign.id], "own")] if sign.id in self._unless else []),
                *self._recoveries[sign.id],
                *(Reason(r, "general") for r in general if not sign.despite_topic),
            ]
            for sign in safety.signs
        }
        """For each sign, the reasons that explain its words away (see the module)."""

    def find(self, text: str) -> RedFlag | None:
        told = self.told(text)
        return told[0] if told is not None else None

    def told(self, text: str) -> tuple[RedFlag, str] | None:
        """The sign found, and the clause its words are told in (as normalised words)."""
        line = self._read(text)
        backs, told = self._troubled_backs(line)
        for sign, patterns in self._signs:
            troubled = self._beside(sign, line, backs, told)
            if sign.with_back_pain and not troubled:
                continue
            within = self._within.get(sign.id)
            if within is not None and within.search(line.line) is None:
                continue
            for found in self._counted(sign, patterns, line):
                holder = _sign_holder(line, found, backs)
                # A back nobody is named for, in the sign's own clause, is the sign's
                # holder's: "my mother, aged 84, has a rapid decline in back pain".
                holders = [
                    h or (holder if _same_clause(line.tokens, at, found) else h)
                    for at, h in troubled
                ]
                if sign.with_back_pain and not _same_person(holder, holders):
                    continue
                if sign.befalls and troubled == [IMPLIED] and not _writers(line, found, holder):
                    continue  # "the news said a cyclist crashed": nobody's, beside no back
                # A back named inside the sign ("a lump on his back") shows whose it is;
                # only the others can show the writer's own back beside it.
                beside = [h for at, h in backs if not found.first <= at <= found.last]
                if holder == "anyone" and (_told_after(line, found) or OWN.search(line.line)):
                    holder = "me"  # "is it bad if your bowels go? it started an hour ago"
                if _someone_elses(holder, beside) or holder == "anyone":
                    continue  # someone else's, or anyone's in general ("can it make you numb")
                if holder != "me" and self._spectated_at(line, found):
                    continue  # the sport's: "watching the MotoGP, that crash at turn 1"
                begin, end = _own_clause(line.tokens, found.first, found.last)
                begin = max(begin, found.first - CLAUSE_REACH)
                end = min(end, found.last + 1 + CLAUSE_REACH)
                return RedFlag.of(sign), " ".join(line.tokens[begin:end])
        return None

    def denies(self, text: str) -> bool:
        """Whether the text names some sign's words only to deny them ("no fever")."""
        line = self._read(text)
        for _sign, patterns in self._signs:
            for pattern, spelled in patterns:
                for found in line.spans(pattern):
                    if _negated(line, found) or _denied_within(pattern, spelled, found):
                        return True
        return False

    def back_trouble(self, text: str, sign: RedFlagSign) -> bool:
        """Whether the text tells of back trouble that ``sign`` may stand beside: what a
        sign marked ``with_back_pain`` needs, whichever reader heard the sign."""
        line = self._read(text)
        return bool(self._beside(sign, line, *self._troubled_backs(line), alone=True))

    def _beside(
        self,
        sign: RedFlagSign,
        line: _Line,
        backs: list[tuple[int, Holder]],
        told: list[tuple[int, Holder]],
        alone: bool = False,
    ) -> list[tuple[int, Holder]]:
        """The back trouble a sign may stand beside. Beside a history (a cancer years
        ago) it must be said in words; beside a kind of pain (``unnamed_pain``) the
        writer's pain stands for it when the message names no part of the body at all.
        A message to a back coach that names no part of the body, the back included, or
        that reports the coach's exercises, is about the writer's back: the back is
        implied ("did cat cow. been waking up drenched in sweat every night"), and a
        history needs only a pain told with it. A back named at peace ("my back's fine"),
        a knee named instead, or someone else named leaves nothing implied."""
        troubled = told if sign.history else backs
        if troubled:
            return troubled
        if self._implied(sign, line, backs, alone):
            return [IMPLIED]
        return self._unnamed_pains(line) if sign.unnamed_pain else []

    def _implied(
        self, sign: RedFlagSign, line: _Line, backs: list[tuple[int, Holder]], alone: bool
    ) -> bool:
        """For the meaning reader (``alone``), only in a message about the writer alone:
        it cannot tell whose a sign is, and beside "my son says the pain wakes him" it
        would take it for the writer's. The words reader knows whose each sign is, so
        "I'm 78 and gone from walking the dog to barely getting to the bathroom" counts."""
        if backs or self._named_backs(line) or not self._in_programme(line):
            return False
        if alone and any(_someone(line.tokens, at) for at in range(len(line.tokens))):
            return False
        return not sign.history or PAIN.search(line.line) is not None

    def _in_programme(self, line: _Line) -> bool:
        if self._coached and self._coached.search(line.line):
            return True
        return self._elsewhere is not None and not self._elsewhere.search(line.line)

    def _unnamed_pains(self, line: _Line) -> list[tuple[int, Holder]]:
        """The writer's pains in a message that names no part of the body: in a
        back-health chat "the pain wakes me every night" is the back's. Someone else's
        pain, or a knee's, a tooth's or a period's, stands for nothing."""
        if self._elsewhere is None or self._elsewhere.search(line.line):
            return []
        if self._named_backs(line):
            return []  # a back named, and at peace ("my back is fine, the pain ...")
        pains = (line.token_at(m.start()) for m in _searches(PAIN, line.line))
        return [(at, holder) for at in pains if (holder := _holder(line.tokens, at)) in ("me", "")]

    def _spectated_at(self, line: _Line, found: Span) -> bool:
        if self._spectated is None:
            return False
        return _explained(Reason(self._spectated, "general"), line, _clause(line, found))

    def explains_away(self, sign_id: str, text: str) -> bool:
        """Whether ``text`` gives a reason why a sign's words describe none ("went numb on
        the ride, went back to normal"): the meaning reader hears the sign in such a text
        but not the reason, so it asks the words reader."""
        line = self._read(text)
        return any(
            _explained(reason, line, (0, len(line.tokens))) for reason in self._reasons[sign_id]
        )

    def _line(self, text: str) -> _Line:
        tokens: list[str] = []
        questions: set[int] = set()
        stops: set[int] = set()
        for sentence in SENTENCE_END.split(text):
            words = [self._corrected(token) for token in normalise(sentence).split()]
            if not words:
                continue
            if tokens and tokens[-1] != CLAUSE_MARK and words[0] != CLAUSE_MARK:
                tokens.append(CLAUSE_MARK)
            if tokens:
                stops.add(len(tokens) - 1)
            first = len(tokens)
            tokens.extend(words)
            if "?" in sentence.rstrip()[-3:]:
                questions.update(range(first, len(tokens)))
        return _Line(tokens, frozenset(questions), frozenset(stops))

    def _troubled_backs(
        self, line: _Line
    ) -> tuple[list[tuple[int, Holder]], list[tuple[int, Holder]]]:
        """The backs in trouble, and those whose trouble is told in words (see
        :func:`_told_in_words`). The words of a back said to be fine ("no back pain")
        are no trouble for a back named beside it ("no back pain, what builds back
        strength?")."""
        backs, quiet = _troubled_backs(line.tokens, self._named_backs(line))
        return backs, _told_in_words(quiet, backs)

    def _named_backs(self, line: _Line) -> list[int]:
        named = (line.token_at(m.start()) for m in _searches(self._back_pain, line.line))
        return [at for at in named if not _adverb(line.tokens, at)]

    def _counted(
        self, sign: RedFlagSign, patterns: list[tuple[re.Pattern[str], str]], line: _Line
    ) -> Iterator[Span]:
        """The matches that count, in the patterns' order. A match that names the sign
        with "the" or "this" after the same words were explained away names what was
        explained ("lost 15kg on Slimming World, on purpose ... is it the weight loss?"),
        unless its own clause turns to now ("the numb bum you get from the saddle ... this is
        different ... since yesterday the numbness round my bum")."""
        counted: list[Span] = []
        explained: list[Span] = []
        for pattern, spelled in patterns:
            for found in line.spans(pattern):
                if _negated(line, found) or _denied_within(pattern, spelled, found):
                    continue
                if sign.history and line.tokens[found.last + 1 : found.last + 2] == ["myself"]:
                    counted.append(found)  # "an oncology nurse, and a cancer survivor myself"
                elif self._explained_away(sign, line, found):
                    explained.append(found)
                else:
                    counted.append(found)
        for found in counted:
            referring = line.tokens[found.first - 1 : found.first] in (["the"], ["this"])
            told_before = any(earlier.last < found.first for earlier in explained)
            if referring and told_before and not _turns_to_now(line, found):
                continue
            yield found

    def _explained_away(self, sign: RedFlagSign, line: _Line, found: Span) -> bool:
        clause = _clause(line, found)
        grave = self._grave.get(sign.id)
        if grave is not None and grave.search(" ".join(line.tokens[slice(*clause)])):
            kept = [r for r in self._reasons[sign.id] if r.kind != "own"]  # "into my left arm"
        else:
            kept = self._reasons[sign.id]
        if any(_explained(r, line, clause, found) for r in kept):
            return True
        return _over_later(self._recoveries[sign.id], line, found, clause[0])

    def _correct(self, token: str) -> str:
        # A real word is no typo: "sweating" is not "swelling", nor "bowls" "bowels".
        if len(token) < MIN_TYPO_LENGTH or token in self._known or token in common_words():
            return token
        if token.endswith("in") and token + "g" in common_words():
            return token + "g"  # a dropped g ("droppin", "tryin", "givin") is no typo
        limit = 2 if len(token) >= 8 else 1
        best = process.extractOne(token, self._targets, scorer=OSA.distance, score_cutoff=limit)
        if best is None or best[0][0] != token[0]:
            return token
        return str(best[0])


def _over_later(recoveries: list[Reason], line: _Line, found: Span, begin: int) -> bool:
    """Whether a sign told as a past episode ("I had a kidney infection back in April")
    is told to be over further on than its neighbours, before the story turns to now:
    "... ended up on IV antibiotics for two days. It cleared up completely". The story
    turns at "but", "now", "since", "still", "again" and the like, so a sign that came
    back ("cleared up, but since Friday ...") or one told as the present is no episode."""
    if not recoveries:
        return False
    own_begin, end = _own_clause(line.tokens, found.first, found.last)
    if not PAST_EPISODE.search(" ".join(line.tokens[begin:end])):
        return False
    if TURNS_FROM_EPISODE.intersection(line.tokens[own_begin:end]):
        return False
    for _ in range(EPISODE_REACH):
        if end >= len(line.tokens):
            return False
        start, end = _own_clause(line.tokens, end + 1, end + 1)
        words = line.tokens[start:end]
        if any(_explained(reason, line, (start, end), found) for reason in recoveries):
            return not _comes_back(_and_next(line, start), far=True)
        if TURNS_FROM_EPISODE.intersection(words):
            return False
    return False


def _comes_back(words: list[str], *, far: bool) -> bool:
    """Whether words after a recovery bring the sign back: "it cleared up, but it came back
    again"; not "normal again" nor "never trusted it again". ``far``: the recovery was
    told far from the sign, and a "but" after it may turn to the sign too."""
    if RETURNS.intersection(words) or (far and TURNS_BACK.intersection(words)):
        return True
    return any(
        word == "again"
        and index > 0
        and words[index - 1] not in RECOVERED_AGAIN
        and NEGATIONS.isdisjoint(words[max(0, index - 4) : index])
        for index, word in enumerate(words)
    )


def _and_next(line: _Line, at: int) -> list[str]:
    """The words from ``at`` to the end of the clause after its own."""
    _, end = _own_clause(line.tokens, at, at)
    if end + 1 >= len(line.tokens):
        return line.tokens[at:]
    return line.tokens[at : _own_clause(line.tokens, end + 1, end + 1)[1]]


def _recoveries(
    sign: RedFlagSign, resolved: list[re.Pattern[str]], lasting: list[re.Pattern[str]]
) -> list[re.Pattern[str]]:
    """The recoveries that explain a sign's words away: none for a history, which is
    told in the past; for an episode, only those that say more than that it ended."""
    if sign.history:
        return []
    return lasting if sign.episodic else resolved


def _spelled(pattern: str) -> str:
    """The words a pattern spells, without its escapes ("\\bnever" spells "never")."""
    return re.sub(r"\\[a-zA-Z]", " ", pattern)


def _negated(line: _Line, found: Span) -> bool:
    tokens = line.tokens
    after = " ".join(tokens[found.last + 1 : found.last + 8])
    if DENIED_AFTER.match(after):
        return True
    if LIST_DENIED.search(" ".join(tokens[found.last + 1 : found.last + LIST_REACH])):
        return True  # "I know the list: bladder, bowels, numb saddle ... I have none of those"
    if _not_applicable(line, found):
        return True
    if _asked_in_a_list(tokens, found):
        return True
    budget = NEGATION_SCOPE
    for index in range(found.first - 1, -1, -1):
        word = tokens[index]
        if word not in LIST_WORDS:
            budget -= 1
            if budget < 0:
                return False
        if word in CLAUSE_BREAKS or word in TURNS_IN_TIME:
            return False
        if word == "and" and tokens[index + 1] in NEW_CLAUSE_AFTER_AND:
            return False
        if word in NEGATIONS:
            # "without any warning" doubts like "without warning": the list words skipped
            following = next((w for w in tokens[index + 1 :] if w not in LIST_WORDS), "")
            return following not in NOT_NEGATING_NEXT
    return False


def _asked_in_a_list(tokens: list[str], found: Span) -> bool:
    """Whether the sign is an item of a list of questions: its clause, or a short clause
    before it in the same list, opens with "any" ("any numbness around the bottom, any
    problem passing water, fever, weight loss?")."""
    begin, end = _own_clause(tokens, found.first, found.last)
    if found.first - begin > ASKED_REACH:
        return False
    if tokens[begin : begin + 1] != ["any"] and (
        end - begin > LISTED_ITEM or not FIRST_PERSON.isdisjoint(tokens[begin:end])
    ):
        return False  # no list's item: "any numbness? yes, my bum is numb since Friday"
    own = begin
    for _ in range(LISTED_QUESTIONS):
        if tokens[begin : begin + 1] == ["any"]:
            if tokens[begin + 1 : begin + 2] == [] or tokens[begin + 1] in ANY_TIME:
                return False
            # A list of questions is about signs: its "any" asks about one ("any fever,
            # weight loss?"), not for help ("back pain, any stretches? numb bum").
            return begin == own or not SCREENED.isdisjoint(tokens[begin:end])
        if begin < 2:
            return False
        end = begin - 1
        begin, _ = _own_clause(tokens, end - 1, end - 1)
        if end - begin > LISTED_ITEM or tokens[begin] in ANSWERED_YES:
            return False  # "any numbness? yes, numb bum": the list answered
    return False


def _not_applicable(line: _Line, found: Span) -> bool:
    """Whether the sign's sentence goes on to say it does not apply, with no "but" between."""
    words: list[str] = []
    for index in range(found.last + 1, min(len(line.tokens), found.last + 1 + LIST_REACH)):
        if index in line.stops or line.tokens[index] in SET_ASIDE:
            break
        words.append(line.tokens[index])
    return bool(NOT_APPLICABLE.search(" ".join(words)))


def _troubled_backs(
    tokens: list[str], named: list[int]
) -> tuple[list[tuple[int, Holder]], list[str]]:
    """The backs named that are in trouble, with whose they are, and the tokens with each
    back said to be fine blanked with its own words of trouble ("no back pain at all").
    Once a back is said to be fine, the other mentions of a back count only beside a word
    of trouble that is not the fine back's: "which moves build a strong back" is a goal,
    not a pain. (Whose back a mention is can be misread in a long message, so this holds
    for every back named.)"""
    mentions = [(at, _holder(tokens, at), _back_is_fine(tokens, at)) for at in named]
    quiet = list(tokens)
    for at, _, is_fine in mentions:
        if is_fine:
            quiet[at : at + 3] = [""] * len(quiet[at : at + 3])
    at_peace = any(is_fine for *_, is_fine in mentions) or PAIN_FREE.search(" ".join(tokens))
    backs = [
        (at, holder)
        for at, holder, is_fine in mentions
        if not is_fine and (not at_peace or _trouble_near(quiet, at, BACK_TROUBLE_SCAN))
    ]
    return backs, quiet


def _adverb(tokens: list[str], at: int) -> bool:
    """Whether "back" at ``at`` means again or ago, not the body: "three weeks back",
    "back in the gym", "came back to normal". A back that is someone's ("my back in the
    gym") or in trouble ("back in agony") is the body."""
    if tokens[at] != "back":
        return False
    before = tokens[at - 1] if at else CLAUSE_MARK
    after = tokens[at + 1] if at + 1 < len(tokens) else ""
    if before in SPANS_BEFORE_BACK:
        return after not in BACK_NOUNS
    if after not in PLACES_AFTER_BACK or BODY_AFTER_BACK.search(" ".join(tokens[at + 2 : at + 4])):
        return False
    return before in GOING_BEFORE_BACK or before == CLAUSE_MARK  # "..., back in the gym"


def _told_in_words(tokens: list[str], backs: list[tuple[int, Holder]]) -> list[tuple[int, Holder]]:
    """The backs with a word of trouble beside them or in their own clause. A back merely
    named is enough beside a sign of now ("can't feel my legs, which stretch for my
    back?"); beside a history it is a goal ("cancer survivor, which exercises strengthen
    the back?"): the sign is a history *and new back pain*. A story may put the two far
    apart in one clause ("lately a dull ache has crept in low down on the left of my back")."""
    return [
        (at, h)
        for at, h in backs
        if _trouble_near(tokens, at, HISTORY_TROUBLE_SCAN) or _trouble_in_clause(tokens, at)
    ]


def _trouble_near(tokens: list[str], at: int, reach: int) -> bool:
    return TROUBLE.search(" ".join(tokens[max(0, at - reach) : at + reach + 1])) is not None


def _trouble_in_clause(tokens: list[str], at: int) -> bool:
    begin, end = _own_clause(tokens, at, at)
    return TROUBLE.search(" ".join(tokens[begin:end])) is not None


def _own_clause(tokens: list[str], first: int, last: int) -> tuple[int, int]:
    """The clause holding the tokens ``first`` to ``last`` (first included, end excluded),
    without its neighbours (see :func:`_clause` for those)."""
    begin = first
    while begin > 0 and tokens[begin - 1] != CLAUSE_MARK:
        begin -= 1
    end = last
    while end < len(tokens) and tokens[end] != CLAUSE_MARK:
        end += 1
    return begin, end


def _back_is_fine(tokens: list[str], at: int) -> bool:
    """Whether the back named at ``at`` is said to be untroubled ("no back pain at all",
    "back totally fine", "my back is fine though"): such a back is no back trouble for a
    sign to stand beside. "My back had been fine until I fell" is trouble still."""
    before = tokens[max(0, at - 4) : at]
    after = " ".join(tokens[at + 1 : at + 12])
    if BACK_DENIED_BEFORE.search(" ".join(before)):
        return not UNTIL.match(after)  # "no back pain until last week"
    found = DENIED_AFTER.match(after)
    if found is not None and SUITS.search(found.group()):
        return False  # "which exercises for back pain is good?": the exercise is good
    return found is not None and not UNTIL.match(after[found.end() :])


def _denied_within(pattern: re.Pattern[str], spelled: str, found: Span) -> bool:
    """A negation inside the match that the sign's words do not need ("the pain has never
    woken me at night", "my bum is not numb": the pattern matches without it); a
    pattern's own "cannot" or "never lets up" is the sign, and an aside's doubt is no
    denial ("my saddle area, sorry, don't know how else to say it"), nor is a clause
    of its own between the sign's first words and its last ("ripping through to my guts,
    never felt anything like it, bit light-headed")."""
    words = found.text.split()
    marks = [index for index, word in enumerate(words) if word == CLAUSE_MARK]
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word not in NEGATIONS or following in NOT_NEGATING_NEXT:
            continue
        if marks and marks[0] < index < marks[-1]:
            continue  # an aside between the sign's words
        if not re.search(rf"\b{word}\b", spelled):
            return True
        if _matched_across(pattern, words[:index], words[index + 1 :]):
            return True
    return False


def _matched_across(pattern: re.Pattern[str], before: list[str], after: list[str]) -> bool:
    """Whether the pattern matches the words with a gap closed, across the gap: the
    words of the sign read the same without what stood there."""
    gap = len(" ".join(before))
    return any(m.start() <= gap < m.end() for m in pattern.finditer(" ".join(before + after)))


def _explained(
    reason: Reason,
    line: _Line,
    clause: tuple[int, int],
    sign: Span | None = None,
) -> bool:
    """The clause (token indexes, first included, last excluded) says why the words are no
    sign, and does not deny it ("without dieting"), compare with it ("like I've sat on a
    bike saddle"), only guess at it ("is it just a spot?") or set it aside before the
    ``sign`` with a "but" ("leaks when I cough for years, but since Friday I can't feel
    when I need to go"). A reason in a question before a sign told as fact is what the
    writer asks for, not why: "pelvic floor exercises for back pain? I've lost control of
    my bladder since it started". A recovery or a general reason told before the sign
    explains nothing once the writer turns to now ("it cleared up. Since Friday I can't
    control my bladder"), and a recovery nothing when the sign came back after it."""
    begin, end = clause
    text = " ".join(line.tokens[begin:end])
    guessable = reason.kind != "general"
    for found in reason.pattern.finditer(text):
        before = text[: found.start()].rsplit(f" {CLAUSE_MARK} ", 1)[-1].split()
        near = before[-UNLESS_NEGATION_SCOPE:]
        if _reason_denied(near):
            continue  # "without dieting": the reason is denied
        if _compares([*before[-(UNLESS_NEGATION_SCOPE + 4) :], *found.group().split()[:1]]):
            continue  # "numb, like I've sat on a bike saddle": a comparison, not the cause
        if set(text[found.end() :].split()[:1]) & COMPARED_AFTER:
            continue  # "bike saddle type numbness"
        at = begin + text.count(" ", 0, found.start())
        if sign is not None and _dated_apart(line, sign, at, found.group()):
            continue  # "slipped this morning. The doctor told me years ago ..."
        if guessable and at in line.questions:
            if _hedged(_unfilled(before)[-3:], found.group()):
                continue  # "is it just a spot?": a guess; the lump is told all the same
            after = begin + text.count(" ", 0, found.end()) + 1
            if GUESSES.intersection(_asked_after(line, after)):
                continue  # "skipped lunch, maybe that's why?": a guess put after it
        if guessable and BELIEF.search(" ".join(before[-7:])):
            continue  # "he keeps saying it's just age": his guess
        after_sign = reason.kind == "recovery" and sign is not None and at > sign.last
        if after_sign and _comes_back(_and_next(line, at), far=False):
            continue  # "it cleared up completely, but it came back again yesterday"
        if sign is not None and at < sign.first:
            if reason.kind != "own" and TURNS_TO_NOW.intersection(line.tokens[at : sign.first]):
                continue  # "told to look out for numbness, and now my bum is numb"
            if SET_ASIDE.intersection(line.tokens[at : sign.first]):
                continue  # the reason told, then set aside: "for years, but since Friday ..."
            asked_before = at in line.questions and sign.first not in line.questions
            if asked_before and (guessable or _told_by_writer(line, sign)):
                continue  # what the writer asks for: "pelvic floor exercises? I've lost
                # control", or about: "what is cauda equina? since today I can't feel my bum"
        return True
    return False


def _turns_to_now(line: _Line, found: Span) -> bool:
    """Whether the match's own clause turns to now before it ("since yesterday the
    numbness")."""
    begin, _ = _own_clause(line.tokens, found.first, found.last)
    return not TURNS_FROM_EPISODE.isdisjoint(line.tokens[begin : found.first])


def _dated_apart(line: _Line, sign: Span, at: int, reason: str) -> bool:
    """Whether a reason that dates something to the past stands outside the sign's own
    clause, and the story dates the sign to now, in its clause or on the way from the
    reason to it ("two years ago I had a fever. Now it's happening again: fever, shivers"):
    the two tell of different times."""
    if not PAST_EPISODE.search(reason):
        return False
    begin, end = _own_clause(line.tokens, sign.first, sign.last)
    if begin <= at < end:
        return False
    if at < sign.first:
        begin = min(begin, at + len(reason.split()))
    return RECENT.search(" ".join(line.tokens[begin:end])) is not None


def _told_by_writer(line: _Line, sign: Span) -> bool:
    """Whether the sign's own clause says "I" or "me" before it: a question about a sign in
    general ("what is cauda equina?") explains away a story about someone ("the bloke in
    the drama collapses"), not the writer's own sign told after it."""
    begin, _ = _own_clause(line.tokens, sign.first, sign.last)
    return not FIRST_PERSON.isdisjoint(line.tokens[begin : sign.first + 1])


def _asked_after(line: _Line, at: int) -> list[str]:
    """The words from ``at`` to the end of the question they are in."""
    end = at
    while end < len(line.tokens) and end in line.questions:
        end += 1
    return line.tokens[at:end]


def _hedged(before: list[str], reason: str) -> bool:
    words = [*before, *reason.split()[:1]]
    return bool(HEDGES.intersection(words)) or any(
        pair in HEDGED_QUESTIONS for pair in pairwise(words)
    )


def _reason_denied(near: list[str]) -> bool:
    """A negation before a reason denies it ("not on a diet"), unless it governs its own
    word: "lost 6 kg without trying, jeans falling off" still blames the weight."""
    return any(
        word in REASON_NEGATIONS and near[index + 1 : index + 2] not in ([w] for w in UNINTENDED)
        for index, word in enumerate(near)
    )


def _unfilled(words: list[str]) -> list[str]:
    """The words without fillers: "probably just a bit of stress incontinence?" hedges."""
    return [word for word in words if word not in HEDGE_FILLERS]


def _compares(words: list[str]) -> bool:
    return any(pair in SIMILE_STARTS for pair in pairwise(words))


def _clause(line: _Line, found: Span) -> tuple[int, int]:
    """The clause around a match with its neighbours: the reason that explains a sign's
    words away is often just before or after it ("for a quiz, what is ...", "my bum went
    numb in the car, was fine once I got out")."""
    tokens = line.tokens
    marks = [i for i, token in enumerate(tokens) if token == CLAUSE_MARK]
    before = [i for i in marks if i < found.first]
    after = [i for i in marks if i > found.last]
    # A sign listed among others is told where its list begins: "red flags to look out
    # for: loss of bladder control, numbness in the saddle area, weakness in the legs".
    # A list is one sentence: a short sentence after a short sentence is none ("This one
    # doesn't. Night is the worst").
    start = len(before) - 1  # the mark that opens the sign's own words
    own_end = after[0] if after else len(tokens)
    if before and own_end - before[-1] - 1 <= LISTED_ITEM + 1:
        while (
            start >= 1
            and before[start] not in line.stops
            and before[start] - before[start - 1] - 1 <= LISTED_ITEM + 1
        ):
            start -= 1
    begin = before[start - 1] + 1 if start >= 1 else 0
    end = after[CLAUSES_AFTER] if len(after) > CLAUSES_AFTER else len(tokens)
    return begin, end


def _same_clause(tokens: list[str], at: int, found: Span) -> bool:
    first, last = min(at, found.first), max(at, found.last)
    return CLAUSE_MARK not in tokens[first : last + 1]


def _sign_holder(line: _Line, found: Span, backs: list[tuple[int, Holder]]) -> Holder:
    """Whose sign it is. A sign whose words name a back ("a lump on my back") is that
    back's holder's, whoever found it; otherwise the person its words name ("both my
    legs"), or else the last person named before it in its sentence: "my wife's in bed
    with flu, shivering and feverish" is the wife's."""
    for position, holder in backs:
        if found.first <= position <= found.last:
            return holder
    if STRUCK_ME.search(found.text):
        return "me"  # "they kicked me in the lower back": whoever did it, the blow is mine
    if "i" in line.tokens[found.first : min(found.first + SUBJECT_REACH, found.last + 1)]:
        return "me"  # told with its subject: "my wife says I was out for ten seconds"
    named = (_named_at(line.tokens, i, found.last + 1) for i in range(found.first, found.last + 1))
    return next((h for h in named if h), "") or _holder(line.tokens, found.first, line.stops)


def _named_at(tokens: list[str], index: int, end: int) -> Holder:
    """Whose a possessive at ``index`` inside a sign's words ending before ``end`` makes
    them: "both my legs" are the writer's, "my son's legs" someone else's. ("wakes me"
    names whom it wakes, not whose the pain is; "her bladder" may be a dog's.)"""
    if tokens[index] not in ("my", "our"):
        return ""
    return "other" if _names_another(tokens, index + 1, min(index + 4, end)) else "me"


def _holder(tokens: list[str], index: int, stops: frozenset[int] | None = None) -> Holder:
    """Whose the words at token ``index`` are: the last person named before them.

    "my son" and "my mum" name someone else; "my" alone is the writer's own. The search
    stays in the clause, stepping only over an age between commas ("my son, 14, has"),
    or, given the clause marks that end sentences (``stops``), in the sentence.
    """
    back = index - 1
    segment = 0  # words read since the last clause mark
    listed = False  # the sign is an item of a list of single words
    while back >= max(index - PERSON_SCAN, 0):
        word = tokens[back]
        if word == CLAUSE_MARK:
            if segment == 0 or (listed and segment == 1):
                listed = True  # "with flu, fever, shivers": read back to the list's start
                back -= 1
                segment = 0
                continue
            if back >= 2 and tokens[back - 1].isdigit() and tokens[back - 2] == CLAUSE_MARK:
                back -= 3  # ", 14 ," an age in apposition
                continue
            if stops is None or back in stops:
                break
            segment = 0
            back -= 1
            continue
        segment += 1
        earlier = range(max(back - PERSON_SCAN, 0), back)
        if word in PRONOUNS and any(_pet_at(tokens, at) for at in earlier):
            return "pet"  # "my cat has a lump on her back"
        if _another_at(tokens, back):
            return "other"
        if _pet_at(tokens, back):
            return "pet"
        if word in GENERIC:
            return "anyone"
        if word in ("my", "our"):
            if tokens[back + 1] in PLACES:
                back -= 1  # "at our care home, back pain ...": a place, not the writer's body
                continue
            following = tokens[back + 1 : min(back + 4, index)]
            if _names_another(tokens, back + 1, min(back + 4, index)):
                return "other"
            if following[1:3] == ["year", "old"] or (following and AGE.fullmatch(following[0])):
                return "other"  # "my 4yo fell off the sofa"
            return "me"
        if word == "me" and back > 0 and tokens[back - 1] in BESIDE:
            back -= 1  # "the man next to me had chest pains": a place, not whose
            continue
        if word in FIRST_PERSON:
            # "me wee lad came off his bike": "me" for "my", as some say it
            return "other" if word == "me" and _names_another(tokens, back + 1, index) else "me"
        back -= 1
    return ""


def _writers(line: _Line, found: Span, holder: Holder) -> bool:
    """Whether a sign is told as the writer's: said of "I" or "my", told without a
    subject at the start of a clause, as people type ("hit by a car crossing the road"),
    or told of nobody in a clause with "I" in it ("yesterday in walk everything go
    black and I am on the ground")."""
    if holder == "me":
        return True
    if holder != "":
        return False
    tokens = line.tokens
    start = found.first
    while start > 0 and tokens[start - 1] in TELEGRAPHIC:
        start -= 1
    if start == 0 or tokens[start - 1] == CLAUSE_MARK:
        return True
    begin, end = _own_clause(tokens, found.first, found.last)
    return "i" in tokens[begin:end]  # the writer as its subject, not "had me gripped"


def _someone(tokens: list[str], at: int) -> bool:
    """Whether the token at ``at`` names a person or a pet: "my son", "the dog" (not a
    pronoun, which may stand for a thing, nor the cat of "cat cow")."""
    if tokens[at] in PRONOUNS:
        return False
    return _another_at(tokens, at) or _pet_at(tokens, at)


def _pet_at(tokens: list[str], at: int) -> bool:
    """Whether the token at ``at`` names a pet: not the cat or the cow of "cat cow" nor the
    dog of "bird dog", the coach's own exercises ("stood up after cat cow and everything
    went black")."""
    token = tokens[at]
    if token == "cat" and tokens[at + 1 : at + 2] in (["cow"], ["cows"], ["camel"]):
        return False
    if token in ("cow", "cows") and tokens[at - 1 : at] == ["cat"]:
        return False
    if token in ("dog", "dogs") and tokens[at - 1 : at] == ["bird"]:
        return False  # the coach's "bird dog"
    return token in PETS


def _another_at(tokens: list[str], at: int) -> bool:
    """Whether the token at ``at`` names someone other than the writer. "half" does only
    as "my other half" or "better half" ("down a stone and a half" names nobody), "one"
    only as a "little one"."""
    if tokens[at] == "half":
        return tokens[at - 1 : at] in (["other"], ["better"])
    if tokens[at] in ("one", "ones"):
        return tokens[at - 1 : at] in (["little"], ["wee"], ["young"])  # "little one's fever"
    return tokens[at] in OTHERS


def _names_another(tokens: list[str], first: int, end: int) -> bool:
    """Whether the words after a possessive, at most three and before ``end``, name
    someone else or a pet: "my son", "me wee lad", "my dog's" (not "my cat cow")."""
    return any(
        _another_at(tokens, at) or _pet_at(tokens, at) for at in range(first, min(first + 3, end))
    )


SELF_REPORT = re.compile(
    r"\b((it|this|that) (started|began|came on|happened|kicked in|has been going on)"
    r"|(happening|happened) to me|i (have|am having|had|got) (it|this|that)\b"
    r"|(since|started|began) (this morning|yesterday|last night|today|an hour|a few hours)"
    r"|mine (just |also )?(is|s|has|was|been|hangs|drops|does)\b"
    r"|^happened (again|twice|today|\d+ ?x|\w+ times)\b)"
)
"""A sentence after a question that tells what it asked about as the writer's own."""
OWN = re.compile(r"\basking for (me|myself)\b")
"""Said of a question put in general terms ("when ur butt feels dead"): it is the writer's."""


def _told_after(line: _Line, found: Span) -> bool:
    """Whether a sign asked about in general, in a question ("is it serious if your
    bowels go?"), is then told as the writer's own ("it started an hour ago")."""
    if found.first not in line.questions:
        return False
    end = found.last
    while end < len(line.tokens) and end not in line.stops:
        end += 1
    return SELF_REPORT.search(" ".join(line.tokens[end + 1 :])) is not None


def _someone_elses(sign: Holder, backs: list[Holder]) -> bool:
    """Someone else's sign told beside the writer's own back ("a friend's dad had cauda
    equina; my back is just stiff"): any sign, even one that needs no back beside it."""
    if sign == "pet":
        return True
    return sign == "other" and "me" in backs and "other" not in backs


def _same_person(sign: Holder, backs: list[Holder]) -> bool:
    """Some back trouble in the message belongs to whoever has the sign.

    A sign named as someone else's needs that someone's back to be named too:
    "my sister had a fever" beside "my back is weak" is two people.
    """
    if sign == "pet":
        return False
    if sign == "other":
        return "other" in backs
    if sign == "me":
        return any(back != "other" for back in backs)
    return bool(backs)  # nobody (or anyone) named: any back trouble in the message

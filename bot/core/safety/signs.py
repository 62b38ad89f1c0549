"""Warning signs found by their words: the patterns of ``content/safety.yaml``.

A message is read the way the matcher reads it (:func:`bot.core.faq.normalise`),
misspelt key words are corrected, and a match counts unless

- a negation in the same clause governs it ("no numbness", "I don't have a fever");
  doubt is not denial, so "not sure if it's numb" still counts;
- the sign's ``unless`` pattern shows the words describe no sign (a weight loss
  sought on purpose, a fall feared rather than had);
- the sign needs back trouble beside it (``with_back_pain``) and there is none, or
  it belongs to someone else: "my son had a fever; which stretch helps my back?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.content.safety import RedFlagSign, Safety, Tier
from bot.core.faq.normalise import CLAUSE_MARK, normalise


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


NEGATIONS = frozenset(["no", "not", "never", "without", "nor", "neither", "none", "denies", "zero"])
NOT_NEGATING_NEXT = frozenset(["sure", "certain", "know", "knowing", "only", "longer", "idea"])
"""After a negation word these make it doubt, not denial: "not sure", "no longer", "no idea"."""
CLAUSE_BREAKS = frozenset([CLAUSE_MARK, "but", "though", "although", "however", "except", "yet"])
NEW_CLAUSE_AFTER_AND = frozenset(["i", "my", "now", "it", "then", "also", "since", "lately"])
NEGATION_SCOPE = 6
"""How many words before a sign a negation word may stand and still govern it."""
DENIED_AFTER = re.compile(r"^(\w+ ){0,3}(is|are|seems?|feels?|been) (fine|normal|ok|okay|good)\b")
"""A sign followed by "... is fine" is reported as normal ("bladder and bowels are fine")."""
MIN_TYPO_LENGTH = 4
PROTECTED = _listed("never bowl bowls bowling fewer cancel cancels trapped temperate groan shiver")
"""Real words one edit away from a key word that must not be "corrected" into it."""

FIRST_PERSON = frozenset(["i", "me", "myself", "im"])
OTHERS = _listed(
    """
    he she him his her hers they them their son sons daughter daughters child children kid kids
    boy girl baby toddler husband husbands wife wives partner partners boyfriend girlfriend
    fiance friend friends mate brother brothers sister sisters mum mums mom mother dad dads
    father parents nan nana gran granny grandma grandmother grandpa grandad granddad
    grandfather grandparents aunt aunts uncle uncles cousin cousins colleague neighbour
    neighbor dog cat puppy pet patient client youngest eldest oldest
    """
)
"""Words that put a sign or a back on someone other than the writer."""
GENERIC = frozenset(["you", "your", "yours", "yourself", "anyone", "someone", "people"])
"""Words that make a back nobody's in particular ("walking strengthens your back")."""
CLAUSES_AFTER = 2
"""How many clauses after a sign's own are searched for the reason that explains it away."""
FILLERS = _listed(
    "my his her their our own the a an much really kinda sorta just very so quite properly "
    "totally completely pretty actually literally"
)
"""Words people slip into a description without changing it ("both my legs", "my own toes",
"nothing much comes out"); the patterns are also tried on the line without them."""
FILLER_OF_AFTER = frozenset(["kind", "sort", "either", "both", "each", "one"])
""""of" is a filler after these: "either of his feet", "sort of hangs"."""
UNLESS_NEGATION_SCOPE = 4
"""A negation this close before an ``unless`` reason denies the reason ("not on a diet")."""
PERSON_SCAN = 12
"""How many words before a sign are searched for whose it is."""

Holder = str  # "me", "other", "anyone" (a generic "you") or "" (nobody named)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a sign's words stand in the normalised line (a match, possibly found in the
    line without its filler words, mapped back)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    about: str
    tier: Tier


class SignPatterns:
    """The first sign, the most urgent tier first, whose words some clause really says."""

    def __init__(self, safety: Safety) -> None:
        ordered = sorted(safety.signs, key=lambda sign: sign.tier != "emergency")
        self._signs = [(sign, [re.compile(p) for p in sign.patterns]) for sign in ordered]
        self._within = {s.id: re.compile(s.within) for s in safety.signs if s.within}
        self._unless = {s.id: re.compile(s.unless) for s in safety.signs if s.unless}
        self._back_pain = re.compile(safety.back_pain)
        self._targets = list(safety.typo_targets)
        self._known = frozenset(self._targets)
        self._corrected = lru_cache(maxsize=8192)(self._correct)

    def find(self, text: str) -> RedFlag | None:
        tokens = [self._corrected(token) for token in normalise(text).split()]
        line = " ".join(tokens)
        backs: list[Holder] | None = None
        for sign, patterns in self._signs:
            within = self._within.get(sign.id)
            if within is not None and within.search(line) is None:
                continue
            for found in self._matches(sign, patterns, tokens, line):
                if backs is None:
                    backs = [
                        _holder(tokens, line, m.start()) for m in self._back_pain.finditer(line)
                    ]
                holder = _holder(tokens, line, found.start)
                if sign.with_back_pain and not _same_person(holder, backs):
                    continue
                if _someone_elses(holder, backs):
                    continue
                return RedFlag(sign.id, sign.about, sign.tier)
        return None

    def _matches(
        self, sign: RedFlagSign, patterns: list[re.Pattern[str]], tokens: list[str], line: str
    ) -> list[Span]:
        unless = self._unless.get(sign.id)
        counted = []
        for pattern in patterns:
            for found in _spans(pattern, tokens, line):
                if _negated(tokens, line, found) or _denied_within(pattern, found):
                    continue
                if unless is not None and _explained(unless, _clause(line, found)):
                    continue
                counted.append(found)
        return counted

    def _correct(self, token: str) -> str:
        if len(token) < MIN_TYPO_LENGTH or token in self._known or token in PROTECTED:
            return token
        limit = 2 if len(token) >= 8 else 1
        best = process.extractOne(token, self._targets, scorer=OSA.distance, score_cutoff=limit)
        if best is None or best[0][0] != token[0]:
            return token
        return str(best[0])


def _spans(pattern: re.Pattern[str], tokens: list[str], line: str) -> list[Span]:
    """Every match in the line, and in the line without filler words, in line coordinates."""
    found = [Span(m.start(), m.end(), m.group()) for m in _all(pattern, line)]
    kept = [
        index
        for index, token in enumerate(tokens)
        if token not in FILLERS
        and not (token == "of" and index and tokens[index - 1] in FILLER_OF_AFTER)
    ]
    if len(kept) == len(tokens):
        return found
    starts = [0]
    for token in tokens[:-1]:
        starts.append(starts[-1] + len(token) + 1)
    compact = " ".join(tokens[i] for i in kept)
    seen = {(span.start, span.end) for span in found}
    for match in _all(pattern, compact):
        first = compact.count(" ", 0, match.start())
        last = compact.count(" ", 0, max(match.end() - 1, match.start()))
        start, end = starts[kept[first]], starts[kept[last]] + len(tokens[kept[last]])
        if (start, end) not in seen:
            found.append(Span(start, end, match.group()))
    return found


def _all(pattern: re.Pattern[str], line: str) -> list[re.Match[str]]:
    """Overlapping matches too: a denied first one must not hide the next."""
    found = []
    position = 0
    while (match := pattern.search(line, position)) is not None:
        found.append(match)
        position = match.start() + 1
    return found


def _negated(tokens: list[str], line: str, found: Span) -> bool:
    if DENIED_AFTER.match(line[found.end :].lstrip()):
        return True
    start = line.count(" ", 0, found.start)
    for index in range(start - 1, max(start - NEGATION_SCOPE, 0) - 1, -1):
        word = tokens[index]
        if word in CLAUSE_BREAKS:
            return False
        if word == "and" and tokens[index + 1] in NEW_CLAUSE_AFTER_AND:
            return False
        if word in NEGATIONS:
            return tokens[index + 1] not in NOT_NEGATING_NEXT
    return False


def _denied_within(pattern: re.Pattern[str], found: Span) -> bool:
    """A negation inside the match that the pattern itself does not spell ("the pain has
    never woken me at night"); a pattern's own "cannot" or "never lets up" is the sign."""
    spelled = re.sub(r"\\[a-zA-Z]", " ", pattern.pattern)  # "\bnever" spells "never"
    for word in found.text.split():
        if word in NEGATIONS and not re.search(rf"\b{word}\b", spelled):
            return True
    return False


def _explained(unless: re.Pattern[str], clause: str) -> bool:
    """The clause says why the words are no sign, and does not deny it ("without dieting")."""
    for found in unless.finditer(clause):
        before = clause[: found.start()].split()[-UNLESS_NEGATION_SCOPE:]
        if not NEGATIONS.intersection(before):
            return True
    return False


def _clause(line: str, found: Span) -> str:
    """The clause around a match with its neighbours: the reason that explains a sign's
    words away is often just before or after it ("for a quiz, what is ...", "my bum went
    numb in the car, was fine once I got out")."""
    mark = f" {CLAUSE_MARK} "
    begin = line.rfind(mark, 0, found.start)
    if begin >= 0:
        begin = line.rfind(mark, 0, begin)
    end = line.find(mark, found.end)
    for _ in range(CLAUSES_AFTER):
        if end >= 0:
            end = line.find(mark, end + len(mark))
    return line[begin + len(mark) if begin >= 0 else 0 : end if end >= 0 else len(line)]


def _holder(tokens: list[str], line: str, at: int) -> Holder:
    """Whose sign (or back) the words at ``at`` are: the last person named before them.

    "my son" and "my mum" name someone else; "my" alone is the writer's own.
    """
    index = line.count(" ", 0, at)
    for back in range(index - 1, max(index - PERSON_SCAN, 0) - 1, -1):
        word = tokens[back]
        if word == CLAUSE_MARK:
            break
        if word in OTHERS:
            return "other"
        if word in GENERIC:
            return "anyone"
        if word == "my" or word == "our":
            following = tokens[back + 1 : min(back + 4, index)]
            if any(w in OTHERS for w in following) or following[1:3] == ["year", "old"]:
                return "other"
            return "me"
        if word in FIRST_PERSON:
            return "me"
    return ""


def _someone_elses(sign: Holder, backs: list[Holder]) -> bool:
    """Someone else's sign told beside the writer's own back ("a friend's dad had cauda
    equina; my back is just stiff"): any sign, even one that needs no back beside it."""
    return sign == "other" and "me" in backs and "other" not in backs


def _same_person(sign: Holder, backs: list[Holder]) -> bool:
    """Some back trouble in the message belongs to whoever has the sign.

    A sign named as someone else's needs that someone's back to be named too:
    "my sister had a fever" beside "my back is weak" is two people.
    """
    if sign == "other":
        return "other" in backs
    if sign == "me":
        return any(back != "other" for back in backs)
    return bool(backs)  # nobody named: any back trouble in the message

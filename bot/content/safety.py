"""Warning signs as data: three tiers of advice (crisis, emergency, urgent), the signs,
and how people describe them."""

from __future__ import annotations

import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Tier = Literal["crisis", "emergency", "urgent"]
"""Crisis: thoughts of ending one's life, a crisis line and the emergency number now.
Emergency: the local emergency number now. Urgent: a doctor today."""
URGENCY: dict[Tier, int] = {"crisis": 0, "emergency": 1, "urgent": 2}
"""Lower is more urgent: when a message shows signs of two tiers, the more urgent wins."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiled(pattern: str) -> str:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {pattern!r}: {exc}") from None
    if compiled.search("") is not None:
        raise ValueError(f"matches an empty text, so it would match everywhere: {pattern!r}")
    return pattern


class TierAdvice(_Strict):
    about: str = Field(min_length=1)
    advice: str = Field(min_length=1)
    """Sent instead of any answer when a message describes a sign of this tier."""


class RedFlagSign(_Strict):
    """One warning sign, the ways people describe it, and examples in plain words."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    tier: Tier
    about: str = Field(min_length=1)
    patterns: tuple[str, ...] = Field(min_length=1)
    with_back_pain: bool = False
    """Only a warning sign beside back trouble, and the same person's ("my son has a
    fever; which stretch helps my back?" is not one)."""
    unnamed_pain: bool = False
    """The writer's pain, with no part of the body named anywhere, stands for back trouble
    beside this sign: in a back-health chat "the pain wakes me every night" is the back's.
    Only for signs that are a kind of pain; "I have a fever and it hurts" names no back."""
    history: bool = False
    """The sign is something that happened (a history of cancer): words that put it in the
    past (``Safety.resolved``) do not explain it away."""
    befalls: bool = False
    """The sign is something that befalls people (an accident, a faint): beside a back only
    implied (``Safety.coached``), it counts when told as the writer's, not when told of
    nobody in particular ("the news said a cyclist crashed", "that boxer fainted")."""
    episodic: bool = False
    """The sign is an episode that is a warning even once it has passed (a chest pain
    that eased after a few minutes on the walk): words that only say it ended
    (``Safety.passed``) do not explain it away, though a check that found nothing does."""
    within: str | None = None
    """A pattern that must also occur somewhere in the message (the older-person sign)."""
    unless: str | None = None
    """A pattern that, in the same clause, shows the words describe no sign: a weight
    loss sought on purpose, a fall feared rather than had, a bath's temperature."""
    despite_topic: bool = False
    """The words tell the writer's state whatever the message is about: the ``general``
    reasons (an exam, a course, a project, a story read) do not explain them away, since
    "I failed my exam and I want to end my life" is the sign itself."""
    grave: str | None = None
    """A pattern that, beside the sign's words, makes them grave whatever ``unless``
    reason the writer gives: a chest pain into the left arm is not explained by the bench
    press the writer blames it on."""

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_compiled(p) for p in patterns)

    @field_validator("within", "unless", "grave")
    @classmethod
    def _optional_compiles(cls, pattern: str | None) -> str | None:
        return None if pattern is None else _compiled(pattern)


class Safety(_Strict):
    source: Literal["editorial"]
    """All of it is backcoach's wording after standard guidance; the article has no triage."""
    tiers: dict[Tier, TierAdvice]
    warning_signs: str = Field(min_length=1)
    """Sent with ordinary pain during exercise: which signs would need a doctor, and where to go."""
    typo_targets: tuple[str, ...] = ()
    """Words a misspelling is corrected toward before the signs are looked for."""
    back_pain: str
    """What counts as back trouble for the signs marked ``with_back_pain``."""
    elsewhere: str | None = None
    """Parts of the body other than the back ("my knee", "toothache", "period pain"): a
    message that names one has no pain that stands for the back's (``unnamed_pain``)."""
    general: str | None = None
    """Words that show a message asks about a sign rather than tells one ("what are the
    symptoms of ...", a first-aid course, a novel): beside them no sign counts."""
    spectated: str | None = None
    """Words of a sport watched ("the F1", "commentators said"): a sign beside them that
    is nobody's the writer names (a crash, a tackle) is the sport's. The writer's own
    still counts: people tell a sign that came while they watched."""
    resolved: str | None = None
    """Words that put any sign in the past, over ("fine now", "used to", "years ago"); a
    sign told beside them is history, not a warning."""
    passed: str | None = None
    """The words with which a recovery (``resolved``) says only that an episode ended
    ("went away after a few minutes", "wore off"): for an ``episodic`` sign no reason."""
    coached: str | None = None
    """Words that report the coach's back exercises ("did the bridges", "walked 20 mins"):
    the message is part of the writer's back programme, so the writer's own sign told in
    it stands beside back trouble even when no back is named."""
    terms: dict[str, str] = Field(default_factory=dict)
    """Alternations several sign patterns share (the medicines a crisis names), written
    once: ``<name>`` in a sign's pattern stands for ``terms[name]``."""
    signs: tuple[RedFlagSign, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _terms_spelt_out(cls, data: object) -> object:
        """Each sign's ``<name>`` replaced by its term before the patterns compile."""
        if not isinstance(data, dict) or not data.get("terms"):
            return data
        terms: dict[str, str] = data["terms"]
        used = re.compile(rf"<({'|'.join(map(re.escape, terms))})>")

        def spelt_out(sign: object) -> object:
            if not isinstance(sign, dict) or "patterns" not in sign:
                return sign
            patterns = [used.sub(lambda m: f"({terms[m[1]]})", p) for p in sign["patterns"]]
            return {**sign, "patterns": patterns}

        return {**data, "signs": [spelt_out(sign) for sign in data.get("signs", ())]}

    @field_validator("back_pain")
    @classmethod
    def _back_pain_compiles(cls, pattern: str) -> str:
        return _compiled(pattern)

    @field_validator("resolved", "passed", "general", "elsewhere", "spectated", "coached")
    @classmethod
    def _resolved_compiles(cls, pattern: str | None) -> str | None:
        return None if pattern is None else _compiled(pattern)

    @model_validator(mode="after")
    def _every_tier_advised(self) -> Safety:
        missing = set(get_args(Tier)) - set(self.tiers)
        if missing:
            raise ValueError(f"advice missing for tier(s): {', '.join(sorted(missing))}")
        return self

    def advice(self, tier: Tier) -> str:
        return self.tiers[tier].advice

    def signs_of(self, tier: Tier) -> frozenset[str]:
        """The ids of the signs of ``tier``."""
        return frozenset(sign.id for sign in self.signs if sign.tier == tier)

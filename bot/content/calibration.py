"""The understanding's calibration: fitted weights and chosen thresholds.

``content/calibration.yaml`` has two kinds of numbers. The FAQ ranking's weights
are *fitted* by ``backcoach content calibrate`` on the examples of
``understanding.yaml``, leave-one-out, so they follow the content. The margins are
*chosen* by people on held-out messages (``bench/faq_eval.py``) and the fit never
changes them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bot.content.safety import Tier


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FaqCalibration(_Strict):
    weights: dict[str, float]
    """One weight per piece of evidence (see ``bot.core.faq.ranking.FEATURES``)."""
    answer_margin: float
    """An entry answers when its score plus the margin beats "no entry answers this"."""
    length_margin: float = 0.0
    """Added to the margin per unit of length (log(1 + characters) / 8): a long story
    resembles the out-of-scope stories more than a short question does."""


class ReadAlone(_Strict):
    """When the head is sure enough of the clause and the whole message to let a words
    finding go, whatever the story's other sentences read."""

    clause: float = Field(lt=0)
    """The clause the sign's words are told in, read alone, has log-odds below this."""
    whole: float = Field(lt=0)
    """The whole message has log-odds below this."""


class LetGo(_Strict):
    """When a warning sign the words reader found is let go: every part of the message,
    and the clause the sign is told in, reads as no sign to the trained head, *and* every
    part lies nearer something that is no sign than any sign's example. Either reader
    alone lost signs told in jokes and typos."""

    floor: float = Field(lt=0)
    """Every part's log-odds (``content/sign_head.npz``) is below this."""
    distance: float = Field(ge=0, lt=1)
    """Every part is at least this much closer to a counter-example than to any sign."""
    clause: float = Field(default=0.0, le=0)
    """The clause the sign's words are told in, read alone, has log-odds below this: a
    whole message can read as a question while its clause tells the sign ("my chest went
    tight and heavy at the gym lol, anyway what are 3 exercises...")."""
    alone: ReadAlone | None = None
    """Or the clause and the whole read as surely no sign (:class:`ReadAlone`): in a long
    story some sentence reads a little like a sign by chance ("Be kind pls." at -1.5), and
    that alone kept every words finding in it, however plainly the clause told no sign
    ("the GP said strengthening plus gradual weight loss would help", -7.8). None: never."""


class SignCalibration(_Strict):
    similar: float = Field(gt=0, lt=1)
    """The least cosine with a warning sign's example for a part of a message to count."""
    margin: float = Field(ge=0, lt=1)
    """How much closer to that example than to any counter-example it must be."""
    per_part: float = Field(default=0.0, ge=0, lt=1)
    """Added to the margin per log(parts read): a long story offers many sentences, and
    the more chances, the likelier one resembles a sign by accident."""
    look_alike: float | None = Field(default=None, gt=0, lt=1)
    """An urgent sign the words reader found is let go when every part of the message is
    at least this much closer to something that is no sign than to any sign's example: a
    flu that is over, a friend's cancer, "netflix and chills". None: never."""
    head_weight: float = Field(default=0.0, ge=0, lt=0.1)
    """How far the trained head (``content/sign_head.npz``) lowers the margin of a part
    that reads like a sign, per unit of its log-odds above zero. 0: the head is not
    consulted."""
    head_sure: float | None = Field(default=None, gt=0)
    """A part the trained head reads at least this sure of (log-odds) is a sign even near
    no sign's example, unless it denies or explains the sign's words away. None: never."""
    head_sure_denied: float | None = Field(default=None, gt=0)
    """A part that has a word of denial ("not", "didn't") is still a sign when the head
    reads it at least this sure: "I didn't realise I'd had an accident" tells the sign
    with its "not". None: such a part never counts as sure."""
    explained_alone: float | None = None
    """A part the head reads at least this sure of (log-odds) is explained away only by
    a reason in its own words, not by one in the sentences beside it: a story's "last
    year" or "no pain" beside "I came off the ladder yesterday and landed on my back" is
    about something else. None: the neighbours always count."""
    crisis_sure: float | None = Field(default=None, gt=0)
    """A part the crisis head (``content/crisis_head.npz``) reads at least this sure of
    (log-odds) is thoughts of ending one's life even near no example of them, unless it
    denies or explains the words away. None: the crisis head is not loaded."""
    crisis_whole: float | None = None
    """A part the crisis head is sure of counts only when the whole message reads at
    least this (log-odds): in a long story one sentence alone may read like a plan. None:
    any part counts."""
    head_veto: float | None = None
    """A part the meaning reader finds near a sign's example is no sign when the head reads
    it below this (log-odds). None: the head only ever adds findings."""
    unvetoed: tuple[str, ...] = ()
    """Signs the head does not judge: ``head_veto`` never lets them go, and the head does
    not learn their examples. Thoughts of ending one's life are no sign of the back: the
    head learnt from a few hundred of them beside thousands of the back's signs read most
    strangers' words for them as none, and learning them moved its reading of the back's
    look-alikes. A part near one of their examples is read as any part is then."""
    never_let_go: tuple[str, ...] = ()
    """Signs whose words, once the words reader finds them, no head lets go: their
    patterns name what no look-alike says (a drug that damps the immune system, a
    transplant), and the heads, which learnt few of them, read them as none."""
    let_go: dict[Tier, LetGo] = Field(default_factory=dict)
    """Per tier, when the trained head lets a words finding go (:class:`LetGo`); a tier
    not named here is never let go this way. Needs ``head_weight`` above 0."""
    finding: dict[Tier, float] = Field(default_factory=dict)
    """Per tier, the log-odds below which the finding head (``content/finding_head.npz``,
    :mod:`bot.core.safety.finding`) lets a words finding go; a tier not named here is
    never let go by it, and with no tier named the head is not loaded."""


class Calibration(_Strict):
    faq: FaqCalibration
    signs: SignCalibration

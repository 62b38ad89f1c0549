"""The understanding's calibration: fitted weights and chosen thresholds.

``content/calibration.yaml`` has two kinds of numbers. The FAQ ranking's weights
are *fitted* by ``backcoach content calibrate`` on the examples of
``understanding.yaml``, leave-one-out, so they follow the content. The margins are
*chosen* by people on held-out messages (``bench/faq_eval.py``) and the fit never
changes them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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


class Calibration(_Strict):
    faq: FaqCalibration
    signs: SignCalibration

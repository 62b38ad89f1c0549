"""Whose words a piece of content is: the article's, or backcoach's own.

Every sentence that states something about health or exercise carries a
``source`` field beside it in the data, so an editor sees at a glance what is
quoted and what is ours, and the bot can show the difference:

- ``article``: the article's words, quoted or closely paraphrased; wherever it
  is shown, the article is credited (in the sentence itself, "The article
  suggests…", or by the attribution line of the same message).
- ``editorial``: backcoach's wording. It is never shown as if it were the
  article's: beside article text it carries the editorial label ("backcoach's
  note:"), or sits under a heading that says it is ours.

``tests/content/test_sources.py`` walks every content file and fails on a
health claim that has no ``source`` beside it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Source = Literal["article", "editorial"]


class Sourced(BaseModel):
    """A sentence or two and whose words they are: ``{text: "...", source: article}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    source: Source

    @property
    def editorial(self) -> bool:
        return self.source == "editorial"

"""The FAQ as data: the article's questions with their answers."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.content.sources import Source, Sourced


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ArticleSource(_Strict):
    title: str
    author: str
    updated: str


class FaqEntry(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    question: str = Field(min_length=3)
    answer: str = Field(min_length=1)
    source: Source
    group: str | None = None
    """Entries sharing a group ask the same thing; answering with either is right."""
    phrasings: tuple[str, ...] = ()
    note: Sourced | None = None
    """Shown under the answer: backcoach's word on it (labelled as ours when editorial)."""
    exercise: str | None = None
    routine: str | None = None

    @property
    def group_key(self) -> str:
        return self.group or self.id


class FaqBook(_Strict):
    source: ArticleSource
    entries: tuple[FaqEntry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique(self) -> FaqBook:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.id in seen:
                raise ValueError(f"duplicate FAQ id {entry.id!r}")
            seen.add(entry.id)
        return self

    def get(self, entry_id: str) -> FaqEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def by_question(self, question: str) -> FaqEntry | None:
        return next((e for e in self.entries if e.question == question), None)

    def same_group(self, a: FaqEntry, b: FaqEntry) -> bool:
        return a.group_key == b.group_key

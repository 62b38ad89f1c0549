"""Answering a free-text question: red flags first, then small talk, then the FAQ.

:class:`Answerer` is pure (no database), so ``backcoach ask`` and the benchmark
use exactly what the chat uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from bot.content import Content, FaqEntry
from bot.core import safety, smalltalk
from bot.core.exercises.render import routine_action, start_action
from bot.core.faq import FaqMatcher, Match
from bot.core.markup import Markup
from bot.core.messages import Button, OutboundMessage, Reply, buttons_in_rows, message
from bot.core.sources import shown

AnswerKind = Literal["faq", "out_of_scope", "red_flag", "smalltalk"]

CONFIDENT_SCORE = 0.5
"""Below this the matcher's best guess is offered as a topic, never given as the answer.

Calibrated with ``bench/faq_eval.py``: in-scope questions mostly score above 0.55,
off-topic ones (other body parts, products, trivia) below 0.45."""
MAX_RELATED = 3
RANK_LIMIT = 2 * MAX_RELATED + 1
"""Ranked deep enough to fill the related topics after dropping same-group duplicates."""
MAX_SENTENCES = 12
"""A long message is read a sentence or two at a time up to here (bounds the work)."""
_SENTENCE_END = re.compile(r"(?<=[.?!;])\s+|\n+")
_QUESTION_WORDS = frozenset(
    {"how", "what", "which", "why", "when", "where", "who", "does", "do", "did", "is", "are",
     "can", "could", "should", "would", "will", "any", "anything"}
)  # fmt: skip


def _asking_clauses(sentence: str) -> tuple[str, str]:
    """The sentence from its last clause that opens a question ("..., should I walk?"),
    and from the clause before that one ("my back is sore, should I walk?")."""
    clauses = sentence.split(",")
    for start in range(len(clauses) - 1, 0, -1):
        if _opens_a_question(clauses[start]):
            return ",".join(clauses[start:]).strip(), ",".join(clauses[start - 1 :]).strip()
    return sentence, sentence


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or _opens_a_question(sentence)


def _opens_a_question(text: str) -> bool:
    words = text.strip().casefold().split()
    return bool(words) and words[0] in _QUESTION_WORDS


@dataclass(frozen=True, slots=True)
class Answer:
    kind: AnswerKind
    entry: FaqEntry | None = None
    score: float = 0.0
    related: tuple[FaqEntry, ...] = ()
    smalltalk: smalltalk.SmallTalk | None = None
    ranked: tuple[Match, ...] = field(default=(), repr=False)

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "question": self.entry.question if self.entry else None,
            "id": self.entry.id if self.entry else None,
            "answer": Markup.from_content(self.entry.answer.strip()).text if self.entry else None,
            "score": round(self.score, 4),
            "related": [e.question for e in self.related],
        }


class Answerer:
    def __init__(self, content: Content) -> None:
        self.content = content
        self.matcher = FaqMatcher(content.faq)
        self.red_flags = safety.RedFlagCheck(content.safety)

    def answer(self, text: str) -> Answer:
        if self.red_flags.find(text) is not None:
            return Answer("red_flag")
        talk = smalltalk.detect(text)
        if talk is not None:
            return Answer("smalltalk", smalltalk=talk)
        ranked = self.matcher.rank(text, limit=RANK_LIMIT)
        if not ranked or ranked[0].score < CONFIDENT_SCORE:
            ranked = self._focused(text) or ranked
        if not ranked or ranked[0].score < CONFIDENT_SCORE:
            score = ranked[0].score if ranked else 0.0
            closest = self._one_per_group(m.entry for m in ranked)
            return Answer("out_of_scope", score=score, related=closest, ranked=tuple(ranked))
        best = ranked[0]
        related = self._related(best.entry, ranked)
        return Answer("faq", best.entry, best.score, related, ranked=tuple(ranked))

    def _focused(self, text: str) -> list[Match]:
        """The ranking of the question in a long message, if it is clear on its own.

        People often tell their story first ("I started a new office job...") and
        ask last; the whole message then matches every entry weakly. Each question
        sentence is ranked alone, from its asking clause on ("..., is it a good idea
        to walk?") with and without the clause before, and that clause with the
        sentence before it (which often names what "it" is); one of those must be
        confident on its own to count.
        """
        sentences = [s for s in _SENTENCE_END.split(text) if s.strip()][:MAX_SENTENCES]
        passages: list[str] = []
        for index, sentence in enumerate(sentences):
            if _is_question(sentence):
                asked, with_context = _asking_clauses(sentence)
                passages.extend(p for p in (sentence, asked, with_context) if p != text)
                if index:
                    passages.append(f"{sentences[index - 1]} {asked}")
        best: list[Match] = []
        for passage in passages:
            ranked = self.matcher.rank(passage, limit=RANK_LIMIT)
            confident = ranked and ranked[0].score >= CONFIDENT_SCORE
            if confident and (not best or ranked[0].score > best[0].score):
                best = ranked
        return best

    def related_to(self, entry: FaqEntry) -> tuple[FaqEntry, ...]:
        """Topics to offer beside ``entry`` when it is shown from a button."""
        return self._related(entry, self.matcher.rank(entry.question, limit=RANK_LIMIT))

    def _related(self, entry: FaqEntry, ranked: list[Match]) -> tuple[FaqEntry, ...]:
        others = (m.entry for m in ranked if not self.content.faq.same_group(m.entry, entry))
        return self._one_per_group(others)

    def _one_per_group(self, entries: Iterable[FaqEntry]) -> tuple[FaqEntry, ...]:
        """Up to :data:`MAX_RELATED` entries, never two near-duplicate headings."""
        chosen: dict[str, FaqEntry] = {}
        for entry in entries:
            chosen.setdefault(entry.group_key, entry)
        return tuple(chosen.values())[:MAX_RELATED]

    def render(self, answer: Answer) -> Reply:
        texts = self.content.messages
        meta = answer.as_json()
        if answer.kind == "red_flag":
            return [message(red_flag_message(self.content), meta=meta)]
        if answer.kind == "smalltalk":
            lines = {
                "greeting": texts.smalltalk_greeting,
                "thanks": texts.smalltalk_thanks,
                "goodbye": texts.smalltalk_goodbye,
            }
            return [message(lines[answer.smalltalk or "greeting"], meta=meta)]
        if answer.kind == "out_of_scope" or answer.entry is None:
            if not answer.related:
                return [message(texts.not_sure_no_topics, meta=meta)]
            return [
                message(
                    Markup.from_content(texts.not_sure.strip()),
                    buttons=topic_buttons(answer.related),
                    meta=meta,
                )
            ]
        return [render_entry(self.content, answer.entry, answer.related, meta=meta)]


def red_flag_message(content: Content) -> Markup:
    return Markup.from_content(content.safety.red_flag_advice.strip())


def topic_buttons(entries: tuple[FaqEntry, ...] | list[FaqEntry]) -> tuple[tuple[Button, ...], ...]:
    return buttons_in_rows(Button(e.question, f"faq:{e.id}") for e in entries)


def render_entry(
    content: Content,
    entry: FaqEntry,
    related: tuple[FaqEntry, ...] = (),
    *,
    meta: dict[str, object] | None = None,
) -> OutboundMessage:
    parts = [Markup.bold(entry.question), Markup.from_content(entry.answer.strip())]
    if entry.note is not None:
        parts.append(shown(content.messages, entry.note))
    parts.append(Markup.italic(_source_line(content, entry)))
    text = Markup.join(parts, separator="\n\n")
    buttons = (*practice_buttons(content, entry), *topic_buttons(related))
    return message(text, buttons=buttons, meta=meta)


def practice_buttons(content: Content, entry: FaqEntry) -> tuple[tuple[Button, ...], ...]:
    """An answer that describes an exercise or a routine offers to guide it, step by step."""
    row: list[Button] = []
    exercise = content.exercises.get(entry.exercise) if entry.exercise else None
    if exercise is not None:
        row.append(Button(f"▶ Guide me: {exercise.name}", start_action(exercise.id)))
    routine = content.routines.get(entry.routine) if entry.routine else None
    if routine is not None:
        row.append(Button(f"▶ Guide me: {routine.name}", routine_action(routine.id)))
    return (tuple(row),) if row else ()


def _source_line(content: Content, entry: FaqEntry) -> str:
    messages = content.messages
    if entry.source == "editorial":
        return f"{messages.editorial_answer} {messages.attribution}"
    return messages.attribution

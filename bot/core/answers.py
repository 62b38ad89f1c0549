"""Answering a free-text question: red flags first, then small talk, then the FAQ.

:class:`Answerer` is pure (no database), so ``backcoach ask`` and the benchmark
use exactly what the chat uses. A message is read once (:class:`Reader`: its
sentences, the parts that ask, their vectors) and both the red-flag check and the
FAQ ranking use that reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from bot.content import Content, FaqEntry, default_content_dir
from bot.core import smalltalk
from bot.core.actions import Action
from bot.core.exercises.render import routine_action, start_action
from bot.core.faq import FaqMatcher, Match
from bot.core.faq.disguise import undisguised
from bot.core.faq.head import FaqHead
from bot.core.faq.meaning import FaqMeaning
from bot.core.faq.ranking import FaqRanking
from bot.core.faq.script import mostly_unread
from bot.core.markup import Markup, fill
from bot.core.messages import Button, OutboundMessage, Reply, buttons_in_rows, message
from bot.core.safety import RedFlag, RedFlagCheck
from bot.core.semantic.encoder import Encoder, shipped_encoder
from bot.core.semantic.reading import READING_RULES, Reader
from bot.core.semantic.vectors import ContentVectors, MessageVectors
from bot.core.sources import shown

AnswerKind = Literal["faq", "out_of_scope", "red_flag", "smalltalk"]
FAQ_TOPIC = Action("faq")
"""``faq:<entry-id>``: a topic's button (answered by :func:`bot.core.basics.faq_button`)."""

MAX_RELATED = 3
ANSWERS_KEPT = 1024
"""Answers kept by text: a question asked again (a common one, or the same person's
check and answer of one message) costs a lookup. The content never changes while
the bot runs, so a kept answer is never stale."""
RELATED_FLOOR = 0.02
"""A topic is offered beside "not sure" only if at least this likely: a question about a
mattress may be pointed at the exercises, one about dinner at nothing."""


@dataclass(frozen=True, slots=True)
class Answer:
    kind: AnswerKind
    entry: FaqEntry | None = None
    score: float = 0.0
    """The best entry's probability (0..1) among the entries and "no entry", for an FAQ
    answer or a "not sure"; 0 for a red flag or small talk, which are never ranked."""
    related: tuple[FaqEntry, ...] = ()
    smalltalk: smalltalk.SmallTalk | None = None
    red_flag: RedFlag | None = None
    ranked: tuple[Match, ...] = field(default=(), repr=False)
    unread: bool = False
    """Written mostly in a script the bot cannot read (:mod:`bot.core.faq.script`): not
    answered from the part it could, and the reply shows the warning signs."""


class Answerer:
    def __init__(
        self, content: Content, encoder: Encoder | None = None, *, trained_head: bool = True
    ) -> None:
        """``trained_head=False`` stands in an untrained FAQ head and leaves the sign head
        out, for calibrating new ones."""
        self.content = content
        encoder = encoder or shipped_encoder()
        self.vectors = ContentVectors(encoder, content.root)
        self.messages = MessageVectors(content.root, READING_RULES)
        self.content_reader = Reader(self.vectors.of, self.messages)
        self.reader = Reader(encoder.embed)
        self.matcher = FaqMatcher(content.faq)
        meaning = FaqMeaning(content, self.content_reader)
        root = content.root or default_content_dir()
        head = FaqHead.load(root, content.faq) if trained_head else FaqHead.untrained(content.faq)
        self.ranking = FaqRanking(self.matcher, meaning, head, content.calibration.faq)
        self.red_flags = RedFlagCheck.of(
            content, self.content_reader, self.reader, trained_head=trained_head
        )
        self._answers = lru_cache(maxsize=ANSWERS_KEPT)(self._answer)
        self._replies = lru_cache(maxsize=ANSWERS_KEPT)(self._reply_to)

    def answer(self, text: str) -> Answer:
        """The answer to ``text``: a warning sign, small talk, an FAQ entry or "not sure"."""
        return self._answers(text)

    def reply(self, text: str) -> Reply:
        """What the person reads in answer to ``text`` (:meth:`render` of :meth:`answer`)."""
        return list(self._replies(text))

    def _reply_to(self, text: str) -> tuple[OutboundMessage, ...]:
        return tuple(self.render(self.answer(text)))

    def _answer(self, text: str) -> Answer:
        text = undisguised(text)
        flag = self.red_flags.find(text)
        if flag is not None:
            return Answer("red_flag", red_flag=flag)
        talk = smalltalk.detect(text)
        if talk is not None:
            return Answer("smalltalk", smalltalk=talk)
        if mostly_unread(text):
            return Answer("out_of_scope", unread=True)
        ranking = self.ranking.rank(self.reader.read(text))
        best = ranking.matches[0]
        if not ranking.confident:
            likely = (m.entry for m in ranking.matches if m.score >= RELATED_FLOOR)
            closest = self._one_per_group(likely)
            return Answer("out_of_scope", score=best.score, related=closest, ranked=ranking.matches)
        related = self._related(best.entry, ranking.matches)
        return Answer("faq", best.entry, best.score, related, ranked=ranking.matches)

    def related_to(self, entry: FaqEntry) -> tuple[FaqEntry, ...]:
        """Topics to offer beside ``entry`` when it is shown from a button."""
        ranking = self.ranking.rank(self.reader.read(entry.question))
        return self._related(entry, ranking.matches)

    def _related(self, entry: FaqEntry, ranked: Iterable[Match]) -> tuple[FaqEntry, ...]:
        others = (m.entry for m in ranked if not self.content.faq.same_group(m.entry, entry))
        return self._one_per_group(others)

    def _one_per_group(self, entries: Iterable[FaqEntry]) -> tuple[FaqEntry, ...]:
        """Up to :data:`MAX_RELATED` entries, never two near-duplicate headings."""
        chosen: dict[str, FaqEntry] = {}
        for entry in entries:
            chosen.setdefault(entry.group_key, entry)
            if len(chosen) == MAX_RELATED:
                break
        return tuple(chosen.values())

    def describe(self, answer: Answer) -> dict[str, object]:
        """The answer as ``backcoach ask --json`` prints it: what a script needs to know.

        ``answer`` is always the text the person would read: the entry's answer for
        an FAQ, and otherwise the reply itself (the urgent-care advice, the small
        talk, the "not sure" line), so a script never misses the advice.
        """
        return self._describe(answer, self._compose(answer))

    def _describe(self, answer: Answer, reply: Reply) -> dict[str, object]:
        if answer.entry is not None and answer.kind == "faq":
            text = Markup.from_content(answer.entry.answer.strip()).text
        else:
            text = "\n\n".join(outbound.plain_text for outbound in reply)
        return {
            "kind": answer.kind,
            "question": answer.entry.question if answer.kind == "faq" and answer.entry else None,
            "id": answer.entry.id if answer.kind == "faq" and answer.entry else None,
            "answer": text,
            "score": round(answer.score, 4),
            "related": [e.question for e in answer.related],
            "tier": answer.red_flag.tier if answer.red_flag else None,
            "sign": answer.red_flag.id if answer.red_flag else None,
            "unread": answer.unread,
        }

    def render(self, answer: Answer) -> Reply:
        """The reply, each message carrying the answer's description (``meta``)."""
        reply = self._compose(answer)
        meta = self._describe(answer, reply)
        return [replace(outbound, meta=meta) for outbound in reply]

    def _compose(self, answer: Answer) -> Reply:
        texts = self.content.messages
        if answer.kind == "red_flag" and answer.red_flag is not None:
            return [message(red_flag_message(self.content, answer.red_flag))]
        if answer.kind == "smalltalk":
            lines = {
                "greeting": texts.smalltalk_greeting,
                "thanks": texts.smalltalk_thanks,
                "goodbye": texts.smalltalk_goodbye,
            }
            return [message(lines[answer.smalltalk or "greeting"])]
        if answer.unread:
            signs = Markup.from_content(self.content.safety.warning_signs.strip())
            return [message(texts.unread), message(signs)]
        if answer.kind == "out_of_scope" or answer.entry is None:
            if not answer.related:
                return [message(texts.not_sure_no_topics)]
            not_sure = Markup.from_content(texts.not_sure.strip())
            return [message(not_sure, buttons=topic_buttons(answer.related))]
        return [render_entry(self.content, answer.entry, answer.related)]


def red_flag_message(content: Content, flag: RedFlag) -> Markup:
    """The advice of the sign's tier: an emergency number, or a doctor today."""
    return Markup.from_content(content.safety.advice(flag.tier).strip())


def topic_buttons(entries: tuple[FaqEntry, ...] | list[FaqEntry]) -> tuple[tuple[Button, ...], ...]:
    return buttons_in_rows(Button(e.question, FAQ_TOPIC.id(e.id)) for e in entries)


def render_entry(
    content: Content,
    entry: FaqEntry,
    related: tuple[FaqEntry, ...] = (),
) -> OutboundMessage:
    parts = [Markup.bold(entry.question), Markup.from_content(entry.answer.strip())]
    if entry.note is not None:
        parts.append(shown(content.messages, entry.note))
    parts.append(Markup.italic(_source_line(content, entry)))
    text = Markup.join(parts, separator="\n\n")
    buttons = (*practice_buttons(content, entry), *topic_buttons(related))
    return message(text, buttons=buttons)


def practice_buttons(content: Content, entry: FaqEntry) -> tuple[tuple[Button, ...], ...]:
    """An answer that describes an exercise or a routine offers to guide it, step by step."""
    row: list[Button] = []
    guide_me = content.messages.guide_me
    exercise = content.exercises.get(entry.exercise) if entry.exercise else None
    if exercise is not None:
        row.append(Button(fill(guide_me, name=exercise.name).text, start_action(exercise.id)))
    routine = content.routines.get(entry.routine) if entry.routine else None
    if routine is not None:
        row.append(Button(fill(guide_me, name=routine.name).text, routine_action(routine.id)))
    return (tuple(row),) if row else ()


def _source_line(content: Content, entry: FaqEntry) -> str:
    messages = content.messages
    if entry.source == "editorial":
        return f"{messages.editorial_answer} {messages.attribution}"
    return messages.attribution

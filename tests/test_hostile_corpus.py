"""The regression corpus (tests/data/hostile_inputs.jsonl), replayed turn by turn.

Each line is a hostile input a person could type, or button data a forged or
stale button could carry. Every one goes through the console, and every reply
through both platform renderers: no turn may fail or stay unanswered, no
rendered part may break its platform's limit or markup, and nothing a person
typed may render live on Discord or reach the terminal as a control sequence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bot.adapters.discord.render import MESSAGE_LIMIT, render
from bot.adapters.telegram.render import TEXT_LIMIT, text_parts, to_html, utf16_length
from bot.app import App
from bot.core.events import ButtonPress
from bot.core.messages import OutboundMessage, message
from tests.conftest import ConsoleUser
from tests.fakes.telegram_html import parse_html

CORPUS = Path(__file__).parent / "data" / "hostile_inputs.jsonl"
SORRY = "Sorry, something went wrong on my side"
LIVE_ON_DISCORD = re.compile(r"(?<!\\)<(?:[@#:/]|a:|t:)|\b(?:https?|steam|discord|ftp)://")
"""A Discord token or link that would render live (every ``<`` we send is escaped)."""
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]")


@dataclass(frozen=True)
class Hostile:
    kind: str
    """``text`` (typed in the console) or ``button`` (data a forged button carries)."""
    input: str
    why: str


def corpus() -> list[Hostile]:
    return [Hostile(**json.loads(line)) for line in CORPUS.read_text().splitlines() if line]


def test_the_corpus_holds_at_least_four_hundred_hostile_inputs() -> None:
    cases = corpus()
    assert len(cases) >= 400
    assert {case.kind for case in cases} == {"text", "button"}


def check_renders(reply: OutboundMessage) -> None:
    """The reply as Discord and Telegram would get it: within limits, nothing live."""
    for part in render(reply):
        assert len(part.content) <= MESSAGE_LIMIT
        assert not LIVE_ON_DISCORD.search(part.content), part.content
    for part in text_parts(reply.text):
        assert utf16_length(part.text) <= TEXT_LIMIT
        parse_html(to_html(part))  # the HTML Telegram would accept


async def test_every_hostile_input_gets_an_answer_within_every_platform_limit(
    app: App, user: ConsoleUser
) -> None:
    await user.says("/start")
    unanswered: list[Hostile] = []
    failed: list[Hostile] = []
    for case in corpus():
        start = user.out.tell()
        if case.kind == "button":
            event = ButtonPress(user.console.sender, user.console.chat, case.input)
            replies = await app.conversation.handle(event)
            for reply in replies:
                user.console.show(reply)
        else:
            replies = await user.console.submit(case.input)
        printed = user.out.getvalue()[start:]
        if not replies:
            unanswered.append(case)
        if any(r.text.text.startswith(SORRY) for r in replies):
            failed.append(case)
        assert not TERMINAL_CONTROL.search(printed), (case, printed)
        for reply in replies:
            check_renders(reply)
    assert unanswered == []
    assert failed == []


def test_a_discord_part_stays_within_the_limit_when_escaping_doubles_its_length() -> None:
    """Escaping ``<`` and markdown adds characters; the renderer cuts again."""
    parts = render(message("<#1>*_" * 1000))
    assert len(parts) > 3
    assert all(len(p.content) <= MESSAGE_LIMIT for p in parts)
    assert not any(LIVE_ON_DISCORD.search(p.content) for p in parts)
